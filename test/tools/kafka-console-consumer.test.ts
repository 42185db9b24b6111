// kafka-console-consumer: Kafka 4.x's options, checks, messages and DefaultMessageFormatter output
// (spec/cli.md §1, §4). Transcript tests: exact stdout, stderr and exit code of
// bin/kafka-console-consumer against an engine of this file's own; only log timestamps are masked.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it, expect, beforeAll } from 'vitest';
import { ROOT, tempDir, type TestEngine } from '../helpers/engine';
import { createTopic, expectRun, KIP_848_NOTICE, runMasked, withoutNotice, useEngine, type Result } from '../helpers/tools';

/* eslint-disable @typescript-eslint/no-var-requires */
const { formatHelp } = require(path.join(ROOT, 'dist/cli/help'));
const { consumerSpecs } = require(path.join(ROOT, 'dist/tools/consumer/options'));
const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { buildBatch, setLogAppendTime } = require(path.join(ROOT, 'dist/protocol/records/batch'));
/* eslint-enable @typescript-eslint/no-var-requires */

const HELP = formatHelp(consumerSpecs()) as string;
const LOGGER = '(org.apache.kafka.tools.consumer.ConsoleConsumer)';
const SER = 'org.apache.kafka.common.serialization.';
const TS = 1729850000000;

const dir = tempDir('kl-consumer-');
let engine: TestEngine;
let B: string[];

// The records carry fixed 2024 timestamps (exact transcripts): beyond the default 7-day
// retention, so the first retention check (30 s after start, as Kafka) would delete them from a
// run slowed by load. Retention is not what these tests are about.
useEngine((e) => {
  engine = e;
  B = ['--bootstrap-server', e.bootstrap];
}, { 'log.initial.task.delay.ms': '86400000' });

// The KIP-848 notice of group consumers has its own test ('the KIP-848 notice').
const cc = async (args: string[], tool = 'kafka-console-consumer'): Promise<Result> => withoutNotice(await runMasked(tool, args));

async function expectUsage(args: string[], message: string): Promise<void> {
  expectRun(await cc(args), 1, '', `${message}\n${HELP}`);
}

const processed = (n: number) => `Processed a total of ${n} messages\n`;

interface Rec {
  key?: string | Buffer | null;
  value: string | Buffer | null;
  headers?: { key: string; value: string | Buffer | null }[];
  timestamp?: number;
}

const buf = (v: string | Buffer | null | undefined): Buffer | null => (v === null || v === undefined ? null : typeof v === 'string' ? Buffer.from(v) : v);

/** Produce one batch per call (acks=all) with exact keys, values, headers and timestamps. */
async function produce(topic: string, partition: number, recs: Rec[], opts: { logAppendTime?: number; compression?: 'gzip' } = {}): Promise<void> {
  const conn = new BrokerConnection('127.0.0.1', engine.port, 'test');
  await conn.connect();
  try {
    const batch = buildBatch(
      recs.map((r, i) => ({
        key: buf(r.key), value: buf(r.value), timestamp: r.timestamp ?? TS + i,
        headers: (r.headers ?? []).map((h) => ({ key: h.key, value: buf(h.value) })),
      })),
      { compression: opts.compression },
    );
    if (opts.logAppendTime !== undefined) setLogAppendTime(batch, opts.logAppendTime);
    const res = await conn.send(0, { transactionalId: null, acks: -1, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: partition, records: batch }] }] });
    expect(res.responses[0].partitionResponses[0].errorCode).toBe(0);
  } finally {
    conn.close();
  }
}

// ---------------------------------------------------------------------------------------------

describe('usage and argument checks', () => {
  it('no arguments and --help: the help table on stderr, exit 1', async () => {
    const msg = 'This tool helps to read data from Kafka topics and outputs it to standard output.';
    await expectUsage([], msg);
    await expectUsage(['--help'], msg);
    await expectUsage(['--topic', 't', '--help'], msg);
  });

  it('--version prints 4.4.0 on stdout', async () => {
    expectRun(await cc(['--version']), 0, '4.4.0\n');
  });

  it('the .sh launcher is the same tool', async () => {
    expectRun(await cc(['--version'], 'kafka-console-consumer.sh'), 0, '4.4.0\n');
  });

  it('jopt parse errors go through usage', async () => {
    await expectUsage(['--zookeeper', 'x'], 'zookeeper is not a recognized option');
    await expectUsage([...B, '--topic'], 'Option topic requires an argument');
    await expectUsage([...B, '--top', 't'], 'top is not a recognized option');
  });

  it('exactly one of --topic / --include', async () => {
    await expectUsage(B, 'Exactly one of the following arguments is required: [topic], [include]');
    await expectUsage([...B, '--topic', 'a', '--include', 'b'], 'Exactly one of the following arguments is required: [topic], [include]');
  });

  it('--whitelist is read as --include, with a hint (and counts as --include in the checks)', async () => {
    const hint = 'kafka-local: --whitelist was removed in Kafka 4.0; it is read as --include here. Use --include <regex>.\n';
    const r = await cc([...B, '--topic', 'a', '--whitelist', 'b']);
    expectRun(r, 1, '', `${hint}Exactly one of the following arguments is required: [topic], [include]\n${HELP}`);
  });

  it('partition and offset checks', async () => {
    await expectUsage([...B, '--include', 'x', '--partition', '0'], 'The topic is required when partition is specified.');
    await expectUsage([...B, '--topic', 'x', '--partition', '0', '--offset', '3', '--from-beginning'], 'Options from-beginning and offset cannot be specified together.');
    await expectUsage([...B, '--topic', 'x', '--offset', '3'], 'The partition is required when offset is specified.');
    for (const bad of ['abc', '-1', '1.5', '9223372036854775808']) {
      await expectUsage([...B, '--topic', 'x', '--partition', '0', '--offset', bad], `The provided offset value '${bad}' is incorrect. Valid values are 'earliest', 'latest', or a non-negative long.`);
    }
  });

  it('--bootstrap-server is required (checked after the topic checks)', async () => {
    await expectUsage(['--topic', 'x'], 'Missing required argument "[bootstrap-server]"');
  });

  it('group id checks: conflicting ids (java.util.HashSet order), group with partition', async () => {
    await expectUsage(
      [...B, '--topic', 'x', '--group', 'a', '--command-property', 'group.id=zz'],
      "The group ids provided in different places (directly using '--group', via '--consumer-property', or via '--consumer.config') do not match. Detected group ids: 'zz', 'a'",
    );
    const cfg = path.join(dir, 'group.properties');
    fs.writeFileSync(cfg, 'group.id=b\n');
    await expectUsage(
      [...B, '--topic', 'x', '--group', 'a', '--command-config', cfg],
      "The group ids provided in different places (directly using '--group', via '--consumer-property', or via '--consumer.config') do not match. Detected group ids: 'a', 'b'",
    );
    await expectUsage([...B, '--topic', 'x', '--group', 'a', '--partition', '0'], 'Options group and partition cannot be specified together.');
  });

  it('--from-beginning conflicting with auto.offset.reset: one line, exit 1, no usage', async () => {
    expectRun(
      await cc([...B, '--topic', 'x', '--from-beginning', '--command-property', 'auto.offset.reset=latest']),
      1, '', "Can't simultaneously specify --from-beginning and 'auto.offset.reset=latest', please remove one option\n",
    );
  });

  it('bad typed values escape as exceptions (as from Kafka\'s constructor)', async () => {
    expectRun(await cc([...B, '--topic', 'x', '--partition', 'abc']), 1, '',
      'Exception in thread "main" joptsimple.OptionArgumentConversionException: Cannot parse argument \'abc\' of option partition\n');
    expectRun(await cc([...B, '--topic', 'x', '--timeout-ms', 'soon']), 1, '',
      'Exception in thread "main" joptsimple.OptionArgumentConversionException: Cannot parse argument \'soon\' of option timeout-ms\n');
    expectRun(await cc([...B, '--topic', 'x', '--topic', 'y']), 1, '',
      'Exception in thread "main" joptsimple.MultipleArgumentsForOptionException: Found multiple arguments for option topic, but you asked for only one\n');
    expectRun(await cc([...B, '--topic', 'x', '--command-config', '/nonexistent/c.properties']), 1, '',
      'Exception in thread "main" java.nio.file.NoSuchFileException: /nonexistent/c.properties\n');
  });

  it('--max-messages is read when consuming starts: the count, then the error', async () => {
    expectRun(await cc([...B, '--topic', 'x', '--max-messages', 'many']), 1, '',
      `${processed(0)}[<ts>] ERROR Unknown error when running consumer:  ${LOGGER}\njoptsimple.OptionArgumentConversionException: Cannot parse argument 'many' of option max-messages\n`);
  });

  it('--max-messages 0 ends at once, without connecting', async () => {
    expectRun(await cc(['--bootstrap-server', '127.0.0.1:1', '--topic', 'x', '--max-messages', '0']), 0, '', processed(0));
  });

  it('formatter problems go through usage with the exception message', async () => {
    await expectUsage([...B, '--topic', 'x', '--formatter', 'com.example.Nope'], 'com.example.Nope');
    await expectUsage([...B, '--topic', 'x', '--formatter-config', '/nonexistent/f.properties'], '/nonexistent/f.properties');
    // Kafka 4.4 has no 2.x transaction-log formatter class any more: a class that is not there.
    await expectUsage([...B, '--topic', 'x', '--formatter', 'kafka.coordinator.transaction.TransactionLog$TransactionLogMessageFormatter'],
      'kafka.coordinator.transaction.TransactionLog$TransactionLogMessageFormatter');
    await expectUsage([...B, '--topic', 'x', '--output', 'xml'], "Unknown --output format 'xml'; the only one is jsonl.");
    await expectUsage([...B, '--topic', 'x', '--output', 'jsonl', '--formatter', 'org.apache.kafka.tools.consumer.NoOpMessageFormatter'],
      'Option --output cannot be used together with --formatter.');
  });

  it('invalid consumer settings: the consumer cannot be built (no count)', async () => {
    expectRun(await cc([...B, '--topic', 'x', '--command-property', 'fetch.min.bytes=abc']), 1, '',
      `[<ts>] ERROR Unknown error when running consumer:  ${LOGGER}\norg.apache.kafka.common.config.ConfigException: Invalid value abc for configuration fetch.min.bytes: Not a number of type INT\n`);
    expectRun(await cc([...B, '--topic', 'x', '--isolation-level', 'all']), 1, '',
      `[<ts>] ERROR Unknown error when running consumer:  ${LOGGER}\norg.apache.kafka.common.config.ConfigException: Invalid value all for configuration isolation.level: String must be one of: read_committed, read_uncommitted\n`);
    expectRun(await cc([...B, '--topic', 'x', '--command-property', 'auto.offset.reset=oldest']), 1, '',
      `[<ts>] ERROR Unknown error when running consumer:  ${LOGGER}\norg.apache.kafka.common.config.ConfigException: Invalid value oldest for configuration auto.offset.reset: String must be one of: latest, earliest, none\n`);
    expectRun(await cc(['--bootstrap-server', 'nohostport', '--topic', 'x']), 1, '',
      `[<ts>] ERROR Unknown error when running consumer:  ${LOGGER}\norg.apache.kafka.common.KafkaException: Failed to construct kafka consumer\n`);
  });

  it('blank topics and an empty pattern are refused as the Java consumer does', async () => {
    const unknown = `[<ts>] ERROR Unknown error when running consumer:  ${LOGGER}\njava.lang.IllegalArgumentException: `;
    expectRun(await cc([...B, '--topic', ' ']), 1, '', `${unknown}Topic collection to subscribe to cannot contain null or empty topic\n`);
    expectRun(await cc([...B, '--topic', '', '--partition', '0']), 1, '', `${unknown}Topic partitions to assign to cannot have null or empty topic\n`);
    expectRun(await cc([...B, '--include', '']), 1, '', `${unknown}Topic pattern to subscribe to cannot be empty\n`);
  });

  it('partition.assignment.strategy takes Java class names; anything else fails the construction', async () => {
    const failed = `[<ts>] ERROR Unknown error when running consumer:  ${LOGGER}\norg.apache.kafka.common.KafkaException: Failed to construct kafka consumer\n`;
    expectRun(await cc([...B, '--topic', 'x', '--group', 'g', '--command-property', 'partition.assignment.strategy=range']), 1, '', failed);
    expectRun(await cc([...B, '--topic', 'x', '--command-property', 'partition.assignment.strategy=']), 1, '', failed);
  });
});

// ---------------------------------------------------------------------------------------------

describe('reading and DefaultMessageFormatter output', () => {
  beforeAll(async () => {
    await createTopic(engine, 'fmt');
    await produce('fmt', 0, [
      { key: 'k0', value: 'v0', headers: [{ key: 'h1', value: 'x' }, { key: 'h2', value: null }] },
      { key: null, value: 'v1' },
      { key: 'k2', value: null, headers: [{ key: 'é', value: '' }] },
      { key: 'k3', value: 'v3 é\ttab' },
      { key: 'k4', value: 'v4' },
    ]);
  });

  it('--from-beginning --max-messages: values only, the count on stderr', async () => {
    expectRun(await cc([...B, '--topic', 'fmt', '--from-beginning', '--max-messages', '3']), 0, 'v0\nv1\nnull\n', processed(3));
  });

  it('the KIP-848 notice: on stderr first for a group consumer of the classic protocol, not with --partition', async () => {
    const group = await runMasked('kafka-console-consumer', [...B, '--topic', 'fmt', '--from-beginning', '--max-messages', '1']);
    expectRun(group, 0, 'v0\n', KIP_848_NOTICE + processed(1));
    const classic = await runMasked('kafka-console-consumer', [...B, '--topic', 'fmt', '--from-beginning', '--max-messages', '1', '--command-property', 'group.protocol=CLASSIC']);
    expectRun(classic, 0, 'v0\n', KIP_848_NOTICE + processed(1));
    expectRun(await runMasked('kafka-console-consumer', [...B, '--topic', 'fmt', '--partition', '0', '--offset', 'earliest', '--max-messages', '1']), 0, 'v0\n', processed(1));
  });

  it('the 4.2 renames: --formatter-property, --command-property, --command-config; the old spellings print a notice on stdout', async () => {
    const f = path.join(tempDir(), 'c.properties');
    fs.writeFileSync(f, 'client.id=from-file\n');
    expectRun(await cc([...B, '--topic', 'fmt', '--partition', '0', '--offset', 'earliest', '--max-messages', '1', '--property', 'print.offset=true',
      '--consumer-property', 'client.id=x', '--consumer.config', f]), 0,
    'Option --consumer-property is deprecated and will be removed in a future version. Use --command-property instead.\n' +
      'Option --consumer.config is deprecated and will be removed in a future version. Use --command-config instead.\n' +
      'Option --property is deprecated and will be removed in a future version. Use --formatter-property instead.\n' +
      'Offset:0\tv0\n', processed(1));
    await expectUsage([...B, '--topic', 'x', '--command-property', 'a=1', '--consumer-property', 'a=1'], 'Options --consumer-property and --command-property cannot be specified together.');
    await expectUsage([...B, '--topic', 'x', '--command-config', f, '--consumer.config', f], 'Options --consumer.config and --command-config cannot be specified together.');
    await expectUsage([...B, '--topic', 'x', '--formatter-property', 'a=1', '--property', 'a=1'], 'Options --property and --formatter-property cannot be specified together.');
  });

  it('every field, in Kafka\'s order, with the default separators', async () => {
    const r = await cc([...B, '--topic', 'fmt', '--from-beginning', '--max-messages', '5',
      '--formatter-property', 'print.timestamp=true', '--formatter-property', 'print.partition=true', '--formatter-property', 'print.offset=true',
      '--formatter-property', 'print.headers=true', '--formatter-property', 'print.key=true']);
    expectRun(r, 0, [
      `CreateTime:${TS}\tPartition:0\tOffset:0\th1:x,h2:null\tk0\tv0\n`,
      `CreateTime:${TS + 1}\tPartition:0\tOffset:1\tNO_HEADERS\tnull\tv1\n`,
      `CreateTime:${TS + 2}\tPartition:0\tOffset:2\té:\tk2\tnull\n`,
      `CreateTime:${TS + 3}\tPartition:0\tOffset:3\tNO_HEADERS\tk3\tv3 é\ttab\n`,
      `CreateTime:${TS + 4}\tPartition:0\tOffset:4\tNO_HEADERS\tk4\tv4\n`,
    ].join(''), processed(5));
  });

  it('separators, null.literal, booleans (trimmed, any case) and print.value=false', async () => {
    const r = await cc([...B, '--topic', 'fmt', '--from-beginning', '--max-messages', '3',
      '--formatter-property', 'print.key= TRUE ', '--formatter-property', 'print.value=false', '--formatter-property', 'print.headers=yes',
      '--formatter-property', 'key.separator= | ', '--formatter-property', 'line.separator=;\n', '--formatter-property', 'null.literal=<nil>']);
    expectRun(r, 0, 'k0;\n<nil>;\nk2;\n', processed(3));
    const r2 = await cc([...B, '--topic', 'fmt', '--from-beginning', '--max-messages', '2',
      '--formatter-property', 'print.headers=true', '--formatter-property', 'headers.separator=&', '--formatter-property', 'key.separator=|', '--formatter-property', 'null.literal=']);
    expectRun(r2, 0, 'h1:x&h2:|v0\nNO_HEADERS|v1\n', processed(2));
  });

  it('nothing printed at all when every field is off', async () => {
    expectRun(await cc([...B, '--topic', 'fmt', '--from-beginning', '--max-messages', '2', '--formatter-property', 'print.value=false']), 0, '', processed(2));
  });

  it('print.epoch and print.delivery (4.x): NOT_PRESENT, as the console consumer drops them', async () => {
    const r = await cc([...B, '--topic', 'fmt', '--from-beginning', '--max-messages', '1', '--formatter-property', 'print.offset=true',
      '--formatter-property', 'print.delivery=true', '--formatter-property', 'print.epoch=true']);
    expectRun(r, 0, 'Offset:0\tDelivery:NOT_PRESENT\tEpoch:NOT_PRESENT\tv0\n', processed(1));
  });

  it('--formatter-config is read, --property wins over it', async () => {
    const f = path.join(dir, 'fmt.properties');
    fs.writeFileSync(f, 'print.key=true\nkey.separator=\\t=>\\t\nprint.offset=true\n');
    const r = await cc([...B, '--topic', 'fmt', '--from-beginning', '--max-messages', '2', '--formatter-config', f, '--formatter-property', 'print.offset=false']);
    expectRun(r, 0, 'k0\t=>\tv0\nnull\t=>\tv1\n', processed(2));
  });

  it('--partition with --offset: starts at that offset, also in the middle of a batch', async () => {
    expectRun(await cc([...B, '--topic', 'fmt', '--partition', '0', '--offset', '3', '--max-messages', '2', '--formatter-property', 'print.offset=true']),
      0, 'Offset:3\tv3 é\ttab\nOffset:4\tv4\n', processed(2));
    expectRun(await cc([...B, '--topic', 'fmt', '--partition', '0', '--offset', 'EARLIEST', '--max-messages', '1']), 0, 'v0\n', processed(1));
  });

  it('NoOp and Logging formatters; the 3.x class names are unknown in 4.x (usage)', async () => {
    expectRun(await cc([...B, '--topic', 'fmt', '--from-beginning', '--max-messages', '2', '--formatter', 'org.apache.kafka.tools.consumer.NoOpMessageFormatter']), 0, '', processed(2));
    expectRun(await cc([...B, '--topic', 'fmt', '--from-beginning', '--max-messages', '2', '--formatter', 'org.apache.kafka.tools.consumer.LoggingMessageFormatter']), 0, 'v0\nv1\n', processed(2));
    await expectUsage([...B, '--topic', 'fmt', '--formatter', 'kafka.tools.DefaultMessageFormatter'], 'kafka.tools.DefaultMessageFormatter');
  });

  it('LogAppendTime batches print LogAppendTime:<broker time>', async () => {
    await createTopic(engine, 'lat');
    await produce('lat', 0, [{ value: 'a' }, { value: 'b' }], { logAppendTime: 1700000000123 });
    expectRun(await cc([...B, '--topic', 'lat', '--from-beginning', '--max-messages', '2', '--formatter-property', 'print.timestamp=true']),
      0, 'LogAppendTime:1700000000123\ta\nLogAppendTime:1700000000123\tb\n', processed(2));
  });

  it('a value larger than the output buffer', async () => {
    await createTopic(engine, 'big', 1, { 'max.message.bytes': String(8 * 1024 * 1024) });
    const big = 'x'.repeat(3 * 1024 * 1024 + 7);
    await produce('big', 0, [{ value: big }, { value: 'after' }]);
    const r = await cc([...B, '--topic', 'big', '--from-beginning', '--max-messages', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout === `${big}\nafter\n`).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------

describe('deserializers', () => {
  const i32 = (n: number) => { const b = Buffer.alloc(4); b.writeInt32BE(n); return b; };
  const i64 = (n: bigint) => { const b = Buffer.alloc(8); b.writeBigInt64BE(n); return b; };
  const i16 = (n: number) => { const b = Buffer.alloc(2); b.writeInt16BE(n); return b; };
  const f64 = (n: number) => { const b = Buffer.alloc(8); b.writeDoubleBE(n); return b; };
  const f32 = (n: number) => { const b = Buffer.alloc(4); b.writeFloatBE(n); return b; };

  async function values(topic: string, vals: (Buffer | string | null)[]): Promise<void> {
    await createTopic(engine, topic);
    await produce(topic, 0, vals.map((v, i) => ({ key: i32(i), value: v })));
  }

  async function read(topic: string, n: number, deser: string, extra: string[] = []): Promise<Result> {
    return cc([...B, '--topic', topic, '--from-beginning', '--max-messages', String(n), '--value-deserializer', SER + deser, ...extra]);
  }

  it('Integer, Long, Short (also for keys)', async () => {
    await values('d-int', [i32(42), i32(-7), i32(2147483647)]);
    expectRun(await read('d-int', 3, 'IntegerDeserializer', ['--key-deserializer', `${SER}IntegerDeserializer`, '--formatter-property', 'print.key=true']),
      0, '0\t42\n1\t-7\n2\t2147483647\n', processed(3));
    await values('d-long', [i64(9007199254740993n), i64(-1n)]);
    expectRun(await read('d-long', 2, 'LongDeserializer'), 0, '9007199254740993\n-1\n', processed(2));
    await values('d-short', [i16(-32768), i16(513)]);
    expectRun(await read('d-short', 2, 'ShortDeserializer'), 0, '-32768\n513\n', processed(2));
  });

  it('Double and Float print as Java\'s toString', async () => {
    await values('d-double', [f64(1), f64(0.1), f64(1e7), f64(1.5e-4), f64(-0), f64(NaN), f64(-Infinity), f64(123456.789)]);
    expectRun(await read('d-double', 8, 'DoubleDeserializer'), 0, '1.0\n0.1\n1.0E7\n1.5E-4\n-0.0\nNaN\n-Infinity\n123456.789\n', processed(8));
    await values('d-float', [f32(0.1), f32(3.4028235e38), f32(1), f32(1e-5)]);
    expectRun(await read('d-float', 4, 'FloatDeserializer'), 0, '0.1\n3.4028235E38\n1.0\n1.0E-5\n', processed(4));
  });

  it('UUID, String with an encoding, Bytes, ByteBuffer, ByteArray, Boolean', async () => {
    await values('d-misc', ['123E4567-E89B-12D3-A456-426614174000', Buffer.from([0x63, 0x61, 0x66, 0xe9]), Buffer.from('a\\b\x01~')]);
    expectRun(await read('d-misc', 1, 'UUIDDeserializer'), 0, '123e4567-e89b-12d3-a456-426614174000\n', processed(1));
    // The formatter strips `value.deserializer.` before configuring the deserializer, which looks
    // for `value.deserializer.encoding` or `deserializer.encoding`: so only the doubled form works.
    expectRun(await cc([...B, '--topic', 'd-misc', '--partition', '0', '--offset', '1', '--max-messages', '1', '--value-deserializer', `${SER}StringDeserializer`,
      '--formatter-property', 'value.deserializer.deserializer.encoding=ISO-8859-1']), 0, 'café\n', processed(1));
    expectRun(await cc([...B, '--topic', 'd-misc', '--partition', '0', '--offset', '1', '--max-messages', '1', '--value-deserializer', `${SER}StringDeserializer`,
      '--formatter-property', 'value.deserializer.encoding=ISO-8859-1']), 0, 'caf\ufffd\n', processed(1));
    expectRun(await cc([...B, '--topic', 'd-misc', '--partition', '0', '--offset', '1', '--max-messages', '2', '--value-deserializer', `${SER}BytesDeserializer`]),
      0, 'caf\\xE9\na\\x5Cb\\x01~\n', processed(2));
    expectRun(await read('d-misc', 1, 'ByteBufferDeserializer'), 0, 'java.nio.HeapByteBuffer[pos=0 lim=36 cap=36]\n', processed(1));
    const r = await read('d-misc', 2, 'ByteArrayDeserializer');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\[B@[0-9a-f]+\n\[B@[0-9a-f]+\n$/);
    await values('d-bool', [Buffer.from([1]), Buffer.from([0])]);
    expectRun(await read('d-bool', 2, 'BooleanDeserializer'), 0, 'true\nfalse\n', processed(2));
  });

  it('a null field goes through the deserializer as the null.literal bytes', async () => {
    await values('d-null', [null]);
    // "null" as 4 bytes is 0x6e756c6c = 1853189228, exactly what Kafka prints.
    expectRun(await read('d-null', 1, 'IntegerDeserializer'), 0, '1853189228\n', processed(1));
    expectRun(await read('d-null', 1, 'StringDeserializer', ['--formatter-property', 'null.literal=∅']), 0, '∅\n', processed(1));
  });

  it('a deserializer that fails to load is logged, and the raw bytes are printed', async () => {
    expectRun(await read('d-int', 1, 'NoSuchDeserializer', ['--formatter-property', 'print.value=false', '--formatter-property', 'print.offset=true']), 0, 'Offset:0\n',
      `[<ts>] ERROR Unable to instantiate a deserializer from ${SER}NoSuchDeserializer (org.apache.kafka.tools.consumer.DefaultMessageFormatter)\n` +
      `java.lang.ClassNotFoundException: ${SER}NoSuchDeserializer\n${processed(1)}`);
    expectRun(await read('d-misc', 1, 'StringDeserializer', ['--formatter-property', 'value.deserializer.value.deserializer.encoding=NOPE-42', '--formatter-property', 'print.value=false', '--formatter-property', 'print.offset=true']), 0, 'Offset:0\n',
      `[<ts>] ERROR Unable to instantiate a deserializer from ${SER}StringDeserializer (org.apache.kafka.tools.consumer.DefaultMessageFormatter)\n` +
      `org.apache.kafka.common.errors.SerializationException: Unsupported encoding NOPE-42\n${processed(1)}`);
  });

  it('a deserializer error ends the run (fields before it stay printed), or is skipped with --skip-message-on-error', async () => {
    await values('d-bad', [i32(1), 'abc', i32(3)]);
    expectRun(await read('d-bad', 3, 'IntegerDeserializer', ['--formatter-property', 'print.offset=true']), 1, 'Offset:0\t1\nOffset:1\t',
      `${processed(2)}[<ts>] ERROR Unknown error when running consumer:  ${LOGGER}\n` +
      'org.apache.kafka.common.errors.SerializationException: Size of data received by IntegerDeserializer is not 4\n');
    expectRun(await read('d-bad', 3, 'IntegerDeserializer', ['--formatter-property', 'print.offset=true', '--skip-message-on-error']), 0, 'Offset:0\t1\nOffset:1\tOffset:2\t3\n',
      `[<ts>] ERROR Error processing message, skipping this message:  ${LOGGER}\n` +
      `org.apache.kafka.common.errors.SerializationException: Size of data received by IntegerDeserializer is not 4\n${processed(3)}`);
    expectRun(await read('d-bad', 1, 'VoidDeserializer', ['--skip-message-on-error']), 0, '',
      `[<ts>] ERROR Error processing message, skipping this message:  ${LOGGER}\njava.lang.IllegalArgumentException: Data should be null for a VoidDeserializer.\n${processed(1)}`);
  });
});

// ---------------------------------------------------------------------------------------------

describe('--output jsonl', () => {
  it('one JSON object per record: strings when UTF-8, {"base64":...} otherwise, null for null', async () => {
    await createTopic(engine, 'json');
    await produce('json', 0, [
      { key: 'k', value: 'héllo "q"\n', headers: [{ key: 'h', value: 'x' }, { key: 'h', value: null }, { key: 'bin', value: Buffer.from([0xff, 0x00]) }] },
      { key: null, value: Buffer.from([0xde, 0xad, 0xbe, 0xef]) },
      { key: '', value: null },
    ]);
    const r = await cc([...B, '--topic', 'json', '--from-beginning', '--max-messages', '3', '--output', 'jsonl']);
    expectRun(r, 0, [
      `{"topic":"json","partition":0,"offset":0,"timestamp":${TS},"timestampType":"CreateTime","key":"k","value":"héllo \\"q\\"\\n","headers":[{"key":"h","value":"x"},{"key":"h","value":null},{"key":"bin","value":{"base64":"/wA="}}]}\n`,
      `{"topic":"json","partition":0,"offset":1,"timestamp":${TS + 1},"timestampType":"CreateTime","key":null,"value":{"base64":"3q2+7w=="},"headers":[]}\n`,
      `{"topic":"json","partition":0,"offset":2,"timestamp":${TS + 2},"timestampType":"CreateTime","key":"","value":null,"headers":[]}\n`,
    ].join(''), processed(3));
    for (const line of r.stdout.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });
});
