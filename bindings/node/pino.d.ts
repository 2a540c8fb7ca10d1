import type { Writable } from 'node:stream'
import type { PinoDestinationOptions } from './index'

export { pinoDestination, PinoDestinationOptions } from './index'

/** `pinoDestination(options.destination, options)`; also usable as a pino transport target. */
declare function redactumPino(options?: PinoDestinationOptions): Writable
export default redactumPino
