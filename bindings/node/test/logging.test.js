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

// Key-aware by default: pino writes JSON lines, winston entries are objects; the value of a
// sensitive key is replaced whatever it holds, as pino's `redact` paths and fast-redact do.

const SENSITIVE = '[REDACTED:sensitive-key]'

test('pino: the destination replaces the values of sensitive keys by default', async () => {
  const entry = { password: 'hunter2', user: { name: 'bob', apiKey: 'abc123' }, token: 42, n: 1 }
  const expected = { level: 30, msg: 'login', password: SENSITIVE, user: { name: 'bob', apiKey: SENSITIVE }, token: SENSITIVE, n: 1 }
  // Default options (built-in catalog), Redactor options, and a text-format Redactor.
  for (const make of [(s) => pinoDestination(s), (s) => pinoDestination(s, { rules: RULES }), (s) => pinoDestination(s, r)]) {
    const { stream, lines } = sink()
    const logger = pino({ base: null, timestamp: false }, make(stream))
    logger.info(entry, 'login')
    await new Promise((res) => setImmediate(res))
    assert.deepEqual(lines.map((l) => JSON.parse(l)), [expected])
  }
  assert.equal(entry.password, 'hunter2', "the caller's object is not touched")
  // Through redactum/pino, to a file, with a style and an extra sensitive key.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redactum-pino-'))
  const file = path.join(dir, 'keys.log')
  const dest = redactumPino({ destination: file, rules: RULES, style: 'mask', sensitiveKeys: ['pin'] })
  pino({ base: null, timestamp: false }, dest).info({ pin: '1234', secret: 'hunter2', mail: EMAIL })
  assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), {
    level: 30,
    pin: '****',
    secret: '*******',
    mail: '*'.repeat(EMAIL.length),
  })
  fs.rmSync(dir, { recursive: true })
})

test('winston: redactFormat replaces the values of sensitive keys, before or after json()', async () => {
  const meta = {
    password: 'hunter2',
    token: 'abc',
    db: { connectionSecret: { user: 'u', pass: 'p' }, host: 'db1' },
    headers: { Authorization: 'Basic eHl6' },
    list: [{ api_key: 'k1' }],
    mail: EMAIL,
    count: 2,
  }
  const expected = {
    level: 'info',
    message: 'login',
    password: SENSITIVE,
    token: SENSITIVE,
    db: { connectionSecret: SENSITIVE, host: 'db1' },
    headers: { Authorization: SENSITIVE },
    list: [{ api_key: SENSITIVE }],
    mail: '[REDACTED:email]',
    count: 2,
  }
  for (const format of [
    winston.format.combine(redactFormat({ rules: RULES }), winston.format.json()),
    winston.format.combine(redactFormat(r), winston.format.json()),
    winston.format.combine(winston.format.json(), redactFormat(r)),
  ]) {
    const { stream, lines } = sink()
    const logger = winston.createLogger({ format, transports: [new winston.transports.Stream({ stream })] })
    logger.info('login', meta)
    await new Promise((res) => setImmediate(res))
    assert.equal(lines.length, 1)
    for (const s of ['hunter2', 'abc', 'eHl6', 'k1', EMAIL, '"p"']) assert.ok(!lines[0].includes(s), `${s} in ${lines[0]}`)
    assert.deepEqual(JSON.parse(lines[0]), expected)
  }
  assert.equal(meta.password, 'hunter2', "the caller's objects are not mutated")
  assert.deepEqual(meta.db.connectionSecret, { user: 'u', pass: 'p' })

  // The redactor's style and sensitive keys apply.
  const { stream, lines } = sink()
  const logger = winston.createLogger({
    format: winston.format.combine(redactFormat({ rules: RULES, style: 'mask', sensitiveKeys: ['pin'] }), winston.format.json()),
    transports: [new winston.transports.Stream({ stream })],
  })
  logger.info('pay', { pin: '1234', cvv: '999' })
  await new Promise((res) => setImmediate(res))
  assert.deepEqual(JSON.parse(lines[0]), { level: 'info', message: 'pay', pin: '****', cvv: '999' })
})

// A child process logs 5,000 lines through pinoDestination to a path or a file descriptor,
// then exits or crashes at once; every line must be in the file.
const CHILD = `
const fs = require('node:fs')
const pino = require(${JSON.stringify(require.resolve('pino'))})
const { pinoDestination } = require(${JSON.stringify(path.join(__dirname, '..'))})
const { RULES, AWS } = require(${JSON.stringify(path.join(__dirname, 'fixtures.js'))})
const [file, kind, end] = process.argv.slice(1)
const dest = kind === 'fd' ? fs.openSync(file, 'a') : file
const logger = pino({ base: null }, pinoDestination(dest, { rules: RULES }))
for (let i = 0; i < 5000; i++) logger.info({ i, password: 'hunter2' }, 'line ' + i + ' ' + AWS)
if (end === 'exit') process.exit(0)
throw new Error('crash after the last line')
`

for (const kind of ['path', 'fd']) {
  for (const end of ['exit', 'crash']) {
    test(`pino: a ${kind} destination keeps all 5,000 lines on ${end === 'exit' ? 'process.exit(0)' : 'an uncaught exception'}`, { timeout: 60_000 }, (t) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redactum-pino-exit-'))
      t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
      const file = path.join(dir, 'app.log')
      const child = require('node:child_process').spawnSync(process.execPath, ['-e', CHILD, file, kind, end], { encoding: 'utf8' })
      if (end === 'exit') assert.equal(child.status, 0, child.stderr)
      else assert.match(child.stderr, /crash after the last line/)
      const lines = fs.readFileSync(file, 'utf8').split('\n')
      assert.equal(lines.pop(), '')
      assert.equal(lines.length, 5000)
      lines.forEach((l, i) => {
        const e = JSON.parse(l)
        assert.equal(e.i, i)
        assert.equal(e.msg, `line ${i} [REDACTED:aws-access-key-id]`)
        assert.equal(e.password, SENSITIVE)
      })
    })
  }
}

test('winston: secrets deeper than the walk are still redacted', async () => {
  let deep = { password: 'hunter2', note: `key ${AWS}` }
  for (let i = 0; i < 40; i++) deep = { level1: deep }
  const { stream, lines } = sink()
  const logger = winston.createLogger({
    format: winston.format.combine(redactFormat(r), winston.format.json()),
    transports: [new winston.transports.Stream({ stream })],
  })
  logger.info('deep', { deep })
  await new Promise((res) => setImmediate(res))
  assert.equal(lines.length, 1)
  assert.ok(!lines[0].includes('hunter2') && !lines[0].includes(AWS), lines[0])
  let inner = JSON.parse(lines[0]).deep
  for (let i = 0; i < 40; i++) inner = inner.level1
  assert.deepEqual(inner, { password: SENSITIVE, note: 'key [REDACTED:aws-access-key-id]' })
})
