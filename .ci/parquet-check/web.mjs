// The web recipe's contract, read back independently (hyparquet): every kept row has its record's url (and
// domain, fetch_time, warc_record_id), and the WARC records add up: manifest.warc.records = input + skipped,
// with input = kept + dead letters + filtered + duplicates as for every run; and, when the recipe has them, the
// pii, decontamination and quality_model sections and columns. Usage: node web.mjs RUN_DIR
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet'
import { compressors } from 'hyparquet-compressors'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.argv[2]
const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
const fails = []
const sum = o => Object.values(o ?? {}).reduce((a, b) => a + b, 0)
const c = m.counts
if (!m.warc) fails.push('no warc section in the manifest')
const skipped = sum(m.warc?.skipped)
if (m.warc?.records !== c.input + skipped) fails.push(`warc.records ${m.warc?.records} != input ${c.input} + skipped ${skipped}`)
if (c.input !== c.kept + c.dead_letter + sum(c.filtered) + sum(c.duplicate)) fails.push('counts do not add up')
if (!(m.warc?.skipped?.request > 0)) fails.push('a wget crawl has request records, none were skipped')
// the sections the recipe asks for (samples/recipes/web.yaml has them all; the contract's smallest recipe none)
const r = m.recipe
if (r.pii && !(m.pii && sum(m.pii.replaced) > 0)) fails.push(`pii: no replacement counted (${JSON.stringify(m.pii)})`)
if (r.decontaminate && !(m.decontamination?.removed > 0 && c.filtered.decontamination === m.decontamination.removed))
  fails.push(`decontamination: ${JSON.stringify(m.decontamination)} vs filtered ${c.filtered.decontamination}`)
if (r.quality_model && !m.quality_model?.classifier?.version) fails.push('quality_model: no classifier version')
if (r.decontaminate) {
  let matched = 0
  for (const s of m.removed) {
    const file = await asyncBufferFromFile(join(dir, s.path))
    for (const row of await parquetReadObjects({ file, compressors }))
      if (row.reason === 'decontamination' && /^[^/]+\/.+/.test(row.matched ?? '')) matched++
  }
  if (matched !== c.filtered.decontamination) fails.push(`${matched} removed rows name their evaluation match, ${c.filtered.decontamination} expected`)
}
let rows = 0
const scores = []
for (const s of m.shards) {
  const file = await asyncBufferFromFile(join(dir, s.path))
  for (const r of await parquetReadObjects({ file, compressors })) {
    rows++
    if (!/^https?:\/\//.test(r.url ?? '')) fails.push(`row ${r.id}: url ${r.url}`)
    if (!r.domain || !r.fetch_time || !r.warc_record_id) fails.push(`row ${r.id}: domain/fetch_time/warc_record_id missing`)
    if (!r.text || /<(p|div|html)[ >]/.test(r.text)) fails.push(`row ${r.id}: text is empty or markup`)
    if (m.recipe.quality_model && !(typeof r.quality_model_score === 'number' && ['head', 'middle', 'tail'].includes(r.perplexity_bucket)))
      fails.push(`row ${r.id}: quality_model_score ${r.quality_model_score}, perplexity_bucket ${r.perplexity_bucket}`)
    if (m.recipe.pii && /\b72\.15\.99\.187\b/.test(r.text)) fails.push(`row ${r.id}: a public IP was not redacted`)
    if (typeof r.quality_model_score === 'number') scores.push(r.quality_model_score)
  }
}
// the classifier's scores are calibrated probabilities: on the sample's pages they spread over most of (0, 1); an
// uncalibrated model crowded them into 0.49-0.56, where no min_score could choose between pages
if (m.recipe.quality_model?.classifier && scores.length > 1) {
  const spread = Math.max(...scores) - Math.min(...scores)
  if (spread < 0.3) fails.push(`quality_model_score spreads over only ${spread.toFixed(3)} (calibration lost?)`)
}
if (rows !== c.kept) fails.push(`${rows} rows read, the manifest says ${c.kept} kept`)
console.log(`web ${dir}: ${m.warc?.records} WARC records, ${c.input} pages in, ${rows} kept with a url, ${skipped} skipped by rule: ` +
  (fails.length ? 'FAILED: ' + fails.slice(0, 5).join('; ') : 'ok'))
process.exit(fails.length ? 1 : 0)
