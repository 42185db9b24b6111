// Running the Python and Go client programs (test/clients/python, test/clients/go, installed by
// scripts/test-deps.sh) against a test engine: one run, its JSON report, killed after a deadline
// so a hung client fails its test instead of stalling the suite.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { PYTHON, goBinary } from '../helpers/deps';
import { ROOT } from '../helpers/engine';

const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));
const batchLib = require(path.join(ROOT, 'dist/protocol/records/batch'));

export interface ClientRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], opts: { cwd?: string; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<ClientRun> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8');
    p.stderr.setEncoding('utf8');
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => {
      p.kill('SIGKILL');
      reject(new Error(`${path.basename(cmd)} ${args.join(' ')} timed out\n${stdout}\n${stderr}`));
    }, opts.timeoutMs ?? 60000);
    p.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
    p.on('error', (e) => { clearTimeout(timer); reject(e); });
  });
}

/** The JSON report of a run that exited 0 (else an error showing what it printed). */
function reportOf(r: ClientRun, what: string): any {
  if (r.code !== 0) throw new Error(`${what} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  const last = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last);
  } catch {
    throw new Error(`${what} printed no JSON report\n${r.stdout}\n${r.stderr}`);
  }
}

const PY_DIR = path.join(ROOT, 'test', 'clients', 'python');

/** Run test/clients/python/<script> in the test virtualenv; its report. */
export async function runPython(script: string, args: string[], timeoutMs?: number): Promise<any> {
  return reportOf(await run(PYTHON, ['-u', script, ...args], { cwd: PY_DIR, timeoutMs }), script);
}

/** Run the Go program built from test/clients/go/<name>; its report. */
export async function runGo(name: string, args: string[], timeoutMs?: number): Promise<any> {
  return reportOf(await run(goBinary(name), args, { timeoutMs }), name);
}

/** The codec of every stored batch of a partition (read back with our own client, Fetch v11). */
export async function storedCodecs(bootstrap: string, topic: string, partition = 0): Promise<number[]> {
  const [host, port] = bootstrap.split(':');
  const conn = new BrokerConnection(host, Number(port), 'codec-probe');
  await conn.connect();
  try {
    const r = await conn.send(ApiKey.Fetch, {
      replicaId: -1, maxWaitMs: 0, minBytes: 0, maxBytes: 64 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1,
      topics: [{ topic, partitions: [{ partition, fetchOffset: 0, partitionMaxBytes: 64 << 20 }] }], forgottenTopicsData: [], rackId: '',
    });
    const records: Buffer = r.responses[0].partitions[0].records ?? Buffer.alloc(0);
    const codecs: number[] = [];
    batchLib.iterateBatches(records, (b: Buffer) => { codecs.push(batchLib.batchCodec(b)); });
    return codecs;
  } finally {
    conn.close();
  }
}

/**
 * What every "current client" report shows: `delivered` (value, key, partition, offset, error?),
 * `consumed` (member, key, value, partition, offset, headers), the member's partitions alone and
 * after the second member joined, the group's state and members, committed and end offsets.
 * Checked: keys on the client's partitioner, dense offsets, every record consumed once with
 * its key, headers, partition and offset, a range assignment over both members, commits at the
 * end offsets, and the stored batches compressed with the codec asked for.
 */
export async function expectProduceAndGroup(
  r: any,
  opts: { bootstrap: string; topic: string; partitionOf: (key: string) => number; headers: (i: number) => unknown; codec: number; records?: number; keys?: number; stable?: string },
): Promise<void> {
  const { expect } = await import('vitest');
  const n = opts.records ?? 30;
  expect(r.delivered).toHaveLength(n);
  const next = [0, 0, 0];
  for (const d of [...r.delivered].sort((a: any, b: any) => a.partition - b.partition || a.offset - b.offset)) {
    expect(d.error ?? null).toBeNull();
    expect(d.partition).toBe(opts.partitionOf(d.key));
    expect(d.offset).toBe(next[d.partition]++);
  }
  for (let p = 0; p < 3; p++) {
    if (next[p] === 0) continue;
    expect(new Set(await storedCodecs(opts.bootstrap, opts.topic, p))).toEqual(new Set([opts.codec]));
  }
  expect(r.assignedAlone).toEqual([0, 1, 2]);
  const together = Object.values(r.assignedTogether) as number[][];
  expect(together.map((a) => a.length).sort()).toEqual([1, 2]);
  expect(together.flat().sort()).toEqual([0, 1, 2]);
  const byValue = new Map<string, any>(r.delivered.map((d: any) => [d.value, d]));
  const seen = new Set<string>();
  for (const c of r.consumed) {
    const i = Number(c.value.slice('value-'.length));
    expect(seen.has(c.value)).toBe(false);
    seen.add(c.value);
    expect(c.key).toBe(`key-${i % (opts.keys ?? 6)}`);
    expect(c.headers).toEqual(opts.headers(i));
    const d = byValue.get(c.value);
    expect([c.partition, c.offset]).toEqual([d.partition, d.offset]);
  }
  expect(seen.size).toBe(n);
  expect(r.groupState).toBe(opts.stable ?? 'Stable');
  expect(r.groupMembers).toBe(2);
  expect(r.committed).toEqual(r.endOffsets);
  expect(r.endOffsets).toEqual(next.map((x, p) => [p, x]));
}

/**
 * Record the (API key, version) pairs an in-process engine serves from now on, as 'key:version'
 * strings (e.g. '0:0' Produce v0, '1:2' Fetch v2), with the client ids that sent them.
 */
export function recordVersions(engine: { engine?: any }): { seen: Set<string>; byClient: Map<string, Set<string>>; stop(): void } {
  const seen = new Set<string>();
  const byClient = new Map<string, Set<string>>();
  engine.engine.requestObserver = (apiKey: number, version: number, clientId: string | null) => {
    const k = `${apiKey}:${version}`;
    seen.add(k);
    const c = clientId ?? '';
    if (!byClient.has(c)) byClient.set(c, new Set());
    byClient.get(c)!.add(k);
  };
  return { seen, byClient, stop: () => { engine.engine.requestObserver = null; } };
}
