// Exit 0 when every file given is a complete Parquet file (its footer parses), else 1.
import { asyncBufferFromFile, parquetMetadataAsync } from 'hyparquet'
let bad = 0
for (const f of process.argv.slice(2)) {
  try { await parquetMetadataAsync(await asyncBufferFromFile(f)) } catch (e) { console.log(`not a complete Parquet file: ${f}: ${e.message}`); bad++ }
}
process.exit(bad ? 1 : 0)
