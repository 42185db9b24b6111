// kafka-dump-log on our engine: Kafka's segment path for a partition dumps the stored batches in
// Kafka's format (positions = where each batch would start in a segment file), with records and
// their data on request, and __consumer_offsets decoded. Compared with Kafka's own dump in
// test/reference/scenarios/kafka-dump-log.ts.
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool, startInProcessEngine, type TestEngine } from '../helpers/engine';

let engine: TestEngine;
const segment = (topic: string, p = 0) => path.join(engine.dir, `${topic}-${p}`, '00000000000000000000.log');

beforeAll(async () => {
  engine = await startInProcessEngine();
  const B = ['--bootstrap-server', engine.bootstrap];
  await runTool('kafka-topics', [...B, '--create', '--topic', 'dl', '--partitions', '1']);
  await runTool('kafka-console-producer', [...B, '--topic', 'dl', '--reader-property', 'parse.key=true'], { input: 'k1\tv1\nk2\tv2\n' });
  await runTool('kafka-console-producer', [...B, '--topic', 'dl', '--compression-codec', 'gzip'], { input: 'x\n' });
  await runTool('kafka-console-consumer', [...B, '--topic', 'dl', '--group', 'dg', '--from-beginning', '--max-messages', '3']);
}, 30000);

afterAll(async () => {
  await engine?.stop();
});

const BATCH = /^baseOffset: (\d+) lastOffset: (\d+) count: (\d+) baseSequence: 0 lastSequence: \d+ producerId: \d+ producerEpoch: 0 partitionLeaderEpoch: 0 isTransactional: false isControl: false deleteHorizonMs: OptionalLong\.empty position: (\d+) CreateTime: \d+ size: (\d+) magic: 2 compresscodec: (\w+) crc: \d+ isvalid: true$/;

describe('kafka-dump-log', () => {
  it('dumps the batches with positions, then records and data', async () => {
    const r = await runTool('kafka-dump-log', ['--files', segment('dl'), '--print-data-log']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual([`Dumping ${segment('dl')}`, 'Log starting offset: 0']);
    const [b1, b2] = [BATCH.exec(lines[2]), BATCH.exec(lines[5])];
    expect(b1?.slice(1, 4)).toEqual(['0', '1', '2']);
    expect(b1?.[6]).toBe('none');
    expect(b2?.[4]).toBe(b1?.[5]); // the second batch starts where the first ends
    expect(b2?.[6]).toBe('gzip');
    expect(lines[3]).toMatch(/^\| offset: 0 CreateTime: \d+ keySize: 2 valueSize: 2 sequence: 0 headerKeys: \[\] key: k1 payload: v1$/);
    expect(lines[6]).toMatch(/^\| offset: 2 CreateTime: \d+ keySize: -1 valueSize: 1 sequence: 0 headerKeys: \[\] payload: x$/);
  }, 60000);

  it('--offsets-decoder prints __consumer_offsets keys and values as JSON', async () => {
    const { javaStringHashCode } = require('../../dist/util/java-hash');
    const p = Math.abs(javaStringHashCode('dg')) % 50;
    const r = await runTool('kafka-dump-log', ['--files', segment('__consumer_offsets', p), '--offsets-decoder']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ key: \{"type":"1","data":\{"group":"dg","topic":"dl","partition":0\}\} payload: \{"version":"3","data":\{"offset":3,"leaderEpoch":0,"metadata":"","commitTimestamp":\d+\}\}\n/);
    expect(r.stdout).toMatch(/"subscription":\{"topics":\["dl"\],"userData":null,"ownedPartitions":\[\],"generationId":-1,"rackId":null\},"assignment":\{"assignedPartitions":\[\{"topic":"dl","partitions":\[0\]\}\],"userData":null\}/);
  }, 60000);

  it('a partition we do not hold is a missing file, as for Kafka', async () => {
    const file = segment('absent');
    const r = await runTool('kafka-dump-log', ['--files', file]);
    expect(r).toMatchObject({ code: 1, stdout: `Dumping ${file}\nLog starting offset: 0\n`, stderr: `Exception in thread "main" java.nio.file.NoSuchFileException: ${file}\n` });
  }, 60000);
});
