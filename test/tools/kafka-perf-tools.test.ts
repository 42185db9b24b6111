// kafka-producer-perf-test, kafka-consumer-perf-test and kafka-e2e-latency against an engine of
// this file's own: the output's shape (Kafka's lines, with figures that vary checked by pattern),
// counts that must be exact, throttling that really limits the rate (a bounded check), and errors.
// Usage texts and errors are compared with Kafka's own tools in test/reference/scenarios.
import { describe, it, expect } from 'vitest';
import { runTool, type TestEngine } from '../helpers/engine';
import { createTopic, useEngine } from '../helpers/tools';

let engine: TestEngine;
let B: string[];
useEngine((e) => {
  engine = e;
  B = ['--bootstrap-server', e.bootstrap];
});

const NUM = String.raw`\d+\.\d`;
const WINDOW = new RegExp(String.raw`^(\d+) records sent, ${NUM} records/sec \(\d+\.\d\d MB/sec\), ${NUM} ms avg latency, ${NUM} ms max latency\.$`);
const SUMMARY = new RegExp(String.raw`^(\d+)( steady state)? records sent, (\d+\.\d{6}) records/sec \(\d+\.\d\d MB/sec\), (\d+\.\d\d) ms avg latency, (\d+\.\d\d) ms max latency, ` +
  String.raw`(\d+) ms 50th, (\d+) ms 95th, (\d+) ms 99th, (\d+) ms 99\.9th\.$`);

function summaries(stdout: string): RegExpMatchArray[] {
  return stdout.split('\n').map((l) => SUMMARY.exec(l)).filter((m): m is RegExpExecArray => m !== null);
}

async function consumeValues(topic: string, n: number): Promise<string[]> {
  const r = await runTool('kafka-console-consumer', [...B, '--topic', topic, '--from-beginning', '--max-messages', String(n)]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.split('\n').filter((l) => l !== '');
}

describe('kafka-producer-perf-test', () => {
  it('sends every record and prints Kafka\'s summary with ordered percentiles', async () => {
    await createTopic(engine, 'ppt-summary');
    const r = await runTool('kafka-producer-perf-test', [...B, '--topic', 'ppt-summary', '--num-records', '300', '--throughput', '-1', '--record-size', '50']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const [m] = summaries(r.stdout);
    expect(m, r.stdout).toBeDefined();
    expect(Number(m[1])).toBe(300);
    const [avg, max, p50, p95, p99, p999] = [m[4], m[5], m[6], m[7], m[8], m[9]].map(Number);
    expect(p50).toBeLessThanOrEqual(p95);
    expect(p95).toBeLessThanOrEqual(p99);
    expect(p99).toBeLessThanOrEqual(p999);
    expect(p999).toBeLessThanOrEqual(max);
    expect(avg).toBeLessThanOrEqual(max);
    const values = await consumeValues('ppt-summary', 300);
    expect(values).toHaveLength(300);
    for (const v of values) expect(v).toMatch(/^[A-Z]{50}$/);
  });

  it('throttles to --throughput', async () => {
    await createTopic(engine, 'ppt-throttle');
    const start = Date.now();
    const r = await runTool('kafka-producer-perf-test', [...B, '--topic', 'ppt-throttle', '--num-records', '300', '--throughput', '200', '--record-size', '10']);
    const elapsed = Date.now() - start;
    expect(r.code, r.stderr).toBe(0);
    const [m] = summaries(r.stdout);
    expect(Number(m[1])).toBe(300);
    // 300 records at 200/s take about 1.5 s: never much less, and the rate printed stays near 200.
    expect(elapsed).toBeGreaterThanOrEqual(1300);
    expect(Number(m[3])).toBeLessThan(240);
  });

  it('prints window lines every reporting interval, and a steady-state summary after a warmup', async () => {
    await createTopic(engine, 'ppt-windows');
    const r = await runTool('kafka-producer-perf-test', [...B, '--topic', 'ppt-windows', '--num-records', '400', '--throughput', '500',
      '--payload-monotonic', '--reporting-interval', '200', '--warmup-records', '100']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    expect(lines[0]).toBe('Warmup first 100 records. Steady state results will print after the complete test summary.');
    const windows = lines.filter((l) => WINDOW.test(l));
    expect(windows.length).toBeGreaterThanOrEqual(2);
    expect(windows.reduce((n, l) => n + Number(WINDOW.exec(l)![1]), 0)).toBeLessThanOrEqual(400);
    expect(lines.filter((l) => l === 'In steady state.')).toHaveLength(1);
    const [total, steady] = summaries(r.stdout);
    expect([Number(total[1]), total[2]]).toEqual([400, undefined]);
    expect([Number(steady[1]), steady[2]]).toEqual([300, ' steady state']);
    expect(lines.slice(-2)).toEqual([total[0], steady[0]]);
    // --payload-monotonic: each record's payload is its number.
    expect(await consumeValues('ppt-windows', 400)).toEqual(Array.from({ length: 400 }, (_, i) => String(i)));
  });

  it('reads payloads from a file and keys by --key-distribution', async () => {
    await createTopic(engine, 'ppt-keys');
    const fs = await import('node:fs');
    const path = await import('node:path');
    const os = await import('node:os');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kl-ppt-')), 'payloads.txt');
    fs.writeFileSync(file, 'red,green,blue');
    const r = await runTool('kafka-producer-perf-test', [...B, '--topic', 'ppt-keys', '--num-records', '9', '--throughput', '-1',
      '--payload-file', file, '--payload-delimiter', ',', '--key-distribution', 'range', '--record-key-range', '3']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([`Reading payloads from: ${file}`, 'Number of records read: 3']);
    const c = await runTool('kafka-console-consumer', [...B, '--topic', 'ppt-keys', '--from-beginning', '--max-messages', '9', '--formatter-property', 'print.key=true']);
    const rows = c.stdout.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
    expect(rows.map((row) => row[0])).toEqual(['0', '1', '2', '0', '1', '2', '0', '1', '2']);
    for (const row of rows) expect(['red', 'green', 'blue']).toContain(row[1]);
  });

  it('answers argument errors as argparse4j does, and sends in transactions when given a transactional id', async () => {
    const missing = await runTool('kafka-producer-perf-test', ['--topic', 't']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^usage: kafka-producer-perf-test\n[\s\S]*\nkafka-producer-perf-test: error: argument --throughput is required\n$/);
    await createTopic(engine, 'ppt-tx');
    const tx = await runTool('kafka-producer-perf-test', [...B, '--topic', 'ppt-tx', '--num-records', '20', '--throughput', '-1', '--record-size', '1',
      '--transactional-id', 'ppt-tx', '--transaction-duration-ms', '1']);
    expect(tx.stderr).toBe('');
    expect(tx.code).toBe(0);
    expect(tx.stdout).toMatch(/^20 records sent, /);
    // Committed: a read_committed consumer sees all 20 records.
    const read = await runTool('kafka-console-consumer', [...B, '--topic', 'ppt-tx', '--from-beginning', '--isolation-level', 'read_committed', '--max-messages', '20']);
    expect(read.stdout.split('\n').filter((l) => l !== '')).toHaveLength(20);
  });
});

describe('kafka-consumer-perf-test', () => {
  const HEADER = 'start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec';
  const LINE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d:\d{3}, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d:\d{3}, (\d+\.\d{4}), \d+\.\d{4}, (\d+), \d+\.\d{4}, (\d+), (\d+), [\d.]+|NaN|Infinity, [\d.]+|NaN|Infinity$/;

  it('reads the records asked for and prints the header and summary', async () => {
    await createTopic(engine, 'cpt');
    const p = await runTool('kafka-producer-perf-test', [...B, '--topic', 'cpt', '--num-records', '100', '--throughput', '-1', '--record-size', '1000']);
    expect(p.code, p.stderr).toBe(0);
    const r = await runTool('kafka-consumer-perf-test', [...B, '--topic', 'cpt', '--num-records', '100']);
    expect(r.code, r.stderr).toBe(0);
    const [header, line, ...rest] = r.stdout.split('\n');
    expect(header).toBe(HEADER);
    expect(rest).toEqual(['']);
    const m = LINE.exec(line);
    expect(m, line).not.toBeNull();
    expect(Number(m![2])).toBe(100);
    expect(m![1]).toBe((100000 / 1048576).toFixed(4));

    // Asking for more than there is: Kafka's warning after --timeout ms without a record (counted
    // from the start, group join included: 3 s, not less, or a loaded machine reads nothing).
    const t = await runTool('kafka-consumer-perf-test', [...B, '--topic', 'cpt', '--num-records', '101', '--timeout', '3000', '--hide-header']);
    expect(t.code, t.stderr).toBe(0);
    const lines = t.stdout.split('\n');
    expect(lines[0]).toBe('WARNING: Exiting before consuming the expected number of records: timeout (3000 ms) exceeded. You can use the --timeout option to increase the timeout.');
    expect(Number(LINE.exec(lines[1])![2])).toBe(100);
  });

  it('prints only interval lines with --show-detailed-stats', async () => {
    await createTopic(engine, 'cpt-detail');
    await runTool('kafka-producer-perf-test', [...B, '--topic', 'cpt-detail', '--num-records', '50', '--throughput', '-1', '--record-size', '10']);
    const r = await runTool('kafka-consumer-perf-test', [...B, '--topic', 'cpt-detail', '--num-records', '50', '--show-detailed-stats', '--reporting-interval', '1',
      '--command-property', 'max.poll.records=5', '--date-format', 'yyyy']);
    expect(r.code, r.stderr).toBe(0);
    const [header, ...lines] = r.stdout.split('\n').filter((l) => l !== '');
    expect(header).toBe(HEADER.replace('start.time, end.time', 'time, threadId'));
    for (const l of lines) expect(l).toMatch(/^\d{4}, 0, \d+\.\d{4}, [\d.NaInfity]+, \d+, [\d.NaInfity]+, \d+, -?\d+, [\d.NaInfity]+, [\d.NaInfity]+$/);
  });

  it('keeps the seed-era --broker-list, --threads and --num-fetch-threads (removed in Kafka 4.0) with their hints', async () => {
    await createTopic(engine, 'cpt-seed');
    await runTool('kafka-producer-perf-test', [...B, '--topic', 'cpt-seed', '--num-records', '10', '--throughput', '-1', '--record-size', '10']);
    const r = await runTool('kafka-consumer-perf-test', ['--broker-list', engine.bootstrap, '--topic', 'cpt-seed', '--messages', '10', '--threads', '2', '--num-fetch-threads', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('kafka-local: --broker-list is the pre-4.0 spelling (removed in Kafka 4.0); use --bootstrap-server instead.\n');
    const [warning, deprecated, header, line] = r.stdout.split('\n');
    expect(warning).toBe('WARNING: option [threads] and [num-fetch-threads] have been deprecated and will be ignored by the test');
    expect(deprecated).toBe('Warning: --messages is deprecated. Use --num-records instead.');
    expect(header).toBe(HEADER);
    expect(Number(LINE.exec(line)![2])).toBe(10);
  });

  it('answers usage errors with jopt\'s message and table', async () => {
    const r = await runTool('kafka-consumer-perf-test', [...B, '--topic', 'x']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('Exactly one of the following arguments is required: [messages], [num-records]');
  });
});

describe('kafka-e2e-latency', () => {
  it('measures each record from send to read-back, creating a missing topic', async () => {
    const r = await runTool('kafka-e2e-latency', [...B, '--topic', 'e2e-new', '--num-records', '20', '--producer-acks', 'all', '--record-size', '100',
      '--record-key-size', '4', '--num-headers', '2', '--record-header-size', '3', '--record-header-key-size', '2']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Topic "e2e-new" does not exist. Will create topic with 1 partition(s) and replication factor = 1');
    expect(lines[1]).toMatch(/^0\t\d+\.\d+$/);
    expect(lines[2]).toMatch(/^Avg latency: \d+\.\d{4} ms$/);
    const p = /^Percentiles: 50th = (\d+), 99th = (\d+), 99\.9th = (\d+)$/.exec(lines[3]);
    expect(p, lines[3]).not.toBeNull();
    expect(Number(p![1])).toBeLessThanOrEqual(Number(p![2]));
    expect(lines.slice(4)).toEqual(['']);
    expect(await consumeValues('e2e-new', 20)).toHaveLength(20);
  });

  it('takes the positional form with Kafka\'s warning, and refuses acks=0', async () => {
    await createTopic(engine, 'e2e-pos');
    const r = await runTool('kafka-e2e-latency', [engine.bootstrap, 'e2e-pos', '3', '1', '10']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^WARNING: Positional argument usage is deprecated/);
    const bad = await runTool('kafka-e2e-latency', [engine.bootstrap, 'e2e-pos', '3', '0', '10']);
    expect(bad.code).toBe(1);
    expect(bad.stderr.split('\n')[0]).toBe("Invalid value for --producer-acks. Latency testing requires synchronous acknowledgement. Please use '1' or 'all'.");
  });
});
