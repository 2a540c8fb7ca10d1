'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')

const redactum = require('redactum')
const { Redactor } = redactum
const { RULES, AWS, GITHUB, EMAIL } = require('./fixtures.js')

const r = new Redactor({ rules: RULES })

test('redact replaces secrets and PII with labels', () => {
  assert.equal(
    r.redact(`login ok user=${EMAIL} key=${AWS}`),
    'login ok user=[REDACTED:email] key=[REDACTED:aws-access-key-id]',
  )
  assert.equal(r.redact(`token ${GITHUB}.`), 'token [REDACTED:github-pat].')
})

test('clean input comes back unchanged (the same string and Buffer)', () => {
  const text = 'GET /index.html 200 1234 AKIA-not-a-key'
  assert.equal(r.redact(text), text)
  const buf = Buffer.from(text)
  assert.equal(r.redactBuffer(buf), buf, 'the very same Buffer object')
  assert.equal(r.redact(''), '')
  assert.equal(r.redactBuffer(Buffer.alloc(0)).length, 0)
})

test('redactBuffer redacts bytes and keeps invalid UTF-8', () => {
  const buf = Buffer.concat([Buffer.from([0xff, 0xfe, 0x20]), Buffer.from(`k=${AWS}\n`)])
  const out = r.redactBuffer(buf)
  assert.ok(Buffer.isBuffer(out))
  assert.deepEqual(out, Buffer.concat([Buffer.from([0xff, 0xfe, 0x20]), Buffer.from('k=[REDACTED:aws-access-key-id]\n')]))
})

test('rules replaces the catalog; extraRules adds to it', () => {
  assert.deepEqual(
    r.rules().map((x) => x.id),
    ['aws-access-key-id', 'github-pat', 'email', 'pem-private-key'],
  )
  const info = r.rules()[0]
  assert.equal(info.category, 'secret')
  assert.deepEqual(info.keywords, ['AKIA'])
  const extra = `
[[rule]]
id = "ticket"
name = "Ticket id"
category = "pii"
keywords = ["TCK-"]
pattern = 'TCK-[0-9]{6}'
`
  const both = new Redactor({ rules: RULES, extraRules: extra })
  assert.equal(both.redact(`TCK-123456 ${AWS}`), '[REDACTED:ticket] [REDACTED:aws-access-key-id]')
  const builtinPlusExtra = new Redactor({ extraRules: extra })
  assert.ok(builtinPlusExtra.rules().some((x) => x.id === 'ticket'))
  assert.equal(builtinPlusExtra.redact('TCK-123456'), '[REDACTED:ticket]')
})

test('onlyRules, disableRules, failClosed', () => {
  const text = `${EMAIL} ${AWS} ${GITHUB}`
  assert.equal(
    new Redactor({ rules: RULES, onlyRules: ['github-pat'] }).redact(text),
    `${EMAIL} ${AWS} [REDACTED:github-pat]`,
  )
  assert.equal(
    new Redactor({ rules: RULES, disableRules: ['email', 'github-pat'] }).redact(text),
    `${EMAIL} [REDACTED:aws-access-key-id] ${GITHUB}`,
  )
  assert.throws(() => new Redactor({ rules: RULES, onlyRules: ['no-such-rule'] }), /no-such-rule/)
  assert.equal(new Redactor({ rules: RULES, failClosed: true }).redact(text), r.redact(text))
})

test('categories select secret or pii rules', () => {
  const text = `${EMAIL} ${AWS}`
  assert.equal(new Redactor({ rules: RULES, categories: ['secret'] }).redact(text), `${EMAIL} [REDACTED:aws-access-key-id]`)
  assert.equal(new Redactor({ rules: RULES, categories: ['pii'] }).redact(text), `[REDACTED:email] ${AWS}`)
  assert.equal(new Redactor({ rules: RULES, categories: ['secret', 'pii'] }).redact(text), '[REDACTED:email] [REDACTED:aws-access-key-id]')
  assert.throws(() => new Redactor({ rules: RULES, categories: ['secrets!'] }), /options\.categories: unknown category "secrets!"/)
})

test('person names are the name category, on by default', () => {
  const line = `Hi, I'm Jennifer Cunningham; mail ${EMAIL}`
  assert.equal(new Redactor().redact(line), "Hi, I'm [REDACTED:person-name]; mail [REDACTED:email]")
  assert.equal(new Redactor({ categories: ['name'] }).redact(line), `Hi, I'm [REDACTED:person-name]; mail ${EMAIL}`)
  assert.equal(new Redactor({ categories: ['secret', 'pii'] }).redact(line), "Hi, I'm Jennifer Cunningham; mail [REDACTED:email]")
  assert.equal(new Redactor().redact('{"full_name": "Gerald Nichols"}'), '{"full_name": "[REDACTED:person-name-key]"}')
  assert.equal(new Redactor().redact('Will retry; Mark as read'), 'Will retry; Mark as read')
})

test('styles: mask, partial, hash', () => {
  const mask = new Redactor({ rules: RULES, style: 'mask' })
  assert.equal(mask.redact(`k=${AWS}`), `k=${'*'.repeat(20)}`)
  const partial = new Redactor({ rules: RULES, style: 'partial', keepStart: 4, keepEnd: 2 })
  assert.equal(partial.redact(`k=${AWS}`), `k=AKIA${'*'.repeat(14)}LN`)
  const defaults = new Redactor({ rules: RULES, style: 'partial' })
  assert.equal(defaults.redact(`k=${AWS}`), `k=AKIA${'*'.repeat(12)}W2LN`, 'keeps 4 and 4 by default')
  const hash = new Redactor({ rules: RULES, style: 'hash', key: 'k1' })
  const h1 = hash.redact(AWS)
  assert.match(h1, /^\[REDACTED:aws-access-key-id:[0-9a-f]{16}\]$/)
  assert.equal(hash.redact(AWS), h1, 'deterministic')
  assert.equal(new Redactor({ rules: RULES, style: 'hash', key: Buffer.from('k1') }).redact(AWS), h1, 'Buffer key')
  assert.notEqual(new Redactor({ rules: RULES, style: 'hash', key: 'k2' }).redact(AWS), h1, 'keyed')
  assert.throws(() => new Redactor({ rules: RULES, style: 'hash' }), /needs a key/)
  assert.throws(() => new Redactor({ rules: RULES, style: 'blur' }), /options\.style: unknown style "blur"/)
})

test('a bad rule throws an Error naming the rule', () => {
  const bad = `
[[rule]]
id = "broken-rule"
name = "Broken"
category = "secret"
pattern = '(unclosed'
`
  assert.throws(
    () => new Redactor({ rules: bad }),
    (err) => {
      assert.ok(err instanceof Error)
      assert.match(err.message, /broken-rule/)
      assert.match(err.message, /options\.rules/)
      return true
    },
  )
  assert.throws(() => new Redactor({ extraRules: 'not toml [[' }), (err) => err instanceof Error && /options\.extraRules/.test(err.message))
  const unknownField = '[[rule]]\nid = "odd"\nname = "x"\ncategory = "secret"\npattern = "x+"\ncolour = "red"\n'
  assert.throws(() => new Redactor({ rules: unknownField }), /colour/)
})

test('a Rust panic becomes an Error and the process goes on', () => {
  // Internal: in the addon (binding.js), not in the package's exports.
  assert.throws(() => require('../binding.js').__panicForTests(), (err) => err instanceof Error && /panic/.test(err.message))
  assert.equal(r.redact(AWS), '[REDACTED:aws-access-key-id]', 'still usable afterwards')
})

test('isMatch', () => {
  assert.equal(r.isMatch(`x ${AWS}`), true)
  assert.equal(r.isMatch('nothing here'), false)
})

test('redactBatch runs off the JS thread and keeps order', async () => {
  const pad = ' GET /api/v1/items status=200 took=12ms'.repeat(4)
  const texts = Array.from({ length: 20000 }, (_, i) => (i % 3 === 0 ? `#${i} key=${AWS}${pad}` : `#${i} clean${pad}`))
  const t0 = performance.now()
  const pending = r.redactBatch(texts)
  const callMs = performance.now() - t0
  assert.ok(pending instanceof Promise)
  const out = await pending
  const totalMs = performance.now() - t0
  // The call only converts the arguments; the scanning happens while the JS thread is free.
  assert.ok(callMs < totalMs / 2, `the call took ${callMs.toFixed(1)} ms of ${totalMs.toFixed(1)} ms`)
  assert.equal(out.length, texts.length)
  for (let i = 0; i < texts.length; i += 97) assert.equal(out[i], r.redact(texts[i]))
  assert.equal(out[0], `#0 key=[REDACTED:aws-access-key-id]${pad}`)
  assert.deepEqual(await r.redactBatch([]), [])
})

test('wrong argument types throw, they do not crash', () => {
  assert.throws(() => r.redact(42), Error)
  assert.throws(() => r.redactBuffer('text'), Error)
  assert.throws(() => new Redactor({ rules: 5 }), Error)
})

// Mistakes fail loudly: a misspelt option, a value of the wrong type or a wrong argument is an
// Error that says what was expected and what was given, never ignored or coerced.

test('unknown option names and wrong option types throw', () => {
  const bad = (options, pattern) =>
    assert.throws(() => new Redactor(options), (err) => err instanceof Error && err.code === 'InvalidArg' && pattern.test(err.message))
  bad({ styles: 'mask' }, /unknown option `styles` in Redactor options \(did you mean `style`\?\)/)
  bad({ rules: RULES, keep_start: 2 }, /unknown option `keep_start`.*did you mean `keepStart`/)
  bad({ colour: 'red' }, /unknown option `colour`.*expected rules, extraRules, categories/)
  bad('mask', /Redactor options must be an object such as \{ style: 'mask' \}, not a string/)
  bad(42, /must be an object.*not the number 42/)
  bad(['secret'], /must be an object.*not an array/)
  for (const keepStart of [-1, 1.5, NaN, Infinity, 2 ** 32, '2']) {
    bad({ style: 'partial', keepStart }, /options\.keepStart must be a whole number of characters, zero or more, not/)
  }
  bad({ style: 'partial', keepEnd: -3 }, /options\.keepEnd must be .*not the number -3/)
  bad({ style: 5 }, /options\.style must be a string, not the number 5/)
  bad({ categories: 'pii' }, /options\.categories must be an array of strings, not a string/)
  bad({ onlyRules: ['aws-access-key-id', 3] }, /options\.onlyRules must be an array of strings, not an array/)
  bad({ failClosed: 'yes' }, /options\.failClosed must be a boolean, not a string/)
  bad({ key: 42, style: 'hash' }, /options\.key must be a string or a Buffer, not the number 42/)
  bad({ rules: Buffer.from(RULES) }, /options\.rules must be a string \(TOML rules\), not a Buffer/)
  bad({ sensitiveKeys: null }, /options\.sensitiveKeys must be an array of strings, not null/)
  // What is valid still is: whole numbers, undefined for "not given".
  const p = new Redactor({ rules: RULES, style: 'partial', keepStart: 2, keepEnd: 0, format: undefined })
  assert.equal(p.redact(AWS), 'AK' + '*'.repeat(18))
  assert.ok(new Redactor(undefined) instanceof Redactor && new Redactor(null) instanceof Redactor)
})

test('a wrong argument says what it got', () => {
  const bad = (f, pattern) => assert.throws(f, (err) => err instanceof Error && err.code === 'InvalidArg' && pattern.test(err.message))
  bad(() => r.redact(42), /^redact\(\) takes a string, not the number 42$/)
  bad(() => r.redact(), /^redact\(\) takes a string, not undefined$/)
  bad(() => r.redact(Buffer.from(AWS)), /^redact\(\) takes a string, not a Buffer \(redactBuffer takes a Buffer\)$/)
  bad(() => r.redactJson({}), /^redactJson\(\) takes a string, not an object$/)
  bad(() => r.find(null), /^find\(\) takes a string, not null$/)
  bad(() => r.isMatch([AWS]), /^isMatch\(\) takes a string, not an array$/)
  bad(() => r.redactBuffer(AWS), /^redactBuffer\(\) takes a Buffer, not a string \(redact takes a string\)$/)
})

test('redactBatch rejects instead of throwing, and takes Buffers', async () => {
  let pending
  assert.doesNotThrow(() => {
    pending = r.redactBatch(`a ${AWS}`)
  })
  await assert.rejects(pending, (err) => err.code === 'InvalidArg' && /^redactBatch\(\) takes an array of strings or Buffers, not a string$/.test(err.message))
  await assert.rejects(r.redactBatch(['ok', 1]), /redactBatch\(\) item 1 must be a string or a Buffer, not the number 1/)
  await assert.rejects(r.redactBatch(), /not undefined/)
  const invalidUtf8 = Buffer.from([0xff, 0x20, ...Buffer.from(AWS)])
  const out = await r.redactBatch([Buffer.from(`k ${AWS}`), `s ${AWS}`, invalidUtf8, 'clean'])
  assert.ok(Buffer.isBuffer(out[0]) && Buffer.isBuffer(out[2]))
  assert.equal(out[0].toString(), 'k [REDACTED:aws-access-key-id]')
  assert.equal(out[1], 's [REDACTED:aws-access-key-id]')
  assert.deepEqual(out[2], Buffer.concat([Buffer.from([0xff]), Buffer.from(' [REDACTED:aws-access-key-id]')]))
  assert.equal(out[3], 'clean')
})

test('internal functions are not exported', async () => {
  for (const m of [require('redactum'), await import('redactum')]) {
    const internal = Object.keys(m).filter((k) => k.startsWith('__'))
    assert.deepEqual(internal, [])
  }
  for (const name of ['Redactor', 'StreamRedactor', 'Vault', 'RedactStream', 'createRedactStream', 'pinoDestination', 'redactFormat']) {
    assert.equal(typeof redactum[name], 'function', name)
  }
})

test('errors name options, never command-line flags', () => {
  for (const options of [{ style: 'hash' }, { style: 'hash', key: '' }, { style: 'hash', key: Buffer.alloc(0) }]) {
    assert.throws(
      () => new Redactor({ rules: RULES, ...options }),
      // REDACTUM_KEY is read by every interface (docs/options.md), so it may be named; flags never.
      (err) => err.code === 'InvalidArg' && /options\.key/.test(err.message) && !/--/.test(err.message),
    )
  }
  assert.match(new Redactor({ rules: RULES, style: 'hash', key: Buffer.from('k') }).redact(AWS), /^\[REDACTED:aws-access-key-id:[0-9a-f]{16}\]$/)
})

test('gitleaks import warnings reach process.emitWarning', async () => {
  const fs = require('node:fs')
  const path = require('node:path')
  const gitleaks = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'core', 'tests', 'data', 'gitleaks-sample.toml'), 'utf8')
  const seen = []
  const onWarning = (w) => {
    if (w.name === 'RedactumRuleWarning') seen.push(w.message)
  }
  process.on('warning', onWarning)
  try {
    const g = new Redactor({ rules: gitleaks })
    assert.equal(g.redact('ghp_' + 'a1'.repeat(18)), '[REDACTED:github-classic-pat]')
    new Redactor({ rules: RULES, extraRules: gitleaks.replace(/\[\[rules\]\]\nid = "pem-file"/, '[[rules]]\nid = "pem-file-2"') })
    new Redactor({ rules: RULES }) // redactum's own format: nothing to say
    await new Promise((res) => setImmediate(res))
  } finally {
    process.off('warning', onWarning)
  }
  assert.ok(seen.some((m) => m.startsWith('options.rules: rule `pem-file`: path-only rule skipped')), seen.join('\n'))
  assert.ok(seen.some((m) => m.startsWith('options.extraRules: ')), seen.join('\n'))
  assert.ok(seen.every((m) => /^options\.(rules|extraRules): /.test(m)), seen.join('\n'))
})
