// A Hugging Face style Parquet input, written by DuckDB (not by Sluice's Parquet library): the State of the Union
// samples with a `meta` struct, a `crawled` timestamp, a `tags` list, an `ok` boolean and a `source` column
// (a name Sluice uses: it must arrive as input_source). Usage: node fixture.mjs SAMPLES_JSONL OUT.parquet
import { DuckDBInstance } from '@duckdb/node-api'

const [src, out] = process.argv.slice(2)
if (!src || !out) { console.error('usage: node fixture.mjs SAMPLES_JSONL OUT.parquet'); process.exit(2) }
const db = await DuckDBInstance.create(':memory:')
const duck = await db.connect()
await duck.run(`COPY (
  SELECT id, text, source,
         {'url': 'https://example.org/sotu/' || id, 'year': year::BIGINT} AS meta,
         TIMESTAMP '2024-01-01 00:00:00' + to_hours(row_number() OVER (ORDER BY id)::BIGINT) AS crawled,
         [author, party] AS tags,
         year % 2 = 0 AS ok
  FROM read_json_auto('${src}') ORDER BY id
) TO '${out}' (FORMAT parquet)`)
console.log(`fixture: wrote ${out}`)
