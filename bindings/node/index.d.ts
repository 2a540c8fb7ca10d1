// Declarations of the JavaScript half; the native classes' come from binding.d.ts, which
// napi-rs generates from the Rust sources.
import type { Transform, Writable } from 'node:stream'
import type { Redactor, RedactorOptions, StreamStats } from './binding'

export * from './binding'

/** Redactor options plus the Transform's buffer sizes; or an existing `redactor`. */
export interface RedactStreamOptions extends RedactorOptions {
  /** Use this redactor instead of compiling one from the options. */
  redactor?: Redactor
  highWaterMark?: number
  readableHighWaterMark?: number
  writableHighWaterMark?: number
  signal?: AbortSignal
}

/**
 * A Transform that redacts a byte stream in bounded memory; secrets split across chunks are
 * found, and the output equals `redactor.redactBuffer(wholeInput)`.
 */
export declare class RedactStream extends Transform {
  constructor(options?: RedactStreamOptions | Redactor)
  /** The redactor whose rules and style apply. */
  readonly redactor: Redactor
  /** Counters so far. */
  readonly stats: StreamStats
}

/** `new RedactStream(options)`. */
export declare function createRedactStream(options?: RedactStreamOptions | Redactor): RedactStream

/** Redactor options, or an existing `redactor`; `destination` when the first argument is omitted. */
export interface PinoDestinationOptions extends RedactorOptions {
  redactor?: Redactor
  /** A file descriptor (1 = stdout), a path (appended to) or a stream. */
  destination?: number | string | DestinationStream
}

/** Anything with a `write` method: a stream, pino's own SonicBoom destination... */
export interface DestinationStream {
  write(chunk: string | Buffer): boolean | void
}

/**
 * A Writable that redacts each line pino writes with `redactJson` (values of sensitive keys
 * replaced; from options, `format` defaults to `'json'`), then writes it to `dest` (default
 * stdout). A path or file descriptor is written synchronously: no line is lost on exit.
 */
export declare function pinoDestination(
  dest?: number | string | DestinationStream | PinoDestinationOptions,
  options?: PinoDestinationOptions | Redactor,
): Writable & { flushSync(): void; destination: DestinationStream }

/** A winston (logform) format: `transform` redacts every string field of the entry and the values of sensitive keys. */
export interface RedactFormat {
  options?: object
  transform: (info: any, opts?: any) => any
}

/** A winston format that redacts log entries: `winston.format.combine(redactFormat(), ...)`. */
export declare function redactFormat(options?: RedactorOptions | { redactor: Redactor } | Redactor): RedactFormat
