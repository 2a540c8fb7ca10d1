'use strict'
// `npm install` hook: use a prebuilt addon when one loads on this platform; otherwise build it
// from the Rust sources next to this package (a checkout: `npm install ./bindings/node`), or say
// clearly what is missing. Never the "npm has a bug" text of a failed optional dependency.
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const here = path.resolve(__dirname, '..')
const platform = `${process.platform}-${process.arch}`

function loads() {
  try {
    require(path.join(here, 'binding.js'))
    return true
  } catch {
    return false
  }
}

/** The file name binding.js looks for on this platform, e.g. redactum.linux-x64-gnu.node. */
function addonName() {
  let abi = ''
  if (process.platform === 'linux') {
    const glibc = process.report?.getReport?.().header?.glibcVersionRuntime
    abi = glibc ? '-gnu' : '-musl'
  } else if (process.platform === 'win32') {
    abi = '-msvc'
  }
  return `redactum.${platform}${abi}.node`
}

function fail(msg) {
  console.error(`redactum: ${msg}`)
  process.exit(1)
}

if (process.env.REDACTUM_SKIP_INSTALL_BUILD === '1' || loads()) process.exit(0)

// A checkout builds from the binding's own manifest (a member of the repository's workspace);
// a packed tarball from native/, which tools/pack.js wrote when it was packed.
const checkout = path.join(here, 'Cargo.toml')
const packed = path.join(here, 'native', 'Cargo.toml')
const manifest = fs.existsSync(checkout) && fs.existsSync(path.join(here, 'src', 'lib.rs')) ? checkout : packed
if (!fs.existsSync(manifest) || !fs.existsSync(path.join(path.dirname(manifest), 'src', 'lib.rs'))) {
  fail(
    `no prebuilt native addon for ${platform}, and this package has no Rust sources to build one ` +
      'from. Install from a checkout of the repository (npm install ./bindings/node) or from a tarball ' +
      'made by npm pack, which carries the sources; either builds the addon with Rust.',
  )
}
const cargo = process.env.CARGO || 'cargo'
const probe = spawnSync(cargo, ['--version'], { encoding: 'utf8' })
if (probe.error || probe.status !== 0) {
  fail(
    `no prebuilt native addon for ${platform}, so it must be built from source, which needs Rust ` +
      `(cargo was not found: ${probe.error ? probe.error.code : probe.stderr.trim()}). Install Rust ` +
      'from https://rustup.rs (or set CARGO to its path) and run npm install again.',
  )
}
console.error(`redactum: no prebuilt native addon for ${platform}: building it with ${probe.stdout.trim()} (a few minutes)`)
// A tarball's build leaves nothing behind but the addon (a few hundred MB of intermediate files
// otherwise); a given CARGO_TARGET_DIR is the user's to keep.
const ownTarget = !process.env.CARGO_TARGET_DIR
const target = process.env.CARGO_TARGET_DIR || path.join(here, 'target')
const build = spawnSync(cargo, ['build', '--release', '--manifest-path', manifest, '--lib'], {
  stdio: 'inherit',
  env: { ...process.env, CARGO_TARGET_DIR: target },
})
if (build.status !== 0) fail(`cargo build failed (exit status ${build.status}); see the messages above`)
const lib = { darwin: 'libredactum_node.dylib', win32: 'redactum_node.dll' }[process.platform] || 'libredactum_node.so'
fs.copyFileSync(path.join(target, 'release', lib), path.join(here, addonName()))
if (ownTarget && manifest === packed) fs.rmSync(target, { recursive: true, force: true })
if (!loads()) fail(`the addon was built but does not load on ${platform}`)
console.error(`redactum: built ${addonName()}`)
