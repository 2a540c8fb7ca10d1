// ESM entry: the same objects as the CommonJS entry (one native addon per process).
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const redactum = require('./index.js')

export const {
  Redactor,
  StreamRedactor,
  Vault,
  RedactStream,
  createRedactStream,
  pinoDestination,
  redactFormat,
} = redactum
export default redactum
