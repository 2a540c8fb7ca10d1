// Adds lock entries for platform-specific optional packages that `npm install` could not
// resolve (a registry mirror that carries only this machine's platform packages), so that
// `npm ci` accepts the lock file. Each entry carries the `os`/`cpu`/`libc` read from the
// package name, so npm skips it on every other platform and never fetches it. Run after
// `npm install`: `node tools/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from 'node:fs'

const path = new URL('../package-lock.json', import.meta.url)
const lock = JSON.parse(readFileSync(path, 'utf8'))
const pkgs = lock.packages

const OS = { android: 'android', darwin: 'darwin', freebsd: 'freebsd', linux: 'linux', win32: 'win32', wasm32: null }
const CPU = ['arm64', 'arm', 'x64', 'ia32', 'ppc64', 'riscv64', 's390x']

function platformOf(name) {
  const suffix = name.split('/').pop()
  const parts = suffix.split('-')
  for (let i = 0; i < parts.length; i++) {
    if (!(parts[i] in OS)) continue
    if (parts[i] === 'wasm32') return { cpu: ['wasm32'] }
    const os = OS[parts[i]]
    const cpu = CPU.find((c) => parts[i + 1] === c)
    if (!cpu) return null
    const abi = parts.slice(i + 2).join('-')
    const entry = { cpu: [cpu], os: [os] }
    if (os === 'linux') entry.libc = [abi.includes('musl') ? 'musl' : 'glibc']
    return entry
  }
  return null
}

let added = 0
for (const [loc, meta] of Object.entries(pkgs)) {
  for (const [dep, version] of Object.entries(meta.optionalDependencies || {})) {
    const prefix = loc ? `${loc}/node_modules/` : 'node_modules/'
    if (pkgs[`${prefix}${dep}`] || pkgs[`node_modules/${dep}`]) continue
    const platform = platformOf(dep)
    if (!platform) throw new Error(`cannot tell the platform of ${dep}`)
    pkgs[`node_modules/${dep}`] = { version, ...platform, dev: meta.dev || undefined, optional: true }
    added++
  }
}
const sorted = Object.fromEntries(Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))))
lock.packages = sorted
writeFileSync(path, JSON.stringify(lock, null, 2) + '\n')
console.log(`complete-lockfile: added ${added} platform entries`)
