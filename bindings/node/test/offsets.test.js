'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')

const { Redactor } = require('redactum')
const { RULES, AWS, GITHUB, EMAIL } = require('./fixtures.js')

const r = new Redactor({ rules: RULES })

test('find: start/end are UTF-16 indices, byteStart/byteEnd UTF-8 offsets (emoji)', () => {
  const text = `key 🔑${AWS} family 👩‍👩‍👧 ${GITHUB} é ${EMAIL}`
  const found = r.find(text)
  assert.deepEqual(
    found.map((f) => [f.ruleId, f.category, text.slice(f.start, f.end)]),
    [
      ['aws-access-key-id', 'secret', AWS],
      ['github-pat', 'secret', GITHUB],
      ['email', 'pii', EMAIL],
    ],
  )
  const bytes = Buffer.from(text)
  for (const f of found) {
    assert.equal(bytes.subarray(f.byteStart, f.byteEnd).toString(), text.slice(f.start, f.end))
    assert.ok(f.byteEnd - f.byteStart === f.end - f.start, 'ASCII secrets: same length in both units')
  }
  // 🔑 is one code point, two UTF-16 units, four bytes.
  assert.equal(found[0].start, 'key 🔑'.length)
  assert.equal(found[0].byteStart, Buffer.byteLength('key 🔑'))
})

test('find right after emoji, at the start, and with nothing found', () => {
  assert.deepEqual(r.find('nothing 🔑 here'), [])
  for (const prefix of ['', '🔑', '👩‍👩‍👧', '🔑🔑 ', '日本語 ', '\u{1F600}\u{1F600}']) {
    const text = `${prefix}${AWS}👩‍👩‍👧`
    const [f] = r.find(text)
    assert.equal(text.slice(f.start, f.end), AWS, JSON.stringify(prefix))
    assert.equal(f.start, prefix.length)
  }
})

test('a lone surrogate keeps the indices aligned', () => {
  const text = `x\uD83D y ${AWS}`
  const [f] = r.find(text)
  assert.equal(text.slice(f.start, f.end), AWS)
})
