// kafka-get-offsets (Kafka 4.x GetOffsetShell, spec/cli.md §7): exact transcripts against an
// engine of this file's own; log timestamps are masked.
import * as path from 'node:path';
import { describe, it, beforeAll, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { ROOT, type TestEngine } from '../helpers/engine';
import { createTopic, expectRun, runMasked, useEngine } from '../helpers/tools';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { formatHelp } = require(path.join(ROOT, 'dist/cli/help'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { getOffsetsSpecs } = require(path.join(ROOT, 'dist/tools/get-offsets/options'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { buildBatch } = require(path.join(ROOT, 'dist/protocol/records/batch'));
const HELP = formatHelp(getOffsetsSpecs()) as string;
const USAGE = 'An interactive shell for getting topic-partition offsets.\n';

let engine: TestEngine;
let B: string[];
useEngine((e) => {
  engine = e;
  B = ['--bootstrap-server', e.bootstrap];
});

const go = (args: string[]) => runMasked('kafka-get-offsets', args);

/** kcat -P (asynchronous: the engine runs in this process). */
function kcatProduce(topic: string, partition: number, lines: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn('kcat', ['-b', engine.bootstrap, '-P', '-t', topic, '-p', String(partition)], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d) => { stderr += d; });
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`kcat failed: ${stderr}`))));
    p.stdin.end(lines.map((l) => `${l}\n`).join(''));
  });
}

beforeAll(async () => {
  await createTopic(engine, 'go-a', 3);
  await createTopic(engine, 'go-b', 12);
  await kcatProduce('go-a', 0, ['a', 'b', 'c']);
  await kcatProduce('go-a', 2, ['d']);
  await kcatProduce('go-b', 10, ['x', 'y']);
  await kcatProduce('go-b', 2, ['z']);
}, 60000);

const ALL_B_LATEST = ['go-b:0:0', 'go-b:1:0', 'go-b:10:2', 'go-b:11:0', 'go-b:2:1', 'go-b:3:0', 'go-b:4:0', 'go-b:5:0', 'go-b:6:0', 'go-b:7:0', 'go-b:8:0', 'go-b:9:0'];

describe('kafka-get-offsets', () => {
  it('default --time latest over all topics, sorted by the string topic-partition (t-10 before t-2)', async () => {
    expectRun(await go(B), 0, ['go-a:0:3', 'go-a:1:0', 'go-a:2:1', ...ALL_B_LATEST].map((l) => `${l}\n`).join(''));
  });

  it('--topic is a whole-name regex; --time earliest / -2 and latest / -1', async () => {
    expectRun(await go([...B, '--topic', 'go-a', '--time', 'earliest']), 0, 'go-a:0:0\ngo-a:1:0\ngo-a:2:0\n');
    expectRun(await go([...B, '--topic', 'go-.', '--partitions', '0,2', '--time', '-1']), 0, 'go-a:0:3\ngo-a:2:1\ngo-b:0:0\ngo-b:2:1\n');
    expectRun(await go([...B, '--topic', 'go', '--time', '-2']), 1, '', 'Error occurred: Could not match any topic-partitions with the specified filters\n');
  });

  it('--topic-partitions rules: number, LOW-HIGH (exclusive), LOW-, -HIGH, empty topic pattern', async () => {
    expectRun(await go([...B, '--topic-partitions', 'go-b:10-,go-a:0']), 0, 'go-a:0:3\ngo-b:10:2\ngo-b:11:0\n');
    expectRun(await go([...B, '--topic-partitions', 'go-b:1-3']), 0, 'go-b:1:0\ngo-b:2:1\n');
    expectRun(await go([...B, '--topic-partitions', 'go-a:-1']), 0, 'go-a:0:3\n');
    expectRun(await go([...B, '--topic-partitions', ':2', '--exclude-internal-topics']), 0, 'go-a:2:1\ngo-b:2:1\n');
  });

  it('--time <timestamp>: the first offset at or after it; partitions without one are left out', async () => {
    expectRun(await go([...B, '--topic', 'go-a', '--time', '0']), 0, 'go-a:0:0\ngo-a:2:0\n');
    expectRun(await go([...B, '--topic', 'go-a', '--time', String(Date.now() + 3600_000)]), 0, '');
  });

  it('after DeleteRecords the earliest offset moves', async () => {
    await createTopic(engine, 'go-del', 1);
    await kcatProduce('go-del', 0, ['1', '2', '3', '4']);
    const fs = await import('node:fs');
    const os = await import('node:os');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kl-go-')), 'offsets.json');
    fs.writeFileSync(file, '{"partitions":[{"topic":"go-del","partition":0,"offset":3}]}');
    expectRun(await runMasked('kafka-delete-records', [...B, '--offset-json-file', file]), 0,
      'Executing records delete operation\nRecords delete operation completed:\npartition: go-del-0\tlow_watermark: 3\n');
    expectRun(await go([...B, '--topic', 'go-del', '--time', '-2']), 0, 'go-del:0:3\n');
    expectRun(await go([...B, '--topic', 'go-del']), 0, 'go-del:0:4\n');
  });

  it('max-timestamp / -3: the first record with the largest timestamp; empty partitions are left out', async () => {
    await createTopic(engine, 'go-ts', 2);
    const conn = new BrokerConnection('127.0.0.1', engine.port, 'go-ts');
    await conn.connect();
    try {
      const rec = (v: string, timestamp: number) => ({ key: null, value: Buffer.from(v), timestamp });
      for (const batch of [[rec('a', 1000), rec('b', 3000)], [rec('c', 2000), rec('d', 3000), rec('e', 3000)]]) {
        const r = await conn.send(ApiKey.Produce, { transactionalId: null, acks: -1, timeoutMs: 5000, topicData: [{ name: 'go-ts', partitionData: [{ index: 0, records: buildBatch(batch, {}) }] }] });
        expect(r.responses[0].partitionResponses[0].errorCode).toBe(0);
      }
    } finally {
      conn.close();
    }
    // Offset 1 (b, 3000) comes before d and e, which share the timestamp.
    expectRun(await go([...B, '--topic', 'go-ts', '--time', 'max-timestamp']), 0, 'go-ts:0:1\n');
    expectRun(await go([...B, '--topic', 'go-ts', '--time', '-3']), 0, 'go-ts:0:1\n');
    expectRun(await go([...B, '--topic', 'go-ts', '--time', '2500']), 0, 'go-ts:0:1\n');
  });

  it('earliest-local / -4 is the log start offset (no tiered storage); latest-tiered / -5 has no offset, so nothing prints', async () => {
    // A 3.9 broker answers ListOffsets v8/v9 (UnifiedLog.fetchOffsetByTimestamp without remote
    // storage): no WARN, no "Skip getting offsets" lines.
    expectRun(await go([...B, '--topic', 'go-a', '--time', 'earliest-local']), 0, 'go-a:0:0\ngo-a:1:0\ngo-a:2:0\n');
    expectRun(await go([...B, '--topic', 'go-a', '--time', '-4']), 0, 'go-a:0:0\ngo-a:1:0\ngo-a:2:0\n');
    expectRun(await go([...B, '--topic', 'go-a', '--time', 'latest-tiered']), 0, '');
    expectRun(await go([...B, '--topic', 'go-a', '--time', '-5']), 0, '');
  });

  it('argument errors', async () => {
    expectRun(await go([...B, '--time', 'yesterday']), 1, '',
      'Error occurred: Malformed time argument yesterday. Please use -1 or latest / -2 or earliest / -3 or max-timestamp / -4 or earliest-local / -5 or latest-tiered / -6 or earliest-pending-upload, or a specified long format timestamp\n');
    expectRun(await go([...B, '--topic-partitions', 'go-a:0', '--topic', 'go-a']), 1, '', 'Error occurred: --topic-partitions cannot be used with --topic or --partitions\n');
    expectRun(await go([...B, '--partitions', '0,x']), 1, '', 'Error occurred: --partitions expects a comma separated list of numeric partition ids, but received: 0,x\n');
    expectRun(await go([...B, '--topic-partitions', 'go-a:x']), 1, '',
      'Error occurred: org.apache.kafka.tools.TerseException: Invalid rule specification: go-a:x\njava.lang.RuntimeException: org.apache.kafka.tools.TerseException: Invalid rule specification: go-a:x\n\n');
    expectRun(await go([...B, '--bogus']), 1, '', 'Error occurred: bogus is not a recognized option\n');
    expectRun(await go(['--topic', 'x']), 1, '', `Missing required argument "[bootstrap-server]"\n${HELP}`);
    expectRun(await go(['--bootstrap-server', 'localhost']), 1, '', `Please provide valid host:port like host1:9091,host2:9092\n\n${HELP}`);
    expectRun(await go([]), 1, '', `${USAGE}${HELP}`);
    expectRun(await go(['--help']), 1, '', `${USAGE}${HELP}`);
    expectRun(await go(['--version']), 0, '4.4.0\n');
  });

  it('--broker-list still works, with a hint', async () => {
    expectRun(await go(['--broker-list', engine.bootstrap, '--topic', 'go-a']), 0, 'go-a:0:3\ngo-a:1:0\ngo-a:2:1\n',
      'kafka-local: --broker-list is the pre-4.0 spelling (removed in Kafka 4.0); use --bootstrap-server instead.\n');
  });

  it('internal topics are included unless --exclude-internal-topics', async () => {
    // FindCoordinator makes the coordinator create __consumer_offsets (50 partitions).
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
    const conn = new BrokerConnection('127.0.0.1', engine.port, 'get-offsets-test');
    await conn.connect();
    await conn.send(10, { key: 'go-group', keyType: 0 });
    conn.close();
    const expected = Array.from({ length: 50 }, (_, i) => `__consumer_offsets-${i}`).sort()
      .map((tp) => `__consumer_offsets:${tp.slice('__consumer_offsets-'.length)}:0\n`).join('');
    expectRun(await go([...B, '--topic', '__consumer_offsets', '--time', 'earliest']), 0, expected);
    expectRun(await go([...B, '--topic', '__consumer_offsets', '--exclude-internal-topics']), 1, '',
      'Error occurred: Could not match any topic-partitions with the specified filters\n');
  });
});
