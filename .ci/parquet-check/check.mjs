// Independent check of a Sluice run directory: reads every shard with hyparquet (not Sluice's code) and
// verifies the manifest's contract. Usage: node check.mjs RUN_DIR
import { asyncBufferFromFile, parquetReadObjects, parquetMetadataAsync } from 'hyparquet'
import { compressors } from 'hyparquet-compressors'
import { readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'

const dir = process.argv[2]
if (!dir) { console.error('usage: node check.mjs RUN_DIR'); process.exit(2) }
const failures = []
let checks = 0
const check = (ok, what) => { checks++; if (!ok) failures.push(what) }

const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
for (const k of ['recipe', 'recipe_sha256', 'sluice_version', 'runner', 'started', 'finished', 'counts', 'stages', 'shards']) {
  check(k in manifest, `manifest has key ${k}`)
}
const c = manifest.counts
const sum = o => Object.values(o).reduce((a, b) => a + b, 0)
// augment.text adds copies: input + augmented = kept + dead + filtered + duplicate (augmented is 0 without it)
check(c.input + (c.augmented ?? 0) === c.kept + c.dead_letter + sum(c.filtered) + sum(c.duplicate),
  `input ${c.input} + augmented ${c.augmented ?? 0} = kept ${c.kept} + dead ${c.dead_letter} + filtered ${sum(c.filtered)} + duplicate ${sum(c.duplicate)}`)

async function rows(rel) {
  const file = await asyncBufferFromFile(join(dir, rel))
  // utf8: false keeps unannotated binary (the image column) as bytes; string columns are annotated and stay text
  return parquetReadObjects({ file, compressors, utf8: false })
}

// image recipes (input.format image_folder | webdataset | image_parquet) write Image.avsc shards: encoded bytes
const images = ['image_folder', 'webdataset', 'image_parquet'].includes(manifest.recipe?.input?.format)
const required = images
  ? ['id', 'image', 'format', 'width', 'height', 'label', 'source', 'signals', 'pixel_sha256', 'phash', 'cluster_id', 'cluster_size']
  : ['id', 'text', 'source', 'lang', 'lang_score', 'quality_score', 'signals', 'cluster_id', 'cluster_size']
const magic = { png: [0x89, 0x50, 0x4e, 0x47], jpeg: [0xff, 0xd8, 0xff] }
const kept = new Set()
let keptRows = 0
for (const s of manifest.shards) {
  const bytes = readFileSync(join(dir, s.path))
  check(createHash('sha256').update(bytes).digest('hex') === s.sha256, `sha256 of ${s.path}`)
  const file = await asyncBufferFromFile(join(dir, s.path))
  const meta = await parquetMetadataAsync(file)
  const cols = meta.schema.map(e => e.name)
  for (const col of required) {
    check(cols.includes(col), `${s.path} has column ${col}`)
  }
  const rs = await rows(s.path)
  check(rs.length === s.rows, `${s.path}: ${rs.length} rows, manifest says ${s.rows}`)
  let prev = null
  for (const r of rs) {
    check(!kept.has(r.id), `id ${r.id} kept once`)
    kept.add(r.id)
    if (images) {
      const m = magic[r.format]
      check(m && r.image instanceof Uint8Array && m.every((b, i) => r.image[i] === b), `kept ${r.id} holds ${r.format} bytes`)
      check(r.width > 0 && r.height > 0 && /^[0-9a-f]{64}$/.test(r.pixel_sha256), `kept ${r.id} has a size and a pixel hash`)
    } else {
      check(typeof r.text === 'string' && r.text.length > 0, `kept ${r.id} has text`)
    }
    check(prev === null || prev < r.id, `${s.path} rows sorted by id`)
    prev = r.id
  }
  keptRows += rs.length
}
check(keptRows === c.kept, `shard rows ${keptRows} = counts.kept ${c.kept}`)

let removedRows = 0
const removedIds = new Set()
for (const s of manifest.removed ?? []) {
  const rs = await rows(s.path)
  for (const r of rs) {
    check(!kept.has(r.id), `removed id ${r.id} is not also kept`)
    check(!removedIds.has(r.id), `removed id ${r.id} appears once`)
    removedIds.add(r.id)
    if (r.duplicate_of != null) check(r.duplicate_of !== r.id, `${r.id} is not a duplicate of itself`)
  }
  removedRows += rs.length
}
check(removedRows === sum(c.filtered) + sum(c.duplicate), `removed rows ${removedRows} = filtered + duplicate`)

let deadLines = 0
for (const s of manifest.dead_letters ?? []) {
  for (const line of readFileSync(join(dir, s.path), 'utf8').split('\n')) {
    if (!line.trim()) continue
    const d = JSON.parse(line)
    for (const k of ['stage', 'reason', 'source', 'location', 'raw']) check(k in d, `dead letter has ${k}`)
    deadLines++
  }
}
check(deadLines === c.dead_letter, `dead-letter lines ${deadLines} = counts.dead_letter ${c.dead_letter}`)

for (const f of failures.slice(0, 20)) console.log('FAIL ' + f)
console.log(`parquet-check ${dir}: ${keptRows} kept rows, ${removedRows} removed rows, ${deadLines} dead letters read back`)
console.log(`${checks - failures.length} passed, ${failures.length} failed`)
process.exit(failures.length ? 1 : 0)
