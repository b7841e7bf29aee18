// Min, quartiles and max of a numeric column over a run's kept shards, read back independently (hyparquet), e.g. the
// spread of the quality classifier's scores (BENCHMARKS.md, "Model-based quality").
// Usage: node quantiles.mjs RUN_DIR [COLUMN (default quality_model_score)] [--rows: every row's value and url/id]
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet'
import { compressors } from 'hyparquet-compressors'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.argv[2]
const column = process.argv[3] && !process.argv[3].startsWith('--') ? process.argv[3] : 'quality_model_score'
const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
const rows = []
for (const s of m.shards) {
  const file = await asyncBufferFromFile(join(dir, s.path))
  for (const r of await parquetReadObjects({ file, compressors })) rows.push(r)
}
const v = rows.map(r => r[column]).filter(x => typeof x === 'number').sort((a, b) => a - b)
if (v.length === 0) {
  console.log(`${dir}: no numeric ${column} in ${rows.length} kept rows`)
  process.exit(1)
}
// linear interpolation between order statistics (numpy's default)
const q = p => { const i = p * (v.length - 1), lo = Math.floor(i), hi = Math.ceil(i); return v[lo] + (v[hi] - v[lo]) * (i - lo) }
const f = x => x.toFixed(4)
console.log(`${dir}: ${column} of ${v.length} kept rows: min ${f(v[0])}, q1 ${f(q(0.25))}, median ${f(q(0.5))}, q3 ${f(q(0.75))}, max ${f(v[v.length - 1])}`)
if (process.argv.includes('--rows'))
  for (const r of rows.filter(r => typeof r[column] === 'number').sort((a, b) => a[column] - b[column]))
    console.log(`  ${f(r[column])}  ${r.url ?? r.id}`)
