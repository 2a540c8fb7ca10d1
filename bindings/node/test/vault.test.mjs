// Reversible placeholders: redact, let a model answer, restore (the LLM round trip).
import test from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

import { Redactor, Vault } from 'redactum'

const require = createRequire(import.meta.url)
const { RULES, AWS, GITHUB, EMAIL } = require('./fixtures.js')

const r = new Redactor({ rules: RULES })

test('round trip: reordered and repeated placeholders come back exactly', () => {
  const vault = new Vault()
  const prompt = `user ${EMAIL} uses ${AWS} and ${GITHUB}; mail ${EMAIL} 😀 again`
  const safe = vault.redact(r, prompt)
  assert.equal(safe, 'user <EMAIL_1> uses <AWS_ACCESS_KEY_ID_1> and <GITHUB_PAT_1>; mail <EMAIL_1> 😀 again')
  for (const v of [EMAIL, AWS, GITHUB]) assert.ok(!safe.includes(v))
  const answer = 'Rotate <GITHUB_PAT_1> then <AWS_ACCESS_KEY_ID_1>; tell <EMAIL_1>, <EMAIL_1>. <EMAIL_9> is unknown.'
  assert.equal(vault.restore(answer), `Rotate ${GITHUB} then ${AWS}; tell ${EMAIL}, ${EMAIL}. <EMAIL_9> is unknown.`)
  assert.equal(vault.restore(safe), prompt)
  assert.equal(vault.size, 3)
  assert.equal(vault.get('<AWS_ACCESS_KEY_ID_1>'), AWS)
  assert.equal(vault.get('<NOPE_1>'), null)
  assert.deepEqual(vault.entries()[0], { placeholder: '<EMAIL_1>', value: EMAIL, ruleId: 'email' })
})

test('turns, save and load, merge', () => {
  const vault = new Vault()
  assert.equal(vault.redact(r, `a ${EMAIL}`), 'a <EMAIL_1>')
  assert.equal(vault.redact(r, `b bob@example.org ${EMAIL}`), 'b <EMAIL_2> <EMAIL_1>')
  const saved = vault.toJsonString()
  JSON.parse(saved)
  const loaded = Vault.fromJson(saved)
  assert.deepEqual(loaded.entries(), vault.entries())
  const other = new Vault()
  assert.equal(other.redact(r, `c carl@example.net ${AWS}`), 'c <EMAIL_1> <AWS_ACCESS_KEY_ID_1>')
  assert.deepEqual(loaded.merge(other), { '<EMAIL_1>': '<EMAIL_3>' })
  assert.equal(loaded.restore('<EMAIL_3> <AWS_ACCESS_KEY_ID_1>'), `carl@example.net ${AWS}`)
  for (const bad of ['{not json', '[]', '{"entries": 3}']) {
    assert.throws(() => Vault.fromJson(bad), (err) => err instanceof Error && err.code === 'InvalidVault' && /invalid vault/.test(err.message))
  }
})

test('placeholder-shaped text already present is kept and never reused', () => {
  const vault = new Vault()
  const safe = vault.redact(r, `literal <EMAIL_1> and ${EMAIL}`)
  assert.equal(safe, 'literal <EMAIL_1> and <EMAIL_2>')
  assert.equal(vault.restore(safe), `literal <EMAIL_1> and ${EMAIL}`)
  assert.equal(vault.redact(r, safe), safe)
})
