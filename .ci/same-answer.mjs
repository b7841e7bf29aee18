// Two run directories give the same answer: equal counts and byte-identical shards, removal rows and dead letters
// (by the sha256 their manifests record, re-checked on disk). Usage: node same-answer.mjs RUN_A RUN_B
import { readFileSync, readdirSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
const [a, b] = process.argv.slice(2)
const ma = JSON.parse(readFileSync(join(a, 'manifest.json'), 'utf8'))
const mb = JSON.parse(readFileSync(join(b, 'manifest.json'), 'utf8'))
const fails = []
if (JSON.stringify(ma.counts) !== JSON.stringify(mb.counts)) fails.push('counts differ')
if (JSON.stringify(ma.warc) !== JSON.stringify(mb.warc)) fails.push('warc record counts differ')
for (const k of ['shards', 'removed', 'dead_letters']) {
  const ha = (ma[k] ?? []).map(f => f.sha256).join(), hb = (mb[k] ?? []).map(f => f.sha256).join()
  if (ha !== hb) fails.push(`${k} differ`)
  for (const f of mb[k] ?? []) {
    if (createHash('sha256').update(readFileSync(join(b, f.path))).digest('hex') !== f.sha256) fails.push(`${f.path} on disk`)
  }
}
for (const d of ['shards', 'removed', 'dead-letters']) {
  let names = []
  try { names = readdirSync(join(b, d)) } catch { continue }
  for (const n of names) if (!n.startsWith('part-')) fails.push(`leftover file ${d}/${n}`)
}
console.log(`same-answer ${a} (${ma.runner}) vs ${b} (${mb.runner}): ` +
  `${ma.counts.kept} kept, ${ma.shards.length} shards, ${fails.length ? 'DIFFERENT: ' + fails.join('; ') : 'identical'}`)
process.exit(fails.length ? 1 : 0)
