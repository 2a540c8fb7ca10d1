'use strict'
// `redactum/pino`: a redacting destination for pino.
//
//   const pino = require('pino')
//   const logger = pino(require('redactum/pino')())             // stdout
//   const logger = pino(pinoDestination(fs.createWriteStream(p))) // any stream
//   pino.transport({ target: 'redactum/pino', options: { destination: 1 } }) // worker thread

const { pinoDestination } = require('./index.js')

// Keys that pino.transport() and thread-stream add to a target's options: not Redactor
// options (which reject unknown names).
const TRANSPORT_KEYS = ['$context', 'pinoWillSendConfig', 'levels', 'dedupe']

/** `pinoDestination(options.destination, options)`; also a pino transport target. */
function redactumPino(options = {}) {
  if (options && typeof options === 'object' && !Array.isArray(options)) {
    const rest = { ...options }
    for (const k of TRANSPORT_KEYS) delete rest[k]
    options = rest
  }
  return pinoDestination(options.destination, options)
}

module.exports = redactumPino
module.exports.default = redactumPino
module.exports.pinoDestination = pinoDestination
