// Compiled with `tsc --noEmit` (test/tsconfig.json) as an ES module: the declarations of the
// CommonJS subpaths `redactum/pino` and `redactum/winston` must type-check from ESM (issue 18).
import type { Writable } from 'node:stream'
import pino from 'pino'
import winston from 'winston'

import redactumPino, { pinoDestination, type PinoDestinationOptions } from 'redactum/pino'
import redactFormat from 'redactum/winston'
import { Redactor, type RedactorOptions } from 'redactum'

const options: PinoDestinationOptions = { destination: 1, format: 'json' }
const dest: Writable = redactumPino(options)
const logger = pino(dest)
logger.info({ password: 'x' }, 'hello')
const other: Writable = pinoDestination(process.stdout, { redactor: new Redactor() })
other.end()

const redactorOptions: RedactorOptions = { styleFor: { email: 'mask' }, replaceWith: (v: string, id: string) => `<${id}:${v.length}>` }
const w = winston.createLogger({
  format: winston.format.combine(redactFormat(redactorOptions), winston.format.json()),
  transports: [new winston.transports.Console()],
})
w.info('hi')
