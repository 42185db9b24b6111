// Micro-benchmark for src/protocol/records. Run after `npx tsc -p .`:
//   node bench/records.mjs [records=1000000] [perBatch=1000]
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { buildBatch, decodeRecords, splitBatches, RecordView } = require('../dist/protocol/records/batch.js');
const { crc32c } = require('../dist/protocol/records/crc32c.js');

const total = Number(process.argv[2] ?? 1_000_000);
const perBatch = Number(process.argv[3] ?? 1000);
const value = Buffer.alloc(100, 'x');
const now = Date.now();

function rate(label, n, unit, fn) {
  fn(); // warm-up
  const t0 = process.hrtime.bigint();
  const r = fn();
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`${label.padEnd(34)} ${(n / s / 1e6).toFixed(2).padStart(8)} M ${unit}/s  (${(s * 1000).toFixed(0)} ms)`);
  return r;
}

const recs = [];
for (let i = 0; i < perBatch; i++) recs.push({ key: null, value, timestamp: now + i });
const nBatches = Math.ceil(total / perBatch);

const batches = rate(`buildBatch (${perBatch}/batch, 100 B)`, nBatches * perBatch, 'records', () => {
  const out = [];
  for (let i = 0; i < nBatches; i++) out.push(buildBatch(recs, { baseOffset: i * perBatch }));
  return out;
});
const blob = Buffer.concat(batches);
rate('splitBatches (CRC check)', blob.length, 'bytes', () => splitBatches(blob));
rate('crc32c', blob.length, 'bytes', () => crc32c(blob));

const view = new RecordView();
let sink = 0;
const visit = (r) => { sink += r.value.length; };
rate('decodeRecords (none)', nBatches * perBatch, 'records', () => {
  let n = 0;
  for (let i = 0; i < batches.length; i++) n += decodeRecords(batches[i], visit, { view });
  return n;
});

const gz = [];
for (let i = 0; i < Math.min(nBatches, 200); i++) gz.push(buildBatch(recs, { compression: 'gzip' }));
rate('decodeRecords (gzip)', gz.length * perBatch, 'records', () => {
  for (const b of gz) decodeRecords(b, visit, { view });
});
if (sink === 0) console.log('');
