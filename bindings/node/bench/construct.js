// First and later Redactor construction (issue 18): node bench/construct.js, on a release build.
const { Redactor } = require('..')
const ms = (t) => Number(process.hrtime.bigint() - t) / 1e6
for (const [label, opts] of [['default', undefined], ['{style:"mask",format:"json"}', { style: 'mask', format: 'json' }]]) {
  let t = process.hrtime.bigint(); new Redactor(opts); const first = ms(t)
  t = process.hrtime.bigint(); new Redactor(opts); const second = ms(t)
  t = process.hrtime.bigint(); for (let i = 0; i < 1000; i++) new Redactor(opts); const avg = ms(t) / 1000
  console.log(`${label}: first ${first.toFixed(2)} ms, second ${(second * 1000).toFixed(1)} us, mean of 1000 more ${(avg * 1000).toFixed(1)} us`)
}
