// The run directory as its users load it, with their own readers (no Sluice code): DuckDB (@duckdb/node-api),
// Polars (nodejs-polars) and Apache Arrow (apache-arrow, from Polars' IPC), on the kept shards and on removed/.
// Every column must load with a natural type, and none may be one Hugging Face `datasets` refuses
// (Features.from_arrow_schema has no dtype for a MAP or a union; `datasets` has no Python wheel here to run).
// The input's own fields (manifest.input_fields) must be columns of the type the manifest names, with their values.
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
// the input's own fields (manifest.input_fields): each is a column of the shards and of removed/ with the type the
// manifest names in DuckDB and in Arrow (from Polars), holding the values of the documents that had the field
const duckType = t => t === 'string' || t === 'json' || t === 'enum' ? 'VARCHAR' : t === 'long' ? 'BIGINT'
  : t === 'int' ? 'INTEGER' : t === 'double' ? 'DOUBLE' : t === 'float' ? 'FLOAT' : t === 'boolean' ? 'BOOLEAN'
  : t === 'bytes' ? 'BLOB' : t === 'date' ? 'DATE' : /timestamp/.test(t) ? 'TIMESTAMP.*'
  : t.startsWith('struct<') ? 'STRUCT\\(.*\\)' : t.startsWith('list<') ? duckType(t.slice(5, -1)) + '\\[\\]' : '?'
const arrowType = t => t === 'string' || t === 'json' ? /Utf8/ : t === 'long' ? /^Int64$/ : t === 'double' ? /^Float64$/
  : t === 'boolean' ? /^Bool$/ : /timestamp/.test(t) ? /^Timestamp/ : t.startsWith('struct<') ? /^Struct/
  : t.startsWith('list<') ? /List/ : /./
// what the CI runs must carry (the samples' own fields; the DuckDB-written Parquet fixture of fixture.mjs)
const EXPECTED = {
  quickstart: { category: ['category', 'string'], year: ['year', 'long'], author: ['author', 'string'],
    party: ['party', 'string'], source: ['input_source', 'string'], lang: ['input_lang', 'string'] },
  'parquet-fields': { meta: ['meta', 'struct<url: string, year: long>'], crawled: ['crawled', 'local-timestamp-micros'],
    tags: ['tags', 'list<string>'], ok: ['ok', 'boolean'], source: ['input_source', 'string'] },
}
const fields = manifest.input_fields ?? {}
for (const [name, [column, type]] of Object.entries(EXPECTED[manifest.recipe.name] ?? {})) {
  check(fields[name]?.column === column && fields[name]?.type === type,
    `input field ${name}: manifest says ${JSON.stringify(fields[name])}, want column ${column} of type ${type}`)
}
const q1 = async sql => (await duck.runAndReadAll(sql)).getRowObjects()[0]
let nonNull = {}
for (const [kind, files] of [['shards', manifest.shards], ['removed', manifest.removed ?? []]]) {
  if (files.length === 0 || Object.keys(fields).length === 0) continue
  const src = `read_parquet('${join(dir, kind, '*.parquet')}')`
  const types = Object.fromEntries((await duck.runAndReadAll(`DESCRIBE SELECT * FROM ${src}`)).getRowObjects()
    .map(o => [o.column_name, String(o.column_type)]))
  const df = pl.readParquet(join(dir, files[0].path))
  const arrow = Object.fromEntries(tableFromIPC(df.writeIPC()).schema.fields.map(f => [f.name, String(f.type)]))
  for (const [name, { column, type }] of Object.entries(fields)) {
    check(new RegExp('^' + duckType(type) + '$').test(types[column] ?? ''),
      `${kind}.${column} (input field ${name}, ${type}): DuckDB type ${types[column]}`)
    check(arrowType(type).test(arrow[column] ?? ''), `${kind}.${column} (input field ${name}, ${type}): Arrow type ${arrow[column]}`)
    const n = await q1(`SELECT count("${column}") AS n FROM ${src}`)
    nonNull[name] = (nonNull[name] ?? 0) + Number(n.n)
  }
}
for (const [name, { present }] of Object.entries(fields)) {
  // every document read with the field is kept or removed, unless it became a dead letter later (or is a copy)
  const exact = manifest.counts.dead_letter === 0 && !manifest.counts.augmented
  check(exact ? nonNull[name] === present : nonNull[name] >= 0,
    `input field ${name}: ${nonNull[name]} non-null values in shards + removed/, manifest present ${present}`)
}
try {
  const shards = `read_parquet('${join(dir, 'shards', '*.parquet')}')`
  if (manifest.recipe.name === 'quickstart' && manifest.shards.length > 0) {
    const y = await q1(`SELECT count(*) AS n, count(*) FILTER (WHERE year = CAST(substr(id, 6, 4) AS BIGINT)) AS ok
        FROM ${shards} WHERE year IS NOT NULL`)
    check(Number(y.n) > 0 && y.n === y.ok, `year carried on ${y.n} kept rows, right on ${y.ok}`)
  }
  if (manifest.recipe.name === 'parquet-fields' && manifest.shards.length > 0) {
    const s = await q1(`SELECT count(*) AS n, count(*) FILTER (WHERE meta.url = 'https://example.org/sotu/' || id
        AND len(tags) = 2 AND crawled >= TIMESTAMP '2024-01-01') AS ok FROM ${shards}`)
    check(Number(s.n) > 0 && s.n === s.ok, `struct/list/timestamp values right on ${s.ok} of ${s.n} kept rows`)
  }
} catch (e) {
  check(false, `input fields in SQL: ${e.message}`)
}
for (const f of failures.slice(0, 20)) console.log('FAIL ' + f)
console.log(`consumers ${dir}: ${failures.length ? failures.length + ' FAILED checks' : 'DuckDB, Polars and Arrow read every column'}; load ms ${JSON.stringify(Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])))}`)
process.exit(failures.length ? 1 : 0)
