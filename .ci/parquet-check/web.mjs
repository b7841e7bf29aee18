// The web recipe's contract, read back independently (hyparquet): every kept row has its record's url (and
// domain, fetch_time, warc_record_id), and the WARC records add up: manifest.warc.records = input + skipped,
// with input = kept + dead letters + filtered + duplicates as for every run. Usage: node web.mjs RUN_DIR
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
let rows = 0
for (const s of m.shards) {
  const file = await asyncBufferFromFile(join(dir, s.path))
  for (const r of await parquetReadObjects({ file, compressors })) {
    rows++
    if (!/^https?:\/\//.test(r.url ?? '')) fails.push(`row ${r.id}: url ${r.url}`)
    if (!r.domain || !r.fetch_time || !r.warc_record_id) fails.push(`row ${r.id}: domain/fetch_time/warc_record_id missing`)
    if (!r.text || /<(p|div|html)[ >]/.test(r.text)) fails.push(`row ${r.id}: text is empty or markup`)
  }
}
if (rows !== c.kept) fails.push(`${rows} rows read, the manifest says ${c.kept} kept`)
console.log(`web ${dir}: ${m.warc?.records} WARC records, ${c.input} pages in, ${rows} kept with a url, ${skipped} skipped by rule: ` +
  (fails.length ? 'FAILED: ' + fails.slice(0, 5).join('; ') : 'ok'))
process.exit(fails.length ? 1 : 0)
