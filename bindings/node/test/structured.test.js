'use strict'
// The `format` and `sensitiveKeys` options: structured log lines (JSON, logfmt), handled by core.
const test = require('node:test')
const assert = require('node:assert/strict')
const { Readable, Writable } = require('node:stream')
const { pipeline } = require('node:stream/promises')

const pino = require('pino')

const { Redactor, StreamRedactor, Vault, createRedactStream, pinoDestination } = require('redactum')
const { RULES, AWS, EMAIL } = require('./fixtures.js')

const LINE = '{"user":"bob","password":"hunter2"}'
const REDACTED = '{"user":"bob","password":"[REDACTED:sensitive-key]"}'

test('format json and the default auto replace the value of a sensitive key; text does not', () => {
  assert.equal(new Redactor({ format: 'json' }).redact(LINE), REDACTED)
  // The default is `auto`, as on the command line and in Python (issue 18).
  assert.equal(new Redactor().redact(LINE), REDACTED)
  assert.equal(new Redactor({ format: undefined }).redact(LINE), REDACTED)
  // `hunter2` alone matches no rule of the built-in catalog: only the JSON key gives it away.
  assert.equal(new Redactor({ format: 'text' }).redact(LINE), LINE)
})

test('each format', () => {
  const kv = 'password=hunter2 user=bob'
  const kvRedacted = 'password=[REDACTED:sensitive-key] user=bob'
  const cases = [
    ['text', LINE, kv],
    ['json', REDACTED, kv],
    ['logfmt', LINE, kvRedacted],
    ['auto', REDACTED, kvRedacted],
  ]
  for (const [format, json, logfmt] of cases) {
    const r = new Redactor({ rules: RULES, format })
    assert.equal(r.redact(LINE), json, format)
    assert.equal(r.redact(kv), logfmt, format)
  }
})

test('rules still apply inside structured lines; non-string values become strings', () => {
  const r = new Redactor({ rules: RULES, format: 'json' })
  assert.equal(
    r.redact(`{"msg": "mail ${EMAIL}", "auth": "${AWS}", "token": 123}`),
    '{"msg": "mail [REDACTED:email]", "auth": "[REDACTED:aws-access-key-id]", "token": "[REDACTED:sensitive-key]"}',
  )
})

test('sensitiveKeys are added to the default keys', () => {
  const line = '{"session_hint":"abc","password":"x"}'
  assert.equal(
    new Redactor({ rules: RULES, format: 'json' }).redact(line),
    '{"session_hint":"abc","password":"[REDACTED:sensitive-key]"}',
  )
  const r = new Redactor({ rules: RULES, format: 'json', sensitiveKeys: ['session_hint'] })
  assert.equal(r.redact('{"session_hint":"abc"}'), '{"session_hint":"[REDACTED:sensitive-key]"}')
  assert.equal(r.redact(line), '{"session_hint":"[REDACTED:sensitive-key]","password":"[REDACTED:sensitive-key]"}')
  // Core's matching ignores case and separators, and matches a key ending with the name.
  assert.equal(r.redact('{"X-Session-Hint": 7}'), '{"X-Session-Hint": "[REDACTED:sensitive-key]"}')
  // Without a structured format there are no keys: the option changes nothing.
  const text = new Redactor({ rules: RULES, sensitiveKeys: ['session_hint'], format: 'text' })
  assert.equal(text.redact('{"session_hint":"abc"}'), '{"session_hint":"abc"}')
  assert.equal(new Redactor({ rules: RULES, format: 'json', sensitiveKeys: [] }).redact(line), new Redactor({ rules: RULES, format: 'json' }).redact(line))
})

test('the style applies to sensitive values', () => {
  assert.equal(new Redactor({ rules: RULES, format: 'json', style: 'mask' }).redact(LINE), '{"user":"bob","password":"*******"}')
})

test('redactBuffer, redactBatch, StreamRedactor, RedactStream and Vault follow the format', async () => {
  const r = new Redactor({ rules: RULES, format: 'auto', sensitiveKeys: ['session_hint'] })
  const text = `${LINE}\nplain ${AWS}\nsession_hint=abc user=x\n{"session_hint":"abc"}\n`
  const expected =
    `${REDACTED}\nplain [REDACTED:aws-access-key-id]\nsession_hint=[REDACTED:sensitive-key] user=x\n` +
    '{"session_hint":"[REDACTED:sensitive-key]"}\n'
  assert.equal(r.redact(text), expected)
  assert.deepEqual(r.redactBuffer(Buffer.from(text)), Buffer.from(expected))
  assert.deepEqual(await r.redactBatch([text, LINE]), [expected, REDACTED])

  const input = Buffer.from(text)
  for (const size of [1, 7, input.length]) {
    const s = new StreamRedactor(r)
    const out = []
    for (let i = 0; i < input.length; i += size) out.push(s.push(input.subarray(i, i + size)))
    out.push(s.finish())
    assert.equal(Buffer.concat(out).toString(), expected, `chunks of ${size}`)
    assert.equal(s.stats.findings, 4)
  }

  // Options given to the stream itself reach the Redactor it builds.
  const stream = createRedactStream({ rules: RULES, format: 'auto', sensitiveKeys: ['session_hint'] })
  const chunks = []
  await pipeline(Readable.from([input.subarray(0, 10), input.subarray(10)]), stream, async function* (source) {
    for await (const c of source) chunks.push(c)
  })
  assert.equal(Buffer.concat(chunks).toString(), expected)

  const vault = new Vault()
  const safe = vault.redact(r, LINE)
  assert.equal(safe, '{"user":"bob","password":"<SENSITIVE_KEY_1>"}')
  assert.equal(vault.restore(safe), LINE)
})

test('pinoDestination with format json replaces sensitive fields of each line', async () => {
  const lines = []
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...chunk.toString().split('\n').filter(Boolean))
      cb()
    },
  })
  const logger = pino({ base: null, timestamp: false }, pinoDestination(sink, { rules: RULES, format: 'json' }))
  logger.info({ user: 'bob', password: 'hunter2', db: { apiKey: 42 } }, `login ${EMAIL}`)
  await new Promise((res) => setImmediate(res))
  assert.equal(lines.length, 1)
  const rec = JSON.parse(lines[0])
  assert.equal(rec.password, '[REDACTED:sensitive-key]')
  assert.deepEqual(rec.db, { apiKey: '[REDACTED:sensitive-key]' })
  assert.equal(rec.user, 'bob')
  assert.equal(rec.msg, 'login [REDACTED:email]')
})

test('find and isMatch read text whatever the format', () => {
  // Core's find_iter and is_match ignore the format: the value of a sensitive key is replaced
  // by redact() but not reported by find().
  const r = new Redactor({ rules: RULES, format: 'json' })
  assert.equal(r.redact(LINE), REDACTED)
  assert.deepEqual(r.find(LINE), [])
  assert.equal(r.isMatch(LINE), false)
  const line = `{"password":"${AWS}"}`
  assert.deepEqual(
    r.find(line).map((f) => [f.ruleId, line.slice(f.start, f.end)]),
    [['aws-access-key-id', AWS]],
  )
})

test('an unknown format throws the configuration error naming the accepted values', () => {
  for (const format of ['xml', 'JSON', '', 'Text']) {
    assert.throws(
      () => new Redactor({ rules: RULES, format }),
      (err) => {
        assert.ok(err instanceof Error)
        assert.equal(err.code, 'InvalidArg')
        assert.equal(err.message, `options.format: unknown format "${format}" (expected "auto", "text", "json" or "logfmt")`)
        return true
      },
    )
  }
})

test('options of the wrong type throw', () => {
  for (const options of [
    { format: 5 },
    { format: ['json'] },
    { sensitiveKeys: 'session_hint' },
    { sensitiveKeys: [1] },
    { sensitiveKeys: ['ok', null] },
    { sensitiveKeys: { 0: 'a' } },
  ]) {
    assert.throws(
      () => new Redactor({ rules: RULES, ...options }),
      (err) => {
        assert.ok(err instanceof Error, JSON.stringify(options))
        assert.match(err.message, Object.keys(options)[0] === 'format' ? /format/ : /sensitiveKeys/, err.message)
        return true
      },
    )
  }
})

test('a sensitive key that could never match throws, naming it', () => {
  for (const key of ['', '--', 'пароль']) {
    assert.throws(
      () => new Redactor({ rules: RULES, sensitiveKeys: ['pin', key] }),
      (err) => {
        assert.ok(err instanceof Error)
        assert.match(err.message, /no ASCII letter or digit/)
        assert.ok(err.message.includes(JSON.stringify(key)), err.message)
        return true
      },
    )
  }
})

test('redactJson reads JSON lines as JSON whatever the format', () => {
  for (const format of ['text', 'auto', 'json', 'logfmt']) {
    const red = new Redactor({ rules: RULES, format })
    assert.equal(red.redactJson('{"user":"bob","password":"hunter2"}'), '{"user":"bob","password":"[REDACTED:sensitive-key]"}')
    assert.equal(red.redactJson(`{"a": {"b": ["${AWS}"]}}`), '{"a": {"b": ["[REDACTED:aws-access-key-id]"]}}')
    assert.equal(red.redactJson(`not json ${AWS}`), 'not json [REDACTED:aws-access-key-id]')
    assert.equal(red.redactJson('{"user":"bob"}\nplain'), '{"user":"bob"}\nplain')
  }
})
