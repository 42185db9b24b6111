// kafka-console-consumer at run time: where reading starts, several topics and partitions,
// compression codecs (data produced by kcat), --timeout-ms, a closed stdout, signals, metadata
// and connection problems. Exact stderr lines as Kafka 4.x prints them; log timestamps masked.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { describe, it, expect } from 'vitest';
import { BIN, waitFor, type TestEngine } from '../helpers/engine';
import { createTopic, expectRun, runMasked, withoutNotice, stripNotice, startTool, useEngine, type Result, type Running } from '../helpers/tools';
import { storedCodecs } from '../clients/run-client';

const LOGGER = '(org.apache.kafka.tools.consumer.ConsoleConsumer)';
const TIMEOUT = `[<ts>] ERROR Error processing message, terminating consumer process:  ${LOGGER}\norg.apache.kafka.common.errors.TimeoutException\n`;
const processed = (n: number) => `Processed a total of ${n} messages\n`;

let engine: TestEngine;
let B: string[];

useEngine((e) => {
  engine = e;
  B = ['--bootstrap-server', e.bootstrap];
});

// Without the KIP-848 notice of group consumers (kafka-console-consumer.test.ts checks it).
const cc = async (args: string[]): Promise<Result> => withoutNotice(await runMasked('kafka-console-consumer', args));
const start = (args: string[]): Running => startTool('kafka-console-consumer', args);

/** kcat -P (asynchronously: the engine runs in this process). */
async function kcatProduce(topic: string, input: string, extra: string[] = []): Promise<void> {
  const p = spawn('kcat', ['-P', '-b', engine.bootstrap, '-t', topic, ...extra], { stdio: ['pipe', 'ignore', 'pipe'] });
  let err = '';
  p.stderr.setEncoding('utf8');
  p.stderr.on('data', (d) => { err += d; });
  const code = await new Promise<number | null>((resolve) => {
    p.on('close', resolve);
    p.stdin.end(input);
  });
  expect(code, err).toBe(0);
}

/** Produce `prefix-N` records until the consumer exits (it starts at the end of the log). */
async function produceUntilExit(topic: string, prefix: string, run: Running, extra: string[] = []): Promise<number | null> {
  let done = false;
  const code = run.exited.then((c) => { done = true; return c; });
  for (let i = 0; !done && i < 200; i++) {
    await kcatProduce(topic, `${prefix}-${i}\n`, extra);
    await Promise.race([code, new Promise((r) => setTimeout(r, 150))]);
  }
  return code;
}

// ---------------------------------------------------------------------------------------------

describe('where reading starts', () => {
  it('by default at the end: old records are not shown, new ones are', async () => {
    await kcatProduce('latest', 'old-1\nold-2\n');
    const run = start([...B, '--topic', 'latest', '--max-messages', '1']);
    const code = await produceUntilExit('latest', 'new', run);
    expect(code).toBe(0);
    expect(run.stdout()).toMatch(/^new-\d+\n$/);
    expect(stripNotice(run.stderr())).toBe(processed(1));
  });

  it('--partition --offset beyond the end: OFFSET_OUT_OF_RANGE resets to the end (auto.offset.reset=latest)', async () => {
    await kcatProduce('oor', 'a\nb\n');
    const run = start([...B, '--topic', 'oor', '--partition', '0', '--offset', '1000', '--max-messages', '1']);
    const code = await produceUntilExit('oor', 'fresh', run);
    expect(code).toBe(0);
    expect(run.stdout()).toMatch(/^fresh-\d+\n$/);
  });

  it('--partition --offset latest waits for new records', async () => {
    await kcatProduce('plat', 'x\n');
    const run = start([...B, '--topic', 'plat', '--partition', '0', '--offset', 'latest', '--max-messages', '1']);
    expect(await produceUntilExit('plat', 'y', run)).toBe(0);
    expect(run.stdout()).toMatch(/^y-\d+\n$/);
  });

  it('auto.offset.reset=none without a committed offset: NoOffsetForPartitionException, exit 0', async () => {
    await kcatProduce('noreset', 'a\n');
    expectRun(await cc([...B, '--topic', 'noreset', '--command-property', 'auto.offset.reset=none']), 0, '',
      `[<ts>] ERROR Error processing message, terminating consumer process:  ${LOGGER}\n` +
      `org.apache.kafka.clients.consumer.NoOffsetForPartitionException: Undefined offset with no reset policy for partitions: [noreset-0]\n${processed(0)}`);
  });

  it('auto.offset.reset=none on several partitions: they are listed in Java HashSet order', async () => {
    await createTopic(engine, 'test', 3);
    expectRun(await cc([...B, '--topic', 'test', '--group', 'gnoreset', '--command-property', 'auto.offset.reset=none']), 0, '',
      `[<ts>] ERROR Error processing message, terminating consumer process:  ${LOGGER}\n` +
      `org.apache.kafka.clients.consumer.NoOffsetForPartitionException: Undefined offset with no reset policy for partitions: [test-1, test-0, test-2]\n${processed(0)}`);
  });
});

describe('several partitions and topics', () => {
  it('every partition of a topic, each in offset order', async () => {
    await createTopic(engine, 'multi', 3);
    for (let p = 0; p < 3; p++) await kcatProduce('multi', Array.from({ length: 50 }, (_, i) => `p${p}-${i}`).join('\n') + '\n', ['-p', String(p)]);
    const r = await cc([...B, '--topic', 'multi', '--from-beginning', '--max-messages', '150', '--formatter-property', 'print.partition=true', '--formatter-property', 'print.offset=true']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(processed(150));
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(150);
    for (let p = 0; p < 3; p++) {
      const mine = lines.filter((l) => l.startsWith(`Partition:${p}\t`));
      expect(mine).toEqual(Array.from({ length: 50 }, (_, i) => `Partition:${p}\tOffset:${i}\tp${p}-${i}`));
    }
  });

  it('--include: every topic whose whole name matches (internal topics excluded)', async () => {
    await kcatProduce('inc-a', 'a1\na2\n');
    await kcatProduce('inc-b', 'b1\n');
    await kcatProduce('xinc-c', 'c1\n');
    const r = await cc([...B, '--include', 'inc-.*', '--from-beginning', '--timeout-ms', '1500']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean).sort()).toEqual(['a1', 'a2', 'b1']);
    expect(r.stderr).toBe(TIMEOUT + processed(3));
  });

  it('--whitelist works as --include', async () => {
    const r = await cc([...B, '--whitelist', 'inc-b', '--from-beginning', '--max-messages', '1']);
    expectRun(r, 0, 'b1\n', `kafka-local: --whitelist was removed in Kafka 4.0; it is read as --include here. Use --include <regex>.\n${processed(1)}`);
  });
});

describe('compression (batches written by kcat)', () => {
  const input = Array.from({ length: 500 }, (_, i) => `k${i}:value ${i} ${'z'.repeat(i % 40)} é`).join('\n') + '\n';
  const expected = input.split('\n').filter(Boolean).map((l) => l.replace(':', '\t')).join('\n') + '\n';

  for (const codec of ['gzip', 'snappy', 'lz4', 'zstd', 'none']) {
    it(`${codec}: every record, byte for byte`, async () => {
      await kcatProduce(`z-${codec}`, input, ['-K:', '-z', codec]);
      const r = await cc([...B, '--topic', `z-${codec}`, '--from-beginning', '--max-messages', '500', '--formatter-property', 'print.key=true']);
      expectRun(r, 0, expected, processed(500));
    });
  }

  it('zstd from kcat (librdkafka) is stored as zstd batches and read back', async () => {
    // (librdkafka sends data uncompressed when compressing would not make it smaller)
    await kcatProduce('z-zstd-big', `${'a'.repeat(500)}\n${'b'.repeat(500)}\n`, ['-z', 'zstd']);
    expect(new Set(await storedCodecs(engine.bootstrap, 'z-zstd-big'))).toEqual(new Set([4]));
    const r = await cc([...B, '--topic', 'z-zstd-big', '--from-beginning', '--max-messages', '2']);
    expectRun(r, 0, `${'a'.repeat(500)}\n${'b'.repeat(500)}\n`, processed(2));
  });
});

describe('ending', () => {
  it('--timeout-ms: Kafka\'s ERROR line with the TimeoutException, then the count, exit 0', async () => {
    await kcatProduce('tmo', 'one\ntwo\n');
    const t0 = Date.now();
    expectRun(await cc([...B, '--topic', 'tmo', '--from-beginning', '--timeout-ms', '700']), 0, 'one\ntwo\n', TIMEOUT + processed(2));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(700);
  });

  it('a closed stdout (| head -3): the consumer notices, says so and ends with exit 0', async () => {
    const lines = Array.from({ length: 200000 }, (_, i) => `line-${i}-${'p'.repeat(60)}`).join('\n') + '\n';
    await kcatProduce('headed', lines);
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(BIN, 'kafka-console-consumer'))} ${B.join(' ')} --topic headed --from-beginning 2>"$ERR" | head -3; echo "exit=\${PIPESTATUS[0]}"`;
    const errFile = path.join(require('node:os').tmpdir(), `kl-head-${process.pid}.err`);
    const r = await new Promise<{ stdout: string }>((resolve) => {
      const p = spawn('bash', ['-c', cmd], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, KAFKA_LOCAL_AUTOSTART: '0', ERR: errFile } });
      let stdout = '';
      p.stdout.setEncoding('utf8');
      p.stdout.on('data', (d) => { stdout += d; });
      p.on('close', () => resolve({ stdout }));
    });
    expect(r.stdout).toBe(`line-0-${'p'.repeat(60)}\nline-1-${'p'.repeat(60)}\nline-2-${'p'.repeat(60)}\nexit=0\n`);
    const err = require('node:fs').readFileSync(errFile, 'utf8');
    require('node:fs').rmSync(errFile, { force: true });
    expect(stripNotice(err)).toMatch(/^Unable to write to standard out, closing consumer\.\nProcessed a total of \d+ messages\n$/);
  });

  it('SIGINT: the count, exit 130 (as the JVM); SIGTERM: 143; SIGHUP (terminal closed): 129', async () => {
    await kcatProduce('sig', 'r1\nr2\nr3\n');
    for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
      const run = start([...B, '--topic', 'sig', '--from-beginning']);
      await waitFor(() => run.stdout() === 'r1\nr2\nr3\n', 15000, 'records');
      run.kill(sig);
      expect(await run.exited).toBe(code);
      expect(stripNotice(run.stderr())).toBe(processed(3));
    }
  });

  it('--enable-systest-events prints shutdown_complete on stdout at exit', async () => {
    expectRun(await cc([...B, '--topic', 'sig', '--from-beginning', '--max-messages', '1', '--enable-systest-events']), 0, 'r1\nshutdown_complete\n', processed(1));
  });
});

describe('metadata and connection problems', () => {
  it('an unreachable broker: NetworkClient warnings with the consumer prefix, then the timeout', async () => {
    const r = await cc(['--bootstrap-server', '127.0.0.1:1', '--topic', 't', '--timeout-ms', '1200', '--command-property', 'client.id=cc1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n');
    expect(lines[0]).toMatch(/^\[<ts>\] WARN \[Consumer clientId=cc1, groupId=console-consumer-\d{1,5}\] Connection to node -1 \(\/127\.0\.0\.1:1\) could not be established\. Node may not be available\. \(org\.apache\.kafka\.clients\.NetworkClient\)$/);
    expect(r.stderr.endsWith(TIMEOUT + processed(0))).toBe(true);
  });

  it('--consumer.config settings are used; --consumer-property wins over them', async () => {
    const fs = require('node:fs');
    const file = path.join(require('node:os').tmpdir(), `kl-cc-${process.pid}.properties`);
    fs.writeFileSync(file, 'client.id=from-file\nrequest.timeout.ms=5000\n');
    const fromFile = await cc(['--bootstrap-server', '127.0.0.1:1', '--topic', 't', '--timeout-ms', '300', '--command-config', file]);
    expect(fromFile.stderr).toMatch(/^\[<ts>\] WARN \[Consumer clientId=from-file, groupId=console-consumer-\d+\] Connection to node -1/);
    const overridden = await cc(['--bootstrap-server', '127.0.0.1:1', '--topic', 't', '--timeout-ms', '300', '--command-config', file, '--command-property', 'client.id=from-cli']);
    expect(overridden.stderr).toMatch(/^\[<ts>\] WARN \[Consumer clientId=from-cli, groupId=console-consumer-\d+\] Connection to node -1/);
    fs.rmSync(file, { force: true });
  });

  // Correlation id 2: the Java consumer's FindCoordinator (0) and the bootstrap connection's
  // ApiVersions (1) come before its first Metadata request, all from one sequence.
  it('a topic that does not exist yet is auto-created; the first metadata answer is logged as Kafka does', async () => {
    const r = await cc([...B, '--topic', 'brand-new', '--timeout-ms', '1000']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^\[<ts>\] WARN \[Consumer clientId=console-consumer, groupId=console-consumer-\d{1,5}\] The metadata response from the cluster reported a recoverable issue with correlation id 2 : \{brand-new=UNKNOWN_TOPIC_OR_PARTITION\} \(org\.apache\.kafka\.clients\.NetworkClient\)\n/);
    expect(r.stderr.endsWith(TIMEOUT + processed(0))).toBe(true);
    // and then it exists: reading it works
    await kcatProduce('brand-new', 'hello\n');
    expectRun(await cc([...B, '--topic', 'brand-new', '--from-beginning', '--max-messages', '1']), 0, 'hello\n', processed(1));
  });

  it('--partition on a topic that does not exist: auto-created as well (assigned topics are in the metadata request), correlation id 1', async () => {
    const r = await cc([...B, '--topic', 'brand-new-assigned', '--partition', '0', '--timeout-ms', '1000']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^\[<ts>\] WARN \[Consumer clientId=console-consumer, groupId=console-consumer-\d{1,5}\] The metadata response from the cluster reported a recoverable issue with correlation id 1 : \{brand-new-assigned=UNKNOWN_TOPIC_OR_PARTITION\} \(org\.apache\.kafka\.clients\.NetworkClient\)\n/);
    expect(r.stderr.endsWith(TIMEOUT + processed(0))).toBe(true);
    await kcatProduce('brand-new-assigned', 'there\n');
    expectRun(await cc([...B, '--topic', 'brand-new-assigned', '--partition', '0', '--offset', 'earliest', '--max-messages', '1']), 0, 'there\n', processed(1));
    // allow.auto.create.topics=false: the missing topic is reported on every metadata answer.
    const n = await cc([...B, '--topic', 'never-assigned', '--partition', '0', '--timeout-ms', '500', '--command-property', 'allow.auto.create.topics=false']);
    expect(n.stderr).toContain('correlation id 1 : {never-assigned=UNKNOWN_TOPIC_OR_PARTITION} (org.apache.kafka.clients.NetworkClient)\n');
    expect(n.stderr.endsWith(TIMEOUT + processed(0))).toBe(true);
  });

  it('allow.auto.create.topics=false: UNKNOWN_TOPIC_OR_PARTITION warnings until the timeout', async () => {
    const r = await cc([...B, '--topic', 'never-made', '--timeout-ms', '800', '--command-property', 'allow.auto.create.topics=false']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('{never-made=UNKNOWN_TOPIC_OR_PARTITION} (org.apache.kafka.clients.NetworkClient)\n');
    expect(r.stderr.endsWith(TIMEOUT + processed(0))).toBe(true);
  });
});
