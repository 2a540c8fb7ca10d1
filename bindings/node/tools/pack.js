'use strict'
// `npm pack` / `npm publish` hooks. `node tools/pack.js` (prepack) puts a self-contained Rust
// build of the addon under native/: the core crate as `cargo package` normalises it (workspace
// fields resolved, tests left out), this binding's sources, a manifest that names its own
// workspace, the release profile and the repository's Cargo.lock. tools/install.js builds from
// there when no prebuilt addon loads, so the tarball installs anywhere Rust is.
// `node tools/pack.js --clean` (postpack) removes native/ again.
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')
const zlib = require('node:zlib')

const here = path.resolve(__dirname, '..')
const root = path.resolve(here, '..', '..')
const native = path.join(here, 'native')

function die(msg) {
  console.error(`redactum pack: ${msg}`)
  process.exit(1)
}

function run(cmd, args, opts = {}) {
  const p = spawnSync(cmd, args, { encoding: 'utf8', cwd: root, maxBuffer: 64 << 20, ...opts })
  if (p.error) die(`${cmd} could not start: ${p.error.message}`)
  if (p.status !== 0) die(`${cmd} ${args.join(' ')} failed:\n${p.stderr}`)
  return p.stdout
}

/** The entries of an uncompressed tar archive (regular files only), as {name, data}. */
function untar(buf) {
  const out = []
  let longName = null
  for (let off = 0; off + 512 <= buf.length; ) {
    const header = buf.subarray(off, off + 512)
    if (header.every((b) => b === 0)) break
    const field = (start, len) => header.subarray(start, start + len).toString('latin1').replace(/\0.*$/s, '')
    const size = parseInt(field(124, 12).trim() || '0', 8)
    const type = field(156, 1) || '0'
    const prefix = field(345, 155)
    let name = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100))
    longName = null
    const data = buf.subarray(off + 512, off + 512 + size)
    if (type === 'L') longName = data.toString('utf8').replace(/\0.*$/s, '')
    else if (type === '0' || type === '7') out.push({ name, data })
    else if (type !== '5' && type !== 'x' && type !== 'g') die(`unexpected tar entry type ${type} for ${name}`)
    off += 512 + Math.ceil(size / 512) * 512
  }
  return out
}

/** A TOML string literal. */
const str = (s) => JSON.stringify(s)

/** One dependency of `cargo metadata` as a TOML inline table, `path` rewritten by `pathFor`. */
function depLine(dep, pathFor) {
  const parts = []
  if (dep.path) parts.push(`path = ${str(pathFor(dep))}`)
  else parts.push(`version = ${str(dep.req)}`)
  if (dep.features.length) parts.push(`features = [${dep.features.map(str).join(', ')}]`)
  if (!dep.uses_default_features) parts.push('default-features = false')
  if (dep.optional) parts.push('optional = true')
  return `${str(dep.rename || dep.name)} = { ${parts.join(', ')} }`
}

/** The `[profile.*]` sections of the workspace manifest, as written there. */
function profiles(manifest) {
  const lines = manifest.split('\n')
  const out = []
  let keep = false
  for (const line of lines) {
    const header = line.match(/^\s*\[([^\]]+)\]\s*(#.*)?$/)
    if (header) keep = header[1].trim().startsWith('profile.')
    if (keep && !/^\s*#/.test(line)) out.push(line)
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim()
}

function prepare() {
  fs.rmSync(native, { recursive: true, force: true })
  const meta = JSON.parse(
    run('cargo', ['metadata', '--format-version', '1', '--no-deps', '--offline', '--manifest-path', path.join(root, 'Cargo.toml')]),
  )
  const node = meta.packages.find((p) => p.name === 'redactum-node')
  const core = meta.packages.find((p) => p.name === 'redactum')
  if (!node || !core) die('cargo metadata did not list redactum-node and redactum')

  // The core crate, normalised by cargo itself.
  const target = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'redactum-pack-'))
  try {
    // Offline first (the registry cache of a machine that built the workspace has every crate);
    // cargo package resolves a lock file for the crate and may need the index otherwise.
    const args = ['package', '-p', 'redactum', '--no-verify', '--allow-dirty']
    const env = { ...process.env, CARGO_TARGET_DIR: target }
    const offline = spawnSync('cargo', [...args, '--offline'], { cwd: root, env, encoding: 'utf8' })
    if (offline.status !== 0) run('cargo', args, { env })
    const crate = path.join(target, 'package', `redactum-${core.version}.crate`)
    const prefix = `redactum-${core.version}/`
    for (const { name, data } of untar(zlib.gunzipSync(fs.readFileSync(crate)))) {
      if (!name.startsWith(prefix)) die(`unexpected path ${name} in ${crate}`)
      const rel = name.slice(prefix.length)
      if (rel === 'Cargo.toml.orig' || rel === 'Cargo.lock' || rel === '.cargo_vcs_info.json') continue
      const dest = path.join(native, 'core', rel)
      fs.mkdirSync(path.dirname(dest), { recursive: true })
      fs.writeFileSync(dest, data)
    }
  } finally {
    fs.rmSync(target, { recursive: true, force: true })
  }
  if (!fs.existsSync(path.join(native, 'core', 'src', 'lib.rs'))) die('the packaged core has no src/lib.rs')

  // The binding's own sources.
  const nodeDir = path.dirname(node.manifest_path)
  fs.cpSync(path.join(nodeDir, 'src'), path.join(native, 'src'), { recursive: true })
  fs.copyFileSync(path.join(nodeDir, 'build.rs'), path.join(native, 'build.rs'))

  const deps = { normal: [], build: [] }
  for (const d of node.dependencies) {
    if (d.kind === null) deps.normal.push(d)
    else if (d.kind === 'build') deps.build.push(d)
  }
  const pathFor = (d) => {
    if (d.name !== 'redactum') die(`path dependency ${d.name} of redactum-node cannot be packed`)
    return 'core'
  }
  const features = Object.entries(node.features)
    .map(([k, v]) => `${str(k)} = [${v.map(str).join(', ')}]`)
    .join('\n')
  const workspace = fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8')
  const manifest = [
    '# Written by tools/pack.js from the repository manifests: the Rust build of the addon that',
    '# tools/install.js runs when no prebuilt addon fits the platform.',
    '[package]',
    `name = ${str(node.name)}`,
    `version = ${str(node.version)}`,
    `edition = ${str(node.edition)}`,
    node.rust_version ? `rust-version = ${str(node.rust_version)}` : '',
    `license = ${str(node.license)}`,
    'publish = false',
    '',
    '[lib]',
    'crate-type = ["cdylib"]',
    'path = "src/lib.rs"',
    'test = false',
    'doctest = false',
    '',
    '[features]',
    features,
    '',
    '[dependencies]',
    ...deps.normal.map((d) => depLine(d, pathFor)),
    '',
    '[build-dependencies]',
    ...deps.build.map((d) => depLine(d, pathFor)),
    '',
    profiles(workspace),
    '',
    '# Its own workspace: never part of one the package happens to be unpacked under.',
    '[workspace]',
    '',
  ]
    .filter((l, i, a) => !(l === '' && a[i - 1] === ''))
    .join('\n')
  fs.writeFileSync(path.join(native, 'Cargo.toml'), manifest)
  fs.copyFileSync(path.join(root, 'Cargo.lock'), path.join(native, 'Cargo.lock'))
  for (const f of ['LICENSE-MIT', 'LICENSE-APACHE']) fs.copyFileSync(path.join(root, f), path.join(native, f))
}

if (process.argv.includes('--clean')) fs.rmSync(native, { recursive: true, force: true })
else prepare()
