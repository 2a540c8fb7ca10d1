'use strict'
// `redactum/pino`: a redacting destination for pino.
//
//   const pino = require('pino')
//   const logger = pino(require('redactum/pino')())             // stdout
//   const logger = pino(pinoDestination(fs.createWriteStream(p))) // any stream
//   pino.transport({ target: 'redactum/pino', options: { destination: 1 } }) // worker thread

const { pinoDestination } = require('./index.js')

/** `pinoDestination(options.destination, options)`; also a pino transport target. */
function redactumPino(options = {}) {
  return pinoDestination(options.destination, options)
}

module.exports = redactumPino
module.exports.default = redactumPino
module.exports.pinoDestination = pinoDestination
