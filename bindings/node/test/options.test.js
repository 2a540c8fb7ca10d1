'use strict'
// Issue 18: one option surface (core's Options), mistakes that fail loudly, per-type styles,
// replacement functions, redaction with findings, the shared catalog.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const { Redactor, Vault, StreamRedactor } = require('redactum')
const { RULES, AWS, EMAIL } = require('./fixtures.js')

const CARD = '4111 1111 1111 1111'

test('options that leave no rule throw', () => {
  for (const options of [
    { categories: [] },
    { rules: '' },
    { onlyRules: ['email'], disableRules: ['email'] },
    { onlyRules: ['email'], categories: ['secret'] },
  ]) {
    assert.throws(() => new Redactor(options), /no rule/, JSON.stringify(options))
  }
})

test('an unknown id in disableRules throws, as in onlyRules', () => {
  assert.throws(() => new Redactor({ disableRules: ['emial'] }), /`emial`/)
  assert.throws(() => new Redactor({ onlyRules: ['emial'] }), /`emial`/)
})

test('an extra rule with a built-in id needs replace = true', () => {
  const rule = "[[rule]]\nid = 'email'\nname = 'e'\ncategory = 'pii'\npattern = 'mail-[0-9]{4}'\n"
  assert.throws(() => new Redactor({ extraRules: rule }), /rule `email`.*replace = true/)
  const r = new Redactor({ extraRules: rule + 'replace = true\n' })
  assert.equal(r.redact(`mail-1234 ${EMAIL}`), `[REDACTED:email] ${EMAIL}`)
})

test('a placeholder the user typed is never restored', () => {
  const r = new Redactor({ rules: RULES })
  const vault = new Vault()
  assert.equal(vault.redact(r, EMAIL), '<EMAIL_1>')
  assert.equal(vault.redact(r, 'typed <EMAIL_2>, bob@example.org'), 'typed <EMAIL_2>, <EMAIL_3>')
  assert.equal(vault.restore('<EMAIL_1> <EMAIL_2> <EMAIL_3>'), `${EMAIL} <EMAIL_2> bob@example.org`)
})

test('the email rule keeps a following emoji and a whole o\'neil', () => {
  const r = new Redactor({ onlyRules: ['email'] })
  assert.equal(r.redact(`${EMAIL}😀`), '[REDACTED:email]😀')
  assert.equal(r.redact("bob.o'neil@example.com"), '[REDACTED:email]')
})

test('styles, categories and the key from the environment are core\'s', () => {
  assert.equal(new Redactor({ onlyRules: ['credit-card'], style: 'partial:0:4' }).redact(CARD), '***************1111')
  assert.equal(new Redactor({ categories: ['secrets'] }).redact(EMAIL), EMAIL)
  assert.throws(() => new Redactor({ style: 'partial', keepStart: 300 }), /at most 256/)
  const before = process.env.REDACTUM_KEY
  process.env.REDACTUM_KEY = 'k'.repeat(32)
  try {
    const fromEnv = new Redactor({ style: 'hash', onlyRules: ['email'] }).redact(EMAIL)
    assert.match(fromEnv, /^\[REDACTED:email:[0-9a-f]{16}\]$/)
    assert.equal(new Redactor({ style: 'hash', key: 'k'.repeat(32), onlyRules: ['email'] }).redact(EMAIL), fromEnv)
  } finally {
    if (before === undefined) delete process.env.REDACTUM_KEY
    else process.env.REDACTUM_KEY = before
  }
})

test('styleFor sets per-type styles', () => {
  const r = new Redactor({ styleFor: { 'credit-card': 'partial:0:4', email: 'mask' } })
  assert.equal(r.redact(`${CARD} ${EMAIL}`), `***************1111 ${'*'.repeat(EMAIL.length)}`)
  assert.throws(() => new Redactor({ styleFor: { 'credit-crad': 'mask' } }), /no rule or category/)
  assert.throws(() => new Redactor({ styleFor: ['email=mask'] }), /options\.styleFor must be an object/)
  assert.throws(() => new Redactor({ styleFor: { email: 3 } }), /options\.styleFor must be an object/)
})

test('personalKeys labels the values of keys with a personal type', () => {
  const line = '{"patient_mobile": "ask-at-front-desk", "member_ref": "zq19", "n": 1}'
  assert.equal(new Redactor().redact(line), line) // no rule finds these values
  const r = new Redactor({ personalKeys: { patient_mobile: 'phone', member_ref: 'member-id' } })
  assert.equal(r.redact(line), '{"patient_mobile": "[REDACTED:phone]", "member_ref": "[REDACTED:member-id]", "n": 1}')
  assert.equal(r.redact('level=info PatientMobile=ask-at-front-desk'), 'level=info PatientMobile=[REDACTED:phone]')
  assert.throws(() => new Redactor({ personalKeys: { nin: 'Bad_Type' } }), /personal key "nin" of type "Bad_Type"/)
  assert.throws(() => new Redactor({ personalKeys: { '--': 'phone' } }), /personal key "--"/)
  assert.throws(() => new Redactor({ personalKeys: ['patient_mobile=phone'] }), /options\.personalKeys must be an object/)
  assert.throws(() => new Redactor({ personalKeys: { patient_mobile: 1 } }), /options\.personalKeys must be an object/)
})

test('replaceWith gives each replacement', async () => {
  const seen = []
  const r = new Redactor({
    rules: RULES,
    replaceWith: (value, ruleId) => {
      seen.push([value, ruleId])
      return `<${ruleId}:${value.length}>`
    },
  })
  assert.equal(r.redact(`k=${AWS} ${EMAIL}`), 'k=<aws-access-key-id:20> <email:15>')
  assert.deepEqual(seen, [[AWS, 'aws-access-key-id'], [EMAIL, 'email']])
  assert.deepEqual(await r.redactBatch([EMAIL, Buffer.from(AWS)]), ['<email:15>', Buffer.from('<aws-access-key-id:20>')])
  const s = new StreamRedactor(r)
  assert.equal(Buffer.concat([s.push(Buffer.from(`${EMAIL}\n`)), s.finish()]).toString(), '<email:15>\n')
  assert.throws(() => new Redactor({ replaceWith: '***' }), /options\.replaceWith must be a function/)
})

test('a replaceWith that throws never lets the value through: the call throws', async () => {
  for (const replaceWith of [() => { throw new Error('censor broke') }, () => 42]) {
    const r = new Redactor({ rules: RULES, replaceWith })
    assert.throws(() => r.redact(`k=${AWS}`), /replaceWith failed/)
    assert.throws(() => r.redactJson(`{"password": "${AWS}"}`), /replaceWith failed/)
    assert.throws(() => r.redactBuffer(Buffer.from(AWS)), /replaceWith failed/)
    await assert.rejects(r.redactBatch([AWS]), /replaceWith failed/)
    const s = new StreamRedactor(r)
    assert.throws(() => { s.push(Buffer.from(`${AWS}\n`)); s.finish() }, /replaceWith failed/)
  }
})

test('redactWithFindings returns the text and its findings in one call', () => {
  const r = new Redactor({ rules: RULES })
  const text = `🔑 ${EMAIL}\n{"password": "hunter2"}`
  const { text: out, findings } = r.redactWithFindings(text)
  assert.equal(out, r.redact(text))
  assert.equal(out, '🔑 [REDACTED:email]\n{"password": "[REDACTED:sensitive-key]"}')
  assert.deepEqual(findings.map((f) => [f.ruleId, text.slice(f.start, f.end)]), [['email', EMAIL], ['sensitive-key', 'hunter2']])
})

test('redactWithFindings maps findings that nest (a password inside a sensitive value)', () => {
  const r = new Redactor({ format: 'auto' })
  // The line parses as JSON only once the password rule's finding (which holds the invalid
  // escape `\q`) is replaced; the JSON pass then reads the key (written with an escape) as a
  // sensitive one. The core reports the key's value and, inside it, the password: the second
  // finding starts before the first one ends.
  const text = '🔑 é\n{"api\\u005fkey": "x password=ab\\qcd"}\n'
  const { text: out, findings } = r.redactWithFindings(text)
  assert.equal(out, r.redact(text))
  assert.ok(findings.length >= 2, JSON.stringify(findings))
  const bytes = Buffer.from(text)
  for (const f of findings) {
    assert.equal(text.slice(f.start, f.end), bytes.subarray(f.byteStart, f.byteEnd).toString(), JSON.stringify(f))
  }
  assert.ok(findings.some((f, i) => i > 0 && f.start < findings[i - 1].end), JSON.stringify(findings))
})

test('the Node names are those of docs/options.md', () => {
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'options.md'), 'utf8')
  const table = doc.split('<!-- options-table: begin -->')[1].split('<!-- options-table: end -->')[0]
  const names = table.trim().split('\n').slice(2).map((row) => row.replace(/^\|/, '').split(' | ')[3].trim().replace(/`/g, ''))
  let accepted
  try {
    new Redactor({ zzz: 1 })
  } catch (err) {
    accepted = /expected (.*)\)$/.exec(err.message)[1].split(', ')
  }
  assert.deepEqual([...accepted].sort(), [...names].sort())
})

test('a second Redactor with the same options shares the compiled catalog', () => {
  const options = { style: 'mask', sensitiveKeys: ['node_cache_probe'] }
  let t = process.hrtime.bigint()
  const a = new Redactor(options)
  const first = Number(process.hrtime.bigint() - t) / 1e6
  t = process.hrtime.bigint()
  const b = new Redactor(options)
  const second = Number(process.hrtime.bigint() - t) / 1e6
  assert.equal(a.redact(EMAIL), b.redact(EMAIL))
  assert.ok(second < first / 5, `first ${first} ms, second ${second} ms`)
})

test('a validator that panics inside the scan (test-hooks build) never crashes the process', () => {
  const rules = "[[rule]]\nid = 'p'\nname = 'p'\ncategory = 'secret'\npattern = '[A-Z]{5}'\nvalidators = ['test-panic']\n"
  const closed = new Redactor({ rules, failClosed: true })
  assert.equal(closed.redact('ok\nhas PANIC here\n'), 'ok\n[REDACTED:internal-error]\n')
  const open = new Redactor({ rules })
  assert.throws(() => open.redact('has PANIC here'), (err) => err instanceof Error && /panic/i.test(err.message))
  // Never the text cut short before the failing line.
  assert.throws(() => open.redactWithFindings('ok\nhas PANIC here\nlast\n'), (err) => err instanceof Error && /internal error/i.test(err.message))
  const { text, findings } = closed.redactWithFindings('ok\nhas PANIC here\nlast\n')
  assert.equal(text, 'ok\n[REDACTED:internal-error]\nlast\n')
  assert.equal(findings.length, 1)
})
