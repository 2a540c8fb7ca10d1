// Benchmarks of the Node binding (not tests): per-call cost of `redact` on a 200-byte clean
// line against a native call that does nothing, and stream throughput over a generated corpus.
//
//   node bench/bench.mjs [--mb N] [--rules builtin|fixture]
//
// Build the addon in release mode first for meaningful figures:
//   npx napi build --platform --release --js binding.js --dts binding.d.ts
import { createRequire } from 'node:module'
import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { performance } from 'node:perf_hooks'

const require = createRequire(import.meta.url)
const redactum = require('../index.js')
const { RULES } = require('../test/fixtures.js')
const { Redactor, StreamRedactor, createRedactStream } = redactum

const args = process.argv.slice(2)
const arg = (name, dflt) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : dflt
}
const corpusMb = Number(arg('mb', '8'))
const ruleSet = arg('rules', 'builtin')
const r = ruleSet === 'fixture' ? new Redactor({ rules: RULES }) : new Redactor()

// A 200-byte clean log line (nothing to redact).
const clean = '2026-11-21T10:00:00.123Z INFO  http request method=GET path=/api/v1/orders/4512/items status=200 bytes=5123 duration_ms=12.7 ua="Mozilla/5.0 (X11; Linux x86_64)" trace=9f1c2a7e'.padEnd(200, ' x').slice(0, 200)
if (r.redact(clean) !== clean) throw new Error('the clean line is not clean for these rules')
const dirty = clean.slice(0, 160) + ' key=AKIAZ3MHKEY7PQ4XW2LN'

function perCall(label, fn, arg) {
  for (let i = 0; i < 20000; i++) fn(arg) // warm up
  let n = 0
  const t0 = performance.now()
  let t = t0
  while (t - t0 < 1000) {
    for (let i = 0; i < 5000; i++) fn(arg)
    n += 5000
    t = performance.now()
  }
  const ns = ((t - t0) * 1e6) / n
  console.log(`${label.padEnd(44)} ${ns.toFixed(0).padStart(7)} ns/call`)
  return ns
}

console.log(`node ${process.version}, ${r.rules().length} rules (${ruleSet}), addon: ${redactum.__napiBindingTarget ?? 'native'}`)
console.log('-- per call (200-byte line)')
const noop = perCall('__echo (native no-op, string in/out)', require('../binding.js').__echo, clean)
const redactClean = perCall('redact(clean line)', (s) => r.redact(s), clean)
perCall('redact(line with an AWS key)', (s) => r.redact(s), dirty)
perCall('isMatch(clean line)', (s) => r.isMatch(s), clean)
perCall('find(clean line)', (s) => r.find(s), clean)
const cleanBuf = Buffer.from(clean)
perCall('redactBuffer(clean line)', (b) => r.redactBuffer(b), cleanBuf)
console.log(`redact(clean) - no-op: ${(redactClean - noop).toFixed(0)} ns of scanning and conversion per call`)

// Corpus: log lines, about 1 in 50 with a secret or an email.
function corpus(bytes) {
  const lines = []
  let size = 0
  let i = 0
  const secrets = ['key=AKIAZ3MHKEY7PQ4XW2LN', 'user=ann@example.com', 'token ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5']
  while (size < bytes) {
    let line = `2026-11-21T10:${String(i % 60).padStart(2, '0')}:00Z INFO req=${i} path=/api/v1/items/${i % 997} status=${i % 13 ? 200 : 404} took=${i % 97}ms`
    if (i % 50 === 7) line += ' ' + secrets[i % 3]
    lines.push(line)
    size += line.length + 1
    i++
  }
  return Buffer.from(lines.join('\n') + '\n')
}
const data = corpus(corpusMb << 20)
const chunkSize = 64 << 10
const chunks = []
for (let i = 0; i < data.length; i += chunkSize) chunks.push(data.subarray(i, i + chunkSize))
const mb = data.length / (1 << 20)

console.log(`-- throughput (${mb.toFixed(1)} MiB corpus, 64 KiB chunks, best of 3)`)
function best(label, fn) {
  let bestS = Infinity
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now()
    fn()
    bestS = Math.min(bestS, (performance.now() - t0) / 1000)
  }
  console.log(`${label.padEnd(44)} ${(mb / bestS).toFixed(1).padStart(7)} MiB/s`)
}
async function bestAsync(label, fn) {
  let bestS = Infinity
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now()
    await fn()
    bestS = Math.min(bestS, (performance.now() - t0) / 1000)
  }
  console.log(`${label.padEnd(44)} ${(mb / bestS).toFixed(1).padStart(7)} MiB/s`)
}
best('redactBuffer(whole corpus)', () => r.redactBuffer(data))
best('StreamRedactor.push loop', () => {
  const s = new StreamRedactor(r)
  for (const c of chunks) s.push(c)
  s.finish()
})
await bestAsync('createRedactStream() pipeline', () =>
  pipeline(Readable.from(chunks), createRedactStream({ redactor: r }), new Writable({ write: (_c, _e, cb) => cb() })),
)
