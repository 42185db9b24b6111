// Memory under a client that never reads (issue 11, target 7): a raw socket sends N Fetch
// requests for 1 MB each and never reads an answer, while another client asks ApiVersions every
// 100 ms for 8 s. Measured: the engine's RSS before, at its peak and after, and how many answers
// the other client got. Kafka mutes such a channel; the engine must neither grow without bound
// nor stop serving others.
// Run after `npx tsc -p .`:  node bench/hostile-client.mjs [requests=5000]
// Writes bench/results.json under "hostileClient" (merged with what is there).
import net from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { root, startEngine } from './lib.mjs';

const require = createRequire(import.meta.url);
const { BrokerConnection } = require(join(root, 'dist/client/connection'));
const { apiSpec, encodeRequestFrame, ApiKey } = require(join(root, 'dist/protocol/apis'));
const { buildBatch } = require(join(root, 'dist/protocol/records/batch'));

const N = Number(process.argv[2] ?? 5000);
const rssMB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

const engine = await startEngine({ prefix: 'kl-bench-hostile-' });
const other = new BrokerConnection('127.0.0.1', engine.port, 'bench-other');
let result;
try {
  await other.connect();
  await other.send(ApiKey.CreateTopics, { topics: [{ name: 'h', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false });
  const value = Buffer.alloc(100 * 1024, 1);
  for (let i = 0; i < 10; i++) {
    await other.send(ApiKey.Produce, { transactionalId: null, acks: 1, timeoutMs: 5000, topicData: [{ name: 'h', partitionData: [{ index: 0, records: buildBatch([{ key: null, value, timestamp: Date.now() }]) }] }] });
  }
  const before = rssMB(engine.proc.pid);
  const hostile = net.connect(engine.port, '127.0.0.1');
  await new Promise((r) => hostile.once('connect', r));
  hostile.pause(); // never reads
  const spec = apiSpec(ApiKey.Fetch);
  for (let i = 0; i < N; i++) {
    for (const b of encodeRequestFrame(spec, 4, i, 'hostile', { replicaId: -1, maxWaitMs: 0, minBytes: 0, maxBytes: 1048576, isolationLevel: 0, topics: [{ topic: 'h', partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: 1048576 }] }] })) hostile.write(b);
  }
  let peak = before;
  let answers = 0;
  const t0 = Date.now();
  while (Date.now() - t0 < 8000) {
    await other.send(ApiKey.ApiVersions, {});
    answers++;
    peak = Math.max(peak, rssMB(engine.proc.pid));
    await new Promise((r) => setTimeout(r, 100));
  }
  result = {
    date: new Date().toISOString(), node: process.version, cpus: cpus().length, requests: N,
    rssBeforeMB: Math.round(before), rssPeakMB: Math.round(peak), rssAfterMB: Math.round(rssMB(engine.proc.pid)),
    otherClientAnswersIn8s: answers,
  };
  hostile.destroy();
} finally {
  other.close();
  await engine.stop();
}
console.log(JSON.stringify(result, null, 2));
const file = join(root, 'bench', 'results.json');
let previous = {};
try { previous = JSON.parse(readFileSync(file, 'utf8')); } catch { /* first run */ }
writeFileSync(file, JSON.stringify({ ...previous, hostileClient: result }, null, 2) + '\n');
