'use strict'
// `redactum/winston`: `winston.format.combine(redactFormat(), winston.format.json())`.

const { redactFormat } = require('./index.js')

module.exports = redactFormat
module.exports.default = redactFormat
module.exports.redactFormat = redactFormat
