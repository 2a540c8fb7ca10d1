import test from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

import redactum, { Redactor, createRedactStream, RedactStream, pinoDestination, redactFormat, StreamRedactor } from 'redactum'
import pinoDest from 'redactum/pino'
import winstonFormat from 'redactum/winston'

const require = createRequire(import.meta.url)
const { RULES, AWS } = require('./fixtures.js')

test('ESM: named and default imports are the CommonJS objects', () => {
  const cjs = require('redactum')
  assert.equal(Redactor, cjs.Redactor)
  assert.equal(StreamRedactor, cjs.StreamRedactor)
  assert.equal(redactum.Redactor, cjs.Redactor)
  for (const f of [createRedactStream, pinoDestination, redactFormat, pinoDest, winstonFormat]) assert.equal(typeof f, 'function')
  assert.equal(typeof RedactStream, 'function')
  const r = new Redactor({ rules: RULES })
  assert.equal(r.redact(`k=${AWS}`), 'k=[REDACTED:aws-access-key-id]')
  assert.ok(r instanceof cjs.Redactor)
})
