'use strict'
// The packed tarball (npm pack) carries the Rust sources under native/ and its install builds
// the addon from them (tools/pack.js, tools/install.js): a real pack, a real `npm install` of the
// tarball into an empty project, a real cargo build, then the addon redacts.
const test = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const pkgDir = path.join(__dirname, '..')
const repo = path.join(pkgDir, '..', '..')

function run(cmd, args, opts = {}) {
  const p = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts })
  assert.equal(p.error, undefined, `${cmd}: ${p.error}`)
  assert.equal(p.status, 0, `${cmd} ${args.join(' ')}:\n${p.stdout}\n${p.stderr}`)
  return p.stdout
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'redactum-pack-'))
let packed = null

function pack() {
  if (packed) return packed
  const out = run('npm', ['pack', '--json', '--pack-destination', work], { cwd: pkgDir })
  const info = JSON.parse(out.slice(out.indexOf('[')))[0]
  packed = { info, tarball: path.join(work, info.filename), files: info.files.map((f) => f.path) }
  return packed
}

test('npm pack puts the core, the binding sources and a standalone manifest in the tarball', () => {
  const { files } = pack()
  for (const f of ['native/Cargo.toml', 'native/Cargo.lock', 'native/build.rs', 'native/src/lib.rs', 'native/core/Cargo.toml', 'native/core/build.rs', 'native/core/src/lib.rs', 'tools/install.js', 'LICENSE-MIT', 'LICENSE-APACHE']) {
    assert.ok(files.includes(f), `${f} missing from the tarball`)
  }
  const rules = fs.readdirSync(path.join(repo, 'core', 'rules')).filter((f) => f.endsWith('.toml'))
  assert.ok(rules.length > 10)
  for (const r of rules) assert.ok(files.includes(`native/core/rules/${r}`), `rule file ${r} missing`)
  assert.ok(!files.some((f) => f.endsWith('.node')), 'no prebuilt addon of the packing machine is shipped')
  assert.ok(!files.some((f) => f.startsWith('native/core/tests/')), 'core tests are not shipped')
  assert.ok(!fs.existsSync(path.join(pkgDir, 'native')), 'postpack removed native/')

  const dir = path.join(work, 'unpacked')
  fs.mkdirSync(dir)
  run('tar', ['xzf', packed.tarball, '-C', dir])
  const manifest = fs.readFileSync(path.join(dir, 'package', 'native', 'Cargo.toml'), 'utf8')
  assert.match(manifest, /^"redactum" = \{ path = "core" \}$/m)
  assert.match(manifest, /^\[workspace\]$/m, 'a workspace of its own')
  assert.match(manifest, /^\[profile\.release\]$/m)
  assert.doesNotMatch(manifest, /\.workspace\s*=/, 'no inherited fields left')
  const core = fs.readFileSync(path.join(dir, 'package', 'native', 'core', 'Cargo.toml'), 'utf8')
  assert.doesNotMatch(core, /workspace\s*=\s*true/)
  assert.ok(info().size < 2_000_000, `tarball of ${info().size} bytes`)
})

function info() {
  return pack().info
}

test('npm install of the tarball builds the addon with cargo and it redacts', { timeout: 30 * 60_000 }, () => {
  const { tarball } = pack()
  const proj = path.join(work, 'project')
  fs.mkdirSync(proj)
  fs.writeFileSync(path.join(proj, 'package.json'), JSON.stringify({ name: 'p', version: '1.0.0', private: true }))
  const env = { ...process.env, REDACTUM_SKIP_INSTALL_BUILD: '', CARGO_PROFILE_RELEASE_LTO: 'false', CARGO_PROFILE_RELEASE_CODEGEN_UNITS: '16' }
  delete env.CARGO_TARGET_DIR
  run('npm', ['install', '--no-audit', '--no-fund', '--foreground-scripts', tarball], { cwd: proj, env })
  const installed = path.join(proj, 'node_modules', 'redactum')
  assert.ok(
    fs.readdirSync(installed).some((f) => /^redactum\..*\.node$/.test(f)),
    'the install built an addon',
  )
  assert.ok(!fs.existsSync(path.join(installed, 'target')), 'the build directory was removed')
  const script = `
    const { Redactor } = require('redactum')
    const r = new Redactor({ format: 'text' })
    process.stdout.write(r.redact('mail ann@example.com key=AKIAZ3MHKEY7PQ4XW2LN'))`
  const out = run(process.execPath, ['-e', script], { cwd: proj })
  assert.equal(out, 'mail [REDACTED:email] key=[REDACTED:aws-access-key-id]')
})

test.after(() => fs.rmSync(work, { recursive: true, force: true }))
