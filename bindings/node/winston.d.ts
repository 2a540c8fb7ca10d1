// `redactum/winston` is a CommonJS module (`module.exports = redactFormat`): declared with
// `export =`, so both `require('redactum/winston')` and an ES module's
// `import redactFormat from 'redactum/winston'` type-check as they run.
import type { RedactFormat as Format, Redactor, RedactorOptions } from './index'

/** A winston format that redacts log entries: `winston.format.combine(redactFormat(), ...)`. */
declare function redactFormat(options?: RedactorOptions | { redactor: Redactor } | Redactor): Format

declare namespace redactFormat {
  export { redactFormat as default, redactFormat }
  export type RedactFormat = Format
}

export = redactFormat
