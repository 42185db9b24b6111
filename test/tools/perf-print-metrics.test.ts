// --print-metrics of kafka-producer-perf-test and kafka-consumer-perf-test: Kafka's table after
// the summary (a blank line, "Metric Name ... Value", one `group:name:{tags} : value` line per
// metric, sorted, padded to the longest name) with the counts that must be exact checked
// exactly. The set of names is compared with Kafka's own tools in test/reference/scenarios.
import { describe, it, expect } from 'vitest';
import { runTool, type TestEngine } from '../helpers/engine';
import { createTopic, useEngine } from '../helpers/tools';
import { Sensor } from '../../src/client/metrics';

let engine: TestEngine;
let B: string[];
useEngine((e) => {
  engine = e;
  B = ['--bootstrap-server', e.bootstrap];
});

/** The metrics table at the end of stdout, checked for Kafka's layout; name -> value. */
function metricsTable(stdout: string): Map<string, string> {
  const start = stdout.indexOf('\nMetric Name');
  expect(start, stdout).toBeGreaterThan(0);
  expect(stdout[start - 1], 'a blank line before the table').toBe('\n');
  const lines = stdout.slice(start + 1).split('\n');
  expect(lines.pop()).toBe('');
  const [header, ...rows] = lines;
  const names = rows.map((l) => l.split(' : ')[0].trimEnd());
  const width = Math.max(...names.map((n) => n.length));
  expect(header).toBe(`${'Metric Name'.padEnd(width)}   Value`);
  expect(names).toEqual([...names].sort());
  const table = new Map<string, string>();
  for (const row of rows) {
    const m = /^([a-z-]+:[a-z0-9.-]+:\{client-id=[^,}]+(?:, [a-z-]+=[^,}]+)*\}) +: (.+)$/.exec(row);
    expect(m, row).not.toBeNull();
    expect(row.indexOf(' : '), row).toBe(width);
    table.set(m![1], m![2]);
  }
  return table;
}

const DOUBLE = /^(-?\d+\.\d{3}|NaN)$/;

describe('--print-metrics', () => {
  it('kafka-producer-perf-test prints the producer\'s metrics under Kafka\'s names', async () => {
    await createTopic(engine, 'pm-produce');
    const r = await runTool('kafka-producer-perf-test', [...B, '--topic', 'pm-produce', '--num-records', '200', '--throughput', '-1', '--record-size', '10', '--print-metrics']);
    expect(r.code, r.stderr).toBe(0);
    const [summary] = r.stdout.split('\n');
    expect(summary).toMatch(/^200 records sent, /);
    const t = metricsTable(r.stdout);
    const c = '{client-id=perf-producer-client}';
    expect(t.get(`app-info:version:${c}`)).toBe('4.4.0');
    expect(t.get(`app-info:start-time-ms:${c}`)).toMatch(/^\d{13}$/);
    expect(t.get(`kafka-metrics-count:count:${c}`)).toBe(`${t.size}.000`);
    expect(t.get(`producer-metrics:record-send-total:${c}`)).toBe('200.000');
    expect(t.get(`producer-topic-metrics:record-send-total:{client-id=perf-producer-client, topic=pm-produce}`)).toBe('200.000');
    expect(t.get(`producer-metrics:record-error-total:${c}`)).toBe('0.000');
    expect(t.get(`producer-metrics:requests-in-flight:${c}`)).toBe('0.000');
    expect(t.get(`producer-metrics:request-total:${c}`)).toBe(t.get(`producer-metrics:response-total:${c}`));
    expect(Number(t.get(`producer-metrics:connection-count:${c}`))).toBeGreaterThanOrEqual(1);
    expect(Number(t.get(`producer-metrics:batch-size-max:${c}`))).toBeGreaterThan(200 * 10);
    // A short run's rate is over at least one 30 s window, as Kafka's: 200 records -> ~6.6/s.
    expect(Number(t.get(`producer-metrics:record-send-rate:${c}`))).toBeGreaterThan(5);
    expect(Number(t.get(`producer-metrics:record-send-rate:${c}`))).toBeLessThan(6.7);
    expect([...t.keys()].some((k) => k.startsWith('producer-node-metrics:request-latency-avg:{client-id=perf-producer-client, node-id=node-'))).toBe(true);
    for (const [k, v] of t) if (!k.startsWith('app-info:')) expect(v, k).toMatch(DOUBLE);
  });

  it('kafka-consumer-perf-test prints the consumer\'s metrics under Kafka\'s names', async () => {
    await createTopic(engine, 'pm-consume');
    const p = await runTool('kafka-producer-perf-test', [...B, '--topic', 'pm-consume', '--num-records', '50', '--throughput', '-1', '--record-size', '20']);
    expect(p.code, p.stderr).toBe(0);
    const r = await runTool('kafka-consumer-perf-test', [...B, '--topic', 'pm-consume', '--num-records', '50', '--print-metrics']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[1]).toMatch(/, 50, /);
    const t = metricsTable(r.stdout);
    const c = '{client-id=perf-consumer-client}';
    expect(t.get(`kafka-metrics-count:count:${c}`)).toBe(`${t.size}.000`);
    expect(t.get(`consumer-fetch-manager-metrics:records-consumed-total:${c}`)).toBe('50.000');
    expect(t.get('consumer-fetch-manager-metrics:records-consumed-total:{client-id=perf-consumer-client, topic=pm-consume}')).toBe('50.000');
    expect(Number(t.get(`consumer-fetch-manager-metrics:bytes-consumed-total:${c}`))).toBeGreaterThan(50 * 20);
    expect(Number(t.get(`consumer-fetch-manager-metrics:fetch-total:${c}`))).toBeGreaterThanOrEqual(1);
    expect(t.get(`consumer-coordinator-metrics:assigned-partitions:${c}`)).toBe('1.000');
    expect(t.get(`consumer-coordinator-metrics:join-total:${c}`)).toBe('1.000');
    expect(t.get(`consumer-coordinator-metrics:sync-total:${c}`)).toBe('1.000');
    expect(t.get(`consumer-metrics:failed-authentication-total:${c}`)).toBe('0.000');
    // All read: no lag; the position is 50 records past the log start.
    const tp = '{client-id=perf-consumer-client, topic=pm-consume, partition=0}';
    expect(t.get(`consumer-fetch-manager-metrics:records-lag:${tp}`)).toBe('0.000');
    expect(t.get(`consumer-fetch-manager-metrics:records-lead:${tp}`)).toBe('50.000');
    expect(t.get(`consumer-fetch-manager-metrics:preferred-read-replica:${tp}`)).toBe('-1');
    expect(Number(t.get(`consumer-fetch-manager-metrics:records-per-request-avg:${c}`))).toBeGreaterThan(0);
    for (const [k, v] of t) if (!k.startsWith('app-info:') && !k.includes('preferred-read-replica')) expect(v, k).toMatch(DOUBLE);
  });

  it('without --print-metrics prints no table', async () => {
    await createTopic(engine, 'pm-none');
    const r = await runTool('kafka-producer-perf-test', [...B, '--topic', 'pm-none', '--num-records', '5', '--throughput', '-1', '--record-size', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('Metric Name');
  });
});

describe('Sensor', () => {
  it('rates over at least one 30 s window and keeps two windows, as Kafka\'s', () => {
    const s = new Sensor();
    for (let i = 0; i < 1000; i++) s.record(1, 1_000 + i);
    expect(s.countRate(2_000)).toBeCloseTo(1000 / 31, 6);
    expect(s.total).toBe(1000);
    // 70 s later both windows have expired: nothing in the window, the total stays.
    expect(s.countRate(71_000)).toBe(0);
    expect(Number.isNaN(s.avg(71_000))).toBe(true);
    expect(s.total).toBe(1000);
  });
});
