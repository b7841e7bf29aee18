// The run directory as its users load it, with their own readers (no Sluice code): DuckDB (@duckdb/node-api),
// Polars (nodejs-polars) and Apache Arrow (apache-arrow, from Polars' IPC), on the kept shards and on removed/.
// Every column must load with a natural type, and none may be one Hugging Face `datasets` refuses
// (Features.from_arrow_schema has no dtype for a MAP or a union; `datasets` has no Python wheel here to run).
// Usage: node consumers.mjs RUN_DIR
import pl from 'nodejs-polars'
import { tableFromIPC, Type } from 'apache-arrow'
import { DuckDBInstance } from '@duckdb/node-api'
import { asyncBufferFromFile, parquetMetadataAsync } from 'hyparquet'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.argv[2]
if (!dir) { console.error('usage: node consumers.mjs RUN_DIR'); process.exit(2) }
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
const failures = []
const check = (ok, what) => { if (!ok) failures.push(what) }
const db = await DuckDBInstance.create(':memory:')
const duck = await db.connect()
const timings = {}
const timed = async (what, f) => { const t0 = performance.now(); const r = await f(); timings[what] = (timings[what] ?? 0) + performance.now() - t0; return r }

for (const [kind, files] of [['shards', manifest.shards], ['removed', manifest.removed ?? []]]) {
  if (files.length === 0) continue
  const glob = join(dir, kind, '*.parquet')
  const rows = files.reduce((a, f) => a + f.rows, 0)
  // DuckDB: the types it sees, and the row count
  const types = (await timed(`duckdb ${kind}`, () => duck.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${glob}')`)))
    .getRowObjects().map(o => [o.column_name, String(o.column_type)])
  for (const [c, t] of types) check(!/MAP\(|UNION\(/.test(t), `${kind}.${c}: DuckDB type ${t} (datasets has no dtype for it)`)
  const n = (await timed(`duckdb ${kind}`, () => duck.runAndReadAll(`SELECT count(*) AS n FROM read_parquet('${glob}')`))).getRowObjects()[0].n
  check(Number(n) === rows, `${kind}: DuckDB counts ${n} rows, manifest ${rows}`)
  // the Parquet schema itself: no MAP / MAP_KEY_VALUE annotation anywhere
  for (const f of files) {
    const meta = await parquetMetadataAsync(await asyncBufferFromFile(join(dir, f.path)))
    for (const e of meta.schema) {
      check(!['MAP', 'MAP_KEY_VALUE'].includes(e.converted_type) && e.logical_type?.type !== 'MAP',
        `${f.path}: column ${e.name} is a Parquet MAP`)
    }
  }
  // Polars and Arrow: every file loads, and no Arrow type datasets refuses
  let polarsRows = 0
  for (const f of files) {
    const df = await timed(`polars ${kind}`, () => pl.readParquet(join(dir, f.path)))
    polarsRows += df.height
    const table = tableFromIPC(df.writeIPC())
    const walk = (field, path) => {
      const id = field.type.typeId
      check(![Type.Map, Type.Union, Type.DenseUnion, Type.SparseUnion].includes(id), `${path}: Arrow ${field.type}`)
      for (const c of field.type.children ?? []) walk(c, `${path}.${c.name}`)
    }
    for (const field of table.schema.fields) walk(field, `${kind}.${field.name}`)
  }
  check(polarsRows === rows, `${kind}: Polars reads ${polarsRows} rows, manifest ${rows}`)
  console.log(`consumers ${kind}: ${types.map(([c, t]) => `${c} ${t.length > 40 ? t.slice(0, 37) + '...' : t}`).join(', ')}`)
}
// natural access: a signal is a plain nested field in SQL
if (manifest.shards.length > 0 && (manifest.recipe.quality?.rules ?? []).includes('gopher_quality')) {
  try {
    const r = (await duck.runAndReadAll(`SELECT count(*) AS n FROM read_parquet('${join(dir, 'shards', '*.parquet')}')
        WHERE signals.gopher_quality.word_count IS NOT NULL`)).getRowObjects()[0].n
    check(Number(r) === manifest.counts.kept, `signals.gopher_quality.word_count set on ${r} of ${manifest.counts.kept} kept rows`)
  } catch (e) {
    check(false, `SELECT signals.gopher_quality.word_count: ${e.message}`)
  }
}
// augmentation and curriculum: a list column and a struct, queried as users would
if (manifest.shards.length > 0) {
  const shards = `read_parquet('${join(dir, 'shards', '*.parquet')}')`
  const q = async sql => (await duck.runAndReadAll(sql)).getRowObjects()[0]
  try {
    const a = await q(`SELECT count(*) FILTER (WHERE len(augment_ops) > 0) AS ops,
        count(*) FILTER (WHERE augmented_from IS NOT NULL) AS copies FROM ${shards}`)
    check(Number(a.ops) === (manifest.counts.augmented ?? 0) && Number(a.copies) === (manifest.counts.augmented ?? 0),
      `augmented rows: ${a.copies} with augmented_from, ${a.ops} with augment_ops; counts.augmented ${manifest.counts.augmented}`)
    const orphans = await q(`SELECT count(*) AS n FROM ${shards} c WHERE c.augmented_from IS NOT NULL
        AND c.augmented_from NOT IN (SELECT id FROM ${shards})`)
    check(Number(orphans.n) === 0, `${orphans.n} augmented copies whose original is not kept`)
    const d = await q(`SELECT count(*) FILTER (WHERE difficulty BETWEEN 0 AND 1) AS n,
        count(*) FILTER (WHERE difficulty_components.length IS NOT NULL) AS len FROM ${shards}`)
    const want = manifest.curriculum ? manifest.counts.kept : 0
    check(Number(d.n) === want, `difficulty in [0, 1] on ${d.n} rows, want ${want}`)
    if ((manifest.curriculum?.components ?? []).includes('length'))
      check(Number(d.len) === want, `difficulty_components.length on ${d.len} rows, want ${want}`)
  } catch (e) {
    check(false, `augmentation/curriculum columns in SQL: ${e.message}`)
  }
}
for (const f of failures.slice(0, 20)) console.log('FAIL ' + f)
console.log(`consumers ${dir}: ${failures.length ? failures.length + ' FAILED checks' : 'DuckDB, Polars and Arrow read every column'}; load ms ${JSON.stringify(Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])))}`)
process.exit(failures.length ? 1 : 0)
