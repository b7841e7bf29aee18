// Reads a finished job's Beam metrics through Flink's REST API (what the web UI's Accumulators tab shows) and
// checks that Sluice's counters are there by name and equal the run's manifest counts.
//   node .ci/flink-counters.mjs HOST:PORT RUN_DIR
import { readFileSync } from 'node:fs';
const [master, runDir] = process.argv.slice(2);
const jobs = (await (await fetch(`http://${master}/jobs/overview`)).json()).jobs
  .filter(j => j.state === 'FINISHED').sort((a, b) => b['end-time'] - a['end-time']);
const acc = await (await fetch(`http://${master}/jobs/${jobs[0].jid}/accumulators`)).json();
const containers = acc['user-task-accumulators'].find(a => a.name === '__metricscontainers');
const varint = b64 => { let v = 0n, s = 0n; for (const b of Buffer.from(b64, 'base64')) { v |= BigInt(b & 0x7f) << s; s += 7n; } return Number(v); };
const counters = {};
for (const m of JSON.parse(containers.value).metrics.attempted) {
  if (m.labels.NAMESPACE === 'sluice' && m.urn.includes('sum_int64')) {
    counters[m.labels.NAME] = (counters[m.labels.NAME] ?? 0) + varint(m.payload ?? '');
  }
}
const c = JSON.parse(readFileSync(`${runDir}/manifest.json`, 'utf8')).counts;
const expect = { input: c.input, kept: c.kept };
for (const [reason, n] of Object.entries(c.filtered)) expect[`filtered:${reason}`] = n;
for (const [kind, n] of Object.entries(c.duplicate)) if (n > 0) expect[`duplicate:${kind}`] = n;
const bad = Object.entries(expect).filter(([k, n]) => counters[k] !== n);
if (bad.length) {
  console.error('flink-counters: differ from the manifest:', bad.map(([k, n]) => `${k}=${counters[k]} (manifest ${n})`).join(', '));
  process.exit(1);
}
console.log(`flink-counters: job ${jobs[0].jid} reports ${Object.keys(expect).length} Sluice counters by name, equal to the manifest`
  + ` (e.g. kept=${counters.kept}, filtered:gopher_quality.alpha_words_ratio=${counters['filtered:gopher_quality.alpha_words_ratio']})`);
