// kafka-log-dirs (Kafka 4.4's LogDirsCommand) against an engine of this file's own: the engine's
// one log dir with each partition's size (the bytes of its stored batches), filtered by
// --topic-list, partitions in the HashMap order Kafka's tool prints them.
import * as path from 'node:path';
import { describe, expect, it, beforeAll } from 'vitest';
import { ROOT, type TestEngine } from '../helpers/engine';
import { runKcat } from '../helpers/kcat';
import { createTopic, expectRun, runMasked, useEngine } from '../helpers/tools';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { formatLogDirsJson } = require(path.join(ROOT, 'dist/tools/kafka-log-dirs'));

let engine: TestEngine;
let B: string[];
useEngine((e) => {
  engine = e;
  B = ['--bootstrap-server', e.bootstrap];
});

beforeAll(async () => {
  await createTopic(engine, 'ld-a', 2);
  await createTopic(engine, 'ld-b', 1);
  const k = await runKcat(engine.bootstrap, ['-P', '-t', 'ld-a', '-p', '1'], 'one\n');
  expect(k.code).toBe(0);
});

const HEAD = 'Querying brokers for log directories information\nReceived log directory information from brokers 1\n';

describe('kafka-log-dirs', () => {
  it('--describe --topic-list: sizes from the log, as Kafka (one record of 3 bytes: a 71-byte batch)', async () => {
    const r = await runMasked('kafka-log-dirs', [...B, '--describe', '--topic-list', 'ld-a,ld-none']);
    expectRun(r, 0, `${HEAD}{"brokers":[{"broker":1,"logDirs":[{"partitions":[{"partition":"ld-a-1","size":71,"offsetLag":0,"isFuture":false},{"partition":"ld-a-0","size":0,"offsetLag":0,"isFuture":false}],"error":null,"logDir":"${path.resolve(engine.dir)}"}]}],"version":1}\n`);
  });

  it('every partition without --topic-list; --broker-list naming an unknown broker fails as Kafka', async () => {
    const all = await runMasked('kafka-log-dirs', [...B, '--describe']);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('"partition":"ld-b-0"');
    expectRun(await runMasked('kafka-log-dirs', [...B, '--describe', '--broker-list', '1,7']), 1, '',
      'ERROR: The given brokers do not exist from --broker-list: 7. Current existent brokers: 1\n');
    expectRun(await runMasked('kafka-log-dirs', [...B, '--describe', '--broker-list', 'one']), 1, '',
      'For input string: "one"\njava.lang.NumberFormatException: For input string: "one"\n\n');
    const missing = await runMasked('kafka-log-dirs', [...B]);
    expect(missing.stderr.split('\n')[0]).toBe('Missing required argument "[describe]"');
  });

  it('orders brokers by id and partitions by TopicPartition hash', () => {
    const dir = (replicas: [string, number][]) => [{ path: '/d', error: null, totalBytes: -1, usableBytes: -1, replicas: replicas.map(([topic, partition]) => ({ topic, partition, size: 0, offsetLag: 0, isFuture: false })) }];
    const json = formatLogDirsJson(new Map([[3, dir([])], [1, dir([['ld-b', 0], ['ld-b', 1]])]]), new Set());
    expect(json).toBe('{"brokers":[{"broker":1,"logDirs":[{"partitions":[{"partition":"ld-b-0","size":0,"offsetLag":0,"isFuture":false},{"partition":"ld-b-1","size":0,"offsetLag":0,"isFuture":false}],"error":null,"logDir":"/d"}]},{"broker":3,"logDirs":[{"partitions":[],"error":null,"logDir":"/d"}]}],"version":1}');
  });
});
