'use strict'
// The install hook (tools/install.js): when no prebuilt addon loads, it builds from source, or
// says clearly what is missing (never napi's "npm has a bug" text).
const test = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

/** A package directory whose binding.js does not load, with or without Rust sources. */
function fakePackage(withSources) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redactum-install-'))
  fs.mkdirSync(path.join(dir, 'tools'))
  fs.copyFileSync(path.join(__dirname, '..', 'tools', 'install.js'), path.join(dir, 'tools', 'install.js'))
  fs.writeFileSync(path.join(dir, 'binding.js'), "throw new Error('Cannot find native binding. npm has a bug')\n")
  if (withSources) {
    fs.writeFileSync(path.join(dir, 'Cargo.toml'), '[package]\nname = "x"\n')
    fs.mkdirSync(path.join(dir, 'src'))
    fs.writeFileSync(path.join(dir, 'src', 'lib.rs'), '')
  }
  return dir
}

function install(dir, env) {
  return spawnSync(process.execPath, [path.join(dir, 'tools', 'install.js')], {
    encoding: 'utf8',
    env: { ...process.env, REDACTUM_SKIP_INSTALL_BUILD: '', ...env },
  })
}

test('without Rust, the install says to install it', () => {
  const p = install(fakePackage(true), { CARGO: path.join(os.tmpdir(), 'no-such-cargo') })
  assert.equal(p.status, 1)
  assert.match(p.stderr, /needs Rust/)
  assert.match(p.stderr, /rustup\.rs/)
  assert.doesNotMatch(p.stderr, /npm has a bug/)
})

test('without sources and without a prebuilt addon, the install says so', () => {
  const p = install(fakePackage(false), {})
  assert.equal(p.status, 1)
  assert.match(p.stderr, /no prebuilt native addon/)
  assert.match(p.stderr, /no Rust sources/)
})

test('when the addon loads, the install does nothing', () => {
  const p = spawnSync(process.execPath, [path.join(__dirname, '..', 'tools', 'install.js')], {
    encoding: 'utf8',
    env: { ...process.env, REDACTUM_SKIP_INSTALL_BUILD: '', CARGO: '/nonexistent' },
  })
  assert.equal(p.status, 0, p.stderr)
  assert.equal(p.stderr, '')
})

test('the package ships the licenses and declares MIT OR Apache-2.0', () => {
  const pkg = require('../package.json')
  assert.equal(pkg.license, 'MIT OR Apache-2.0')
  for (const f of ['LICENSE-MIT', 'LICENSE-APACHE']) {
    assert.ok(pkg.files.includes(f), f)
    const root = fs.readFileSync(path.join(__dirname, '..', '..', '..', f), 'utf8')
    assert.equal(fs.readFileSync(path.join(__dirname, '..', f), 'utf8'), root, `${f} is the repository's`)
  }
})
