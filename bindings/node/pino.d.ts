// `redactum/pino` is a CommonJS module (`module.exports = redactumPino`): declared with
// `export =`, so both `require('redactum/pino')` and an ES module's
// `import redactumPino from 'redactum/pino'` type-check as they run.
import type { Writable } from 'node:stream'
import type { PinoDestinationOptions as DestinationOptions, pinoDestination as destination } from './index'

/** `pinoDestination(options.destination, options)`; also usable as a pino transport target. */
declare function redactumPino(options?: DestinationOptions): Writable

declare namespace redactumPino {
  export { redactumPino as default }
  export const pinoDestination: typeof destination
  export type PinoDestinationOptions = DestinationOptions
}

export = redactumPino
