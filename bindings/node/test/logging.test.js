'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { Writable, PassThrough } = require('node:stream')

const pino = require('pino')
const winston = require('winston')

const { Redactor, pinoDestination, redactFormat } = require('redactum')
const redactumPino = require('redactum/pino')
const { RULES, AWS, GITHUB, EMAIL } = require('./fixtures.js')

const r = new Redactor({ rules: RULES })

function sink() {
  const lines = []
  let buf = ''
  const stream = new Writable({
    write(chunk, _enc, cb) {
      buf += chunk.toString()
      const parts = buf.split('\n')
      buf = parts.pop()
      lines.push(...parts)
      cb()
    },
  })
  return { stream, lines }
}

test('pino: every line is redacted before it reaches the destination', async () => {
  const { stream, lines } = sink()
  const logger = pino({ base: null, timestamp: false }, pinoDestination(stream, { redactor: r }))
  logger.info({ user: EMAIL, creds: { key: AWS } }, `login with ${GITHUB}`)
  logger.warn('nothing secret here')
  logger.error(new Error(`failed for ${AWS}`))
  await new Promise((res) => setImmediate(res))
  assert.equal(lines.length, 3)
  const first = JSON.parse(lines[0])
  assert.equal(first.msg, 'login with [REDACTED:github-pat]')
  assert.equal(first.user, '[REDACTED:email]')
  assert.deepEqual(first.creds, { key: '[REDACTED:aws-access-key-id]' })
  assert.equal(JSON.parse(lines[1]).msg, 'nothing secret here')
  const third = JSON.parse(lines[2])
  assert.equal(third.err.message, 'failed for [REDACTED:aws-access-key-id]')
  assert.ok(!third.err.stack.includes(AWS))
  for (const l of lines) for (const s of [AWS, GITHUB, EMAIL]) assert.ok(!l.includes(s))
})

test('pino: redactum/pino with options, to a file path; the destination waits for drain', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redactum-pino-'))
  const file = path.join(dir, 'app.log')
  const dest = redactumPino({ destination: file, rules: RULES, style: 'mask' })
  const logger = pino({ base: null, timestamp: false }, dest)
  for (let i = 0; i < 100; i++) logger.info(`line ${i} key=${AWS}`)
  dest.end()
  await new Promise((res) => dest.on('finish', res))
  await new Promise((res) => (dest.destination.closed ? res() : dest.destination.on('close', res)))
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n')
  assert.equal(lines.length, 100)
  assert.equal(JSON.parse(lines[99]).msg, `line 99 key=${'*'.repeat(20)}`)
  fs.rmSync(dir, { recursive: true })

  // A destination that asks to wait: the redacting writable honours it.
  const slow = new PassThrough({ highWaterMark: 16 })
  const out = []
  const d = pinoDestination(slow, r)
  const log = pino({ base: null, timestamp: false }, d)
  for (let i = 0; i < 50; i++) log.info(`n=${i} ${AWS}`)
  assert.ok(d.writableLength > 0, 'lines wait in the redacting writable, not in the slow destination')
  slow.on('data', (c) => out.push(c))
  d.end()
  await new Promise((res) => d.on('finish', res))
  const text = Buffer.concat(out).toString()
  assert.equal(text.trim().split('\n').length, 50)
  assert.ok(!text.includes(AWS))
})

test('winston: redactFormat redacts message, metadata and the final line', async () => {
  const { stream, lines } = sink()
  const logger = winston.createLogger({
    level: 'info',
    format: winston.format.combine(redactFormat({ redactor: r }), winston.format.json()),
    transports: [new winston.transports.Stream({ stream })],
  })
  const meta = { user: EMAIL, nested: { token: GITHUB, list: [AWS, 'ok'] }, n: 3 }
  logger.info(`login with key ${AWS}`, meta)
  logger.warn('plain message')
  await new Promise((res) => setImmediate(res))
  assert.equal(lines.length, 2)
  const first = JSON.parse(lines[0])
  assert.equal(first.level, 'info')
  assert.equal(first.message, 'login with key [REDACTED:aws-access-key-id]')
  assert.equal(first.user, '[REDACTED:email]')
  assert.deepEqual(first.nested, { token: '[REDACTED:github-pat]', list: ['[REDACTED:aws-access-key-id]', 'ok'] })
  assert.equal(first.n, 3)
  assert.equal(meta.nested.token, GITHUB, "the caller's objects are not mutated")
  assert.equal(JSON.parse(lines[1]).message, 'plain message')

  // Last in the chain, it also redacts the formatted line (Symbol.for('message')).
  const second = sink()
  const printf = winston.createLogger({
    format: winston.format.combine(
      winston.format.printf((info) => `${info.level}: ${info.message} ${info.secret}`),
      redactFormat({ rules: RULES }),
    ),
    transports: [new winston.transports.Stream({ stream: second.stream })],
  })
  printf.info('hello', { secret: AWS })
  await new Promise((res) => setImmediate(res))
  assert.deepEqual(second.lines, ['info: hello [REDACTED:aws-access-key-id]'])
})

test('winston: errors with secrets in message and stack', async () => {
  const { stream, lines } = sink()
  const logger = winston.createLogger({
    format: winston.format.combine(winston.format.errors({ stack: true }), redactFormat(r), winston.format.json()),
    transports: [new winston.transports.Stream({ stream })],
  })
  logger.error(new Error(`bad key ${AWS}`))
  await new Promise((res) => setImmediate(res))
  assert.equal(lines.length, 1)
  assert.ok(!lines[0].includes(AWS))
  assert.match(JSON.parse(lines[0]).message, /bad key \[REDACTED:aws-access-key-id\]/)
})

test('pino: redactum/pino as a transport target (worker thread)', { timeout: 30_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redactum-pino-'))
  const file = path.join(dir, 'transport.log')
  const transport = pino.transport({ target: 'redactum/pino', options: { destination: file, rules: RULES } })
  const logger = pino({ base: null, timestamp: false }, transport)
  logger.info(`hello ${AWS} from ${EMAIL}`)
  // The worker is unreferenced: keep the loop alive until it has closed.
  const keepAlive = setInterval(() => {}, 1000)
  await new Promise((res, rej) => {
    transport.on('close', res)
    transport.on('error', rej)
    transport.end()
  }).finally(() => clearInterval(keepAlive))
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n')
  assert.deepEqual(lines.map((l) => JSON.parse(l).msg), ['hello [REDACTED:aws-access-key-id] from [REDACTED:email]'])
  fs.rmSync(dir, { recursive: true })
})

test("pino: over pino's own synchronous destination, lines are on disk at once", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redactum-pino-'))
  const file = path.join(dir, 'sync.log')
  const sonic = pino.destination({ dest: file, sync: true })
  const logger = pino({ base: null, timestamp: false }, pinoDestination(sonic, r))
  logger.info(`k=${AWS}`)
  assert.equal(fs.readFileSync(file, 'utf8'), '{"level":30,"msg":"k=[REDACTED:aws-access-key-id]"}\n')
  sonic.end()
  fs.rmSync(dir, { recursive: true })
})
