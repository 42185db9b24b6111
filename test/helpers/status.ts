// What the `kafka-local status` tests share: a run of the command (plain by default, NO_COLOR),
// its JSON document, the masks for what differs by nature, the JSON document's documented shape, kcat -P with
// one batch per partition (stable sizes), and the command in a pseudo-terminal (util-linux script).
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { expect } from 'vitest';
import { BIN, runTool, waitFor, type RunResult } from './engine';
import { kcatProduce } from './groups';

export async function status(bootstrap: string, args: string[] = [], env: Record<string, string> = { NO_COLOR: '1' }): Promise<RunResult> {
  return runTool('kafka-local', ['status', '--bootstrap-server', bootstrap, ...args], { env, timeoutMs: 60000 });
}

export async function statusJson(bootstrap: string, args: string[] = []): Promise<any> {
  const r = await status(bootstrap, ['--output', 'json', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

/** Ports, the cluster id, member ids (a client id and a UUID), clock times. */
export function maskStatus(s: string): string {
  return s
    .replace(/127\.0\.0\.1:\d{5}/g, '127.0.0.1:<port>')
    .replace(/^(Cluster )[A-Za-z0-9_-]{22}/m, '$1<cluster-id>')
    .replace(/\b([a-z-]+)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '$1-<uuid>')
    .replace(/\b\d\d:\d\d:\d\d\b/g, '<time>');
}

// The document's shape as the README documents it: a type (or types joined by |) per field, an
// array's one element shape (every element is checked), `{ '*': type }` for a map.
const GROUP_TOPIC = { topic: 'string', partitions: [{ partition: 'number', committedOffset: 'number|null', logEndOffset: 'number|null', lag: 'number|null' }], lag: 'number|null' };
export const STATUS_SCHEMA = {
  version: 'number',
  cluster: {
    clusterId: 'string|null', controller: 'number|null',
    brokers: [{ id: 'number', host: 'string|null', port: 'number|null', rack: 'string|null', alive: 'boolean', partitionsLed: 'number' }],
  },
  topics: [{
    name: 'string', topicId: 'string|null', internal: 'boolean', partitionCount: 'number', replicationFactor: 'number',
    minInsyncReplicas: 'number|null', configs: { '*': 'string|null' }, records: 'number|null', sizeBytes: 'number|null',
    underReplicatedPartitions: 'number', underMinIsrPartitions: 'number', leaderlessPartitions: 'number',
    partitions: [{
      partition: 'number', leader: 'number|null', replicas: ['number'], isr: ['number'], logStartOffset: 'number|null', logEndOffset: 'number|null',
      records: 'number|null', sizeBytes: 'number|null', underReplicated: 'boolean', underMinIsr: 'boolean', leaderless: 'boolean',
    }],
  }],
  groups: [{
    groupId: 'string', state: 'string', type: 'string', assignor: 'string', coordinator: 'number|null',
    members: [{ memberId: 'string', clientId: 'string', host: 'string', groupInstanceId: 'string|null', assignment: [{ topic: 'string', partitions: ['number'] }] }],
    topics: [GROUP_TOPIC], totalLag: 'number|null', rebalancing: 'boolean', empty: 'boolean', error: 'string|null',
  }],
  warnings: ['string'],
};

/** Where `v` departs from `schema`, as `path: what`, walking every element of every array. */
export function conformance(v: unknown, schema: unknown, path = '$'): string[] {
  if (typeof schema === 'string') {
    const type = v === null ? 'null' : typeof v;
    return schema.split('|').includes(type) ? [] : [`${path}: ${type}, not ${schema}`];
  }
  if (Array.isArray(schema)) {
    if (!Array.isArray(v)) return [`${path}: not an array`];
    return v.flatMap((x, i) => conformance(x, schema[0], `${path}[${i}]`));
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return [`${path}: not an object`];
  const s = schema as Record<string, unknown>;
  if ('*' in s) return Object.entries(v).flatMap(([k, x]) => conformance(x, s['*'], `${path}.${k}`));
  const keys = Object.keys(v);
  return [
    ...keys.filter((k) => !(k in s)).map((k) => `${path}.${k}: not documented`),
    ...Object.keys(s).filter((k) => !keys.includes(k)).map((k) => `${path}.${k}: missing`),
    ...Object.keys(s).filter((k) => keys.includes(k)).flatMap((k) => conformance((v as Record<string, unknown>)[k], s[k], `${path}.${k}`)),
  ];
}

/** kcat -P of `lines` into `partition`, lingering so that they make one batch (sizes stay the same run to run). */
export async function kcatBatch(bootstrap: string, topic: string, partition: number, lines: string[]): Promise<void> {
  await kcatProduce(bootstrap, topic, lines, partition, ['-X', 'linger.ms=500', '-X', 'compression.codec=none']);
}

export interface Terminal {
  proc: ChildProcess;
  output(): string;
  /** Type a key into the terminal (\x03 is Ctrl-C: SIGINT to the command). */
  type(s: string): void;
  exited: Promise<number | null>;
  /** Wait until the output matches. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<void>;
}

/** `kafka-local status ARGS` in a pseudo-terminal (util-linux script), 200 columns by 100 rows unless told. */
export function statusInTerminal(args: string[], env: Record<string, string> = {}, size = { cols: 200, rows: 100 }): Terminal {
  const cmd = [`stty cols ${size.cols} rows ${size.rows};`, 'exec', process.execPath, path.join(BIN, 'kafka-local'), 'status', ...args].map((a) => (a.endsWith(';') ? a : `'${a}'`)).join(' ');
  const proc = spawn('script', ['-qfec', cmd, '/dev/null'], {
    stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, KAFKA_LOCAL_AUTOSTART: '0', TERM: 'xterm', ...env },
  });
  let out = '';
  proc.stdout!.setEncoding('utf8');
  proc.stdout!.on('data', (d) => { out += d; });
  proc.stderr!.on('data', (d) => { out += d; });
  const exited = new Promise<number | null>((r) => proc.on('close', (code) => r(code)));
  return {
    proc,
    output: () => out,
    type: (s) => proc.stdin!.write(s),
    exited,
    waitFor: async (re, timeoutMs = 20000) => {
      await waitFor(() => re.test(out), timeoutMs, `${re} in the terminal; it shows:\n${out}`);
    },
  };
}
