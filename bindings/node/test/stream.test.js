'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const { Readable, Writable } = require('node:stream')
const { pipeline } = require('node:stream/promises')

const { Redactor, StreamRedactor, RedactStream, createRedactStream } = require('redactum')
const { RULES, AWS, GITHUB, EMAIL, PEM } = require('./fixtures.js')

const r = new Redactor({ rules: RULES })

/** Pushes `input` in the given pieces through a StreamRedactor. */
function pushAll(pieces) {
  const s = new StreamRedactor(r)
  const out = pieces.map((p) => s.push(p))
  out.push(s.finish())
  return Buffer.concat(out)
}

async function collect(stream, input, chunkSize) {
  const chunks = []
  for (let i = 0; i < input.length; i += chunkSize) chunks.push(input.subarray(i, i + chunkSize))
  const out = []
  await pipeline(Readable.from(chunks), stream, async function* (source) {
    for await (const c of source) out.push(c)
  })
  return Buffer.concat(out)
}

test('StreamRedactor: a secret split at every offset is still found', () => {
  for (const secret of [AWS, GITHUB]) {
    const input = Buffer.from(`log line one\nuser token=${secret} end\nlast line without newline`)
    const expected = r.redactBuffer(input)
    assert.notDeepEqual(expected, input)
    const at = input.indexOf(secret)
    assert.ok(at > 0)
    for (let cut = 0; cut <= input.length; cut++) {
      assert.deepEqual(pushAll([input.subarray(0, cut), input.subarray(cut)]), expected, `cut at ${cut}`)
    }
    // Three pieces, both cuts inside the secret.
    for (let a = at + 1; a < at + secret.length; a += 3) {
      const b = a + 5
      assert.deepEqual(pushAll([input.subarray(0, a), input.subarray(a, b), input.subarray(b)]), expected)
    }
    // One byte at a time.
    assert.deepEqual(pushAll([...input].map((b) => Buffer.from([b]))), expected)
  }
})

test('StreamRedactor: output is released as lines complete', () => {
  const s = new StreamRedactor(r)
  const input = `first ${AWS}\nsecond ${AWS} tail\n`
  assert.equal(s.push(Buffer.from(`first ${AWS}\nsecond AKIA`)).toString(), 'first [REDACTED:aws-access-key-id]\n')
  assert.equal(s.buffered, 'second AKIA'.length, 'the open line is held back')
  assert.equal(s.push(Buffer.from(AWS.slice(4))).toString(), '')
  assert.equal(s.push(Buffer.from(' tail\n')).toString(), 'second [REDACTED:aws-access-key-id] tail\n')
  assert.equal(s.buffered, 0)
  assert.equal(s.finish().length, 0)
  assert.deepEqual(s.stats, { bytesRead: Buffer.byteLength(input), bytesWritten: 76, findings: 2 })
  assert.equal(s.finish().length, 0, 'finish is idempotent')
  // After finish, the same object takes a new input.
  assert.equal(s.push(Buffer.from(`again ${AWS}`)).toString(), '')
  assert.equal(s.finish().toString(), 'again [REDACTED:aws-access-key-id]')
  assert.equal(s.stats.findings, 1)
})

test('StreamRedactor: a PEM block split across chunks (multiline rule)', () => {
  const input = Buffer.from(`before ${EMAIL}\n${PEM}\nafter ${AWS}\n`)
  const expected = r.redactBuffer(input)
  assert.ok(!expected.toString().includes('MIIE'))
  for (const size of [1, 2, 7, 16, 33, 64, 1000]) {
    const pieces = []
    for (let i = 0; i < input.length; i += size) pieces.push(input.subarray(i, i + size))
    assert.deepEqual(pushAll(pieces), expected, `chunks of ${size}`)
  }
})

test('StreamRedactor: abandoned without finish', () => {
  for (let i = 0; i < 50; i++) {
    const s = new StreamRedactor(r)
    s.push(Buffer.from(`partial line ${AWS}`))
  }
  const s = new StreamRedactor(r)
  assert.equal(s.finish().length, 0, 'finish without input')
})

test('RedactStream equals redactBuffer on the whole input, any chunk size', async () => {
  const lines = []
  for (let i = 0; i < 500; i++) {
    if (i % 7 === 0) lines.push(`${i} key=${AWS} mail=${EMAIL}`)
    else if (i % 11 === 0) lines.push(`${i} token ${GITHUB} 🔑`)
    else if (i === 250) lines.push(PEM)
    else lines.push(`${i} GET /api/items?page=${i} 200 é`)
  }
  const input = Buffer.from(lines.join('\n'))
  const expected = r.redactBuffer(input)
  for (const size of [1, 5, 64, 4096, 1 << 20]) {
    assert.deepEqual(await collect(createRedactStream({ redactor: r }), input, size), expected, `chunks of ${size}`)
  }
  // Options instead of a redactor; strings written in.
  const s = createRedactStream({ rules: RULES, style: 'mask' })
  const done = collect(s, Buffer.alloc(0), 1)
  assert.ok(s instanceof RedactStream)
  await done
  const t = createRedactStream(r)
  const out = []
  t.on('data', (c) => out.push(c))
  t.write(`a ${AWS.slice(0, 9)}`)
  t.end(`${AWS.slice(9)} b`)
  await new Promise((res) => t.on('end', res))
  assert.equal(Buffer.concat(out).toString(), 'a [REDACTED:aws-access-key-id] b')
  assert.equal(t.stats.findings, 1)
})

test('RedactStream: a secret split between two writes at every offset', async () => {
  for (const secret of [AWS, GITHUB]) {
    const text = `id=7 secret=${secret} done\nnext line\n`
    const expected = r.redact(text)
    const at = text.indexOf(secret)
    for (let cut = at; cut <= at + secret.length; cut++) {
      const s = createRedactStream({ redactor: r, highWaterMark: 8 })
      const out = []
      s.on('data', (c) => out.push(c))
      const ended = new Promise((res) => s.on('end', res))
      s.write(text.slice(0, cut))
      s.end(text.slice(cut))
      await ended
      assert.equal(Buffer.concat(out).toString(), expected, `cut at ${cut}`)
    }
  }
})

test('RedactStream respects back-pressure from a slow consumer', async () => {
  const line = Buffer.from(`request ok key=${AWS} user=${EMAIL} path=/a/b/c\n`)
  const total = 2000
  let produced = 0
  let maxAhead = 0
  let consumed = 0
  const source = new Readable({
    highWaterMark: 64,
    read() {
      if (produced === total) this.push(null)
      else {
        produced++
        this.push(line)
      }
    },
  })
  const redact = createRedactStream({ redactor: r, highWaterMark: 256 })
  const slow = new Writable({
    highWaterMark: 256,
    write(chunk, _enc, cb) {
      consumed += chunk.toString().split('\n').length - 1
      maxAhead = Math.max(maxAhead, produced - consumed)
      setTimeout(cb, 1)
    },
  })
  await pipeline(source, redact, slow)
  assert.equal(consumed, total)
  // Without back-pressure the source would run all 2000 lines ahead of the consumer.
  assert.ok(maxAhead < 100, `producer ran ${maxAhead} lines ahead of the slow consumer`)
})

test('RedactStream: destroy mid-stream; bad options throw', async () => {
  const s = createRedactStream({ redactor: r })
  s.write('x '.repeat(10))
  s.destroy()
  await new Promise((res) => s.on('close', res))
  assert.equal(s.stats.bytesRead, 20)
  assert.throws(() => createRedactStream({ rules: 'not toml [[' }), /options\.rules/)
})

test('RedactStream: 50 MB in bounded memory', { timeout: 300_000 }, async (t) => {
  // Collect garbage on demand, so RSS shows what is retained rather than when V8 chose to
  // collect (it lets up to 64 MiB of Buffer memory pile up before a full collection).
  require('node:v8').setFlagsFromString('--expose-gc')
  const gc = require('node:vm').runInNewContext('gc')
  const line = Buffer.from(`2026-11-21T10:00:00Z INFO request id=1234 path=/api/v1/items status=200 key=${AWS} mail=${EMAIL}\n`)
  const chunk = Buffer.concat(Array(Math.ceil(65536 / line.length)).fill(line))
  const totalBytes = 50 << 20
  let sent = 0
  const source = new Readable({
    read() {
      if (sent >= totalBytes) this.push(null)
      else {
        sent += chunk.length
        this.push(chunk)
      }
    },
  })
  gc()
  const rss0 = process.memoryUsage().rss
  let retained = 0
  let outBytes = 0
  let nextCheck = 0
  let tail = ''
  await pipeline(
    source,
    createRedactStream({ redactor: r }),
    new Writable({
      write(c, _e, cb) {
        outBytes += c.length
        tail = c.subarray(-200).toString()
        if (outBytes >= nextCheck) {
          nextCheck += 4 << 20
          gc()
          retained = Math.max(retained, process.memoryUsage().rss - rss0)
        }
        cb()
      },
    }),
  )
  assert.ok(sent >= totalBytes)
  assert.ok(outBytes > totalBytes)
  assert.ok(tail.includes('key=[REDACTED:aws-access-key-id] mail=[REDACTED:email]'))
  assert.ok(!tail.includes(AWS))
  const growth = retained / (1 << 20)
  t.diagnostic(`RSS growth after GC: at most ${growth.toFixed(1)} MiB while streaming 50 MiB`)
  assert.ok(growth < 16, `RSS grew by ${growth.toFixed(1)} MiB while streaming 50 MiB`)
})
