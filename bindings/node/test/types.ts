// Compiled with `tsc --noEmit` (test/tsconfig.json): checks that the shipped declarations
// (index.d.ts, binding.d.ts, pino.d.ts, winston.d.ts) describe the API as used.
import { Writable } from 'node:stream'
import pino from 'pino'
import winston from 'winston'

import {
  Redactor,
  StreamRedactor,
  RedactStream,
  createRedactStream,
  pinoDestination,
  redactFormat,
  type Finding,
  type RedactorOptions,
  type RuleInfo,
  type StreamStats,
} from 'redactum'
import redactumPino from 'redactum/pino'
import { redactFormat as fromWinstonEntry } from 'redactum/winston'

const options: RedactorOptions = {
  rules: '[[rule]]\nid = "t"\nname = "t"\ncategory = "secret"\npattern = "tok_[a-z]{8}"\n',
  extraRules: undefined,
  categories: ['secret', 'pii'],
  style: 'partial',
  keepStart: 2,
  keepEnd: 2,
  key: Buffer.from('k'),
  onlyRules: ['t'],
  disableRules: [],
  failClosed: true,
  format: 'auto',
  sensitiveKeys: ['session_hint'],
  personalKeys: { patient_mobile: 'phone' },
}
const r = new Redactor(options)
const plain: Redactor = new Redactor()

const out: string = r.redact('text')
const bytes: Buffer = r.redactBuffer(Buffer.from('text'))
const found: Finding[] = r.find('text 🔑')
for (const f of found) {
  const id: string = f.ruleId
  const category: 'secret' | 'pii' = f.category
  const span: string = 'text'.slice(f.start, f.end)
  const byteLen: number = f.byteEnd - f.byteStart
  void [id, category, span, byteLen]
}
const rules: RuleInfo[] = plain.rules()
const matched: boolean = r.isMatch('x')
const batch: Promise<string[]> = r.redactBatch(['a', 'b'])

const s = new StreamRedactor(r)
const part: Buffer = s.push(Buffer.from('abc'))
const rest: Buffer = s.finish()
const stats: StreamStats = s.stats
const held: number = s.buffered

const t1: RedactStream = createRedactStream()
const t2: RedactStream = createRedactStream({ redactor: r, highWaterMark: 1024 })
const t3: RedactStream = createRedactStream({ rules: options.rules, style: 'mask' })
const t4 = new RedactStream(r)
const st: StreamStats = t4.stats
t1.pipe(t2).pipe(t3)

const dest = pinoDestination(process.stdout, { redactor: r })
const logger = pino({ level: 'info' }, dest)
logger.info({ a: 1 }, 'hello')
const fileDest: Writable = redactumPino({ destination: '/tmp/x.log', style: 'mask' })
const dest2 = pinoDestination(1)
dest2.flushSync()

const wlog = winston.createLogger({
  format: winston.format.combine(redactFormat({ redactor: r }), fromWinstonEntry(), winston.format.json()),
  transports: [new winston.transports.Console()],
})
wlog.info('hi')

// @ts-expect-error: not a style
new Redactor({ style: 'blur' })
// @ts-expect-error: not a category
new Redactor({ categories: ['secrets'] })
// @ts-expect-error: not a format
new Redactor({ format: 'xml' })
// @ts-expect-error: a list of keys, not one string
new Redactor({ sensitiveKeys: 'password' })
const formats: Array<RedactorOptions['format']> = ['text', 'auto', 'json', 'logfmt', undefined]

void [formats, held, out, bytes, rules, matched, batch, part, rest, stats, st, fileDest]
