// A client failover scenario on a 3-broker TestCluster, shared by the tests of clients we did not
// write (Java, librdkafka, kafka-python): a group consumer and an acks=all producer run while the
// broker leading a partition AND coordinating the consumer's group is killed with SIGKILL; the
// clients are programs speaking a line protocol on stdout (ACK/ERR/ASSIGNED/REC/DONE, see
// test/clients/java/FailoverClients.java) and stopped by a "stop" line on stdin, or by PID.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { expect } from 'vitest';
import { TestCluster } from './cluster';
import { ROOT, runTool, waitFor } from './engine';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));

/** Offsets topic RF 3, so committed offsets outlive their coordinator; default session timeouts of the helper. */
export function failoverCluster(): TestCluster {
  return new TestCluster({ brokers: 3, overrides: { 'offsets.topic.replication.factor': '3', 'replica.fetch.wait.max.ms': '200' } });
}

export interface PartitionLine { partition: number; leader: string; replicas: string; isr: string }

export async function describeTopic(cluster: TestCluster, topic: string): Promise<PartitionLine[]> {
  const r = await runTool('kafka-topics', ['--bootstrap-server', cluster.bootstrap(), '--describe', '--topic', topic]);
  if (r.code !== 0) throw new Error(r.stderr);
  return [...r.stdout.matchAll(/Partition: (\d+)\tLeader: (\S+)\tReplicas: ([\d,]+)\tIsr: ([\d,]*)/g)]
    .map((m) => ({ partition: Number(m[1]), leader: m[2], replicas: m[3], isr: m[4] }));
}

/** An RF 3 topic with min.insync.replicas=2, once every partition has all three replicas in sync; its partitions. */
export async function createFailoverTopic(cluster: TestCluster, topic: string, partitions = 3): Promise<PartitionLine[]> {
  const r = await runTool('kafka-topics', ['--bootstrap-server', cluster.bootstrap(), '--create', '--topic', topic,
    '--partitions', String(partitions), '--replication-factor', '3', '--config', 'min.insync.replicas=2']);
  expect(r.stderr).toBe('');
  return waitFor(async () => {
    const ps = await describeTopic(cluster, topic);
    return ps.length === partitions && ps.every((p) => p.isr.split(',').length === 3) ? ps : undefined;
  }, 20000, `${topic} in sync`);
}

/**
 * The broker to kill: one that leads a partition of the topic and coordinates a group (prefix-N,
 * found with FindCoordinator; a restarted broker leads partitions of new topics but no
 * __consumer_offsets partition until a preferred election).
 */
export async function victim(cluster: TestCluster, parts: PartitionLine[], prefix: string): Promise<{ broker: number; partition: number; group: string }> {
  const via = [...cluster.brokers.keys()][0];
  const conn = new BrokerConnection('127.0.0.1', cluster.broker(via).port, 'failover-test');
  await conn.connect();
  try {
    const coordinator = (group: string) => waitFor(async () => {
      const r = await conn.request(ApiKey.FindCoordinator, 2, { key: group, keyType: 0 });
      return r.errorCode === 0 ? r.nodeId as number : undefined;
    }, 20000, `the coordinator of ${group}`);
    const leaders = new Map(parts.map((p) => [Number(p.leader), p.partition]));
    for (let i = 0; i < 200; i++) {
      const group = `${prefix}-${i}`;
      const broker = await coordinator(group);
      if (leaders.has(broker)) return { broker, partition: leaders.get(broker)!, group };
    }
    throw new Error(`no group ${prefix}-N is coordinated by a leader of ${parts.map((p) => p.leader).join(',')}`);
  } finally {
    conn.close();
  }
}

/** A client program speaking the line protocol. */
export interface LineClient {
  proc: ChildProcess;
  /** The tab-separated fields of every stdout line starting with `tag`. */
  lines(tag: string): string[][];
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
  /** Send "stop" and wait for the exit code (killed by PID after the deadline). */
  stop(timeoutMs?: number): Promise<number | null>;
  kill(): void;
}

export function spawnLineClient(cmd: string, args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): LineClient {
  const proc = spawn(cmd, args, { cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
  return lineClient(proc);
}

/** Wrap an already spawned program (stdin piped). */
export function lineClient(proc: ChildProcess): LineClient {
  let out = '';
  let err = '';
  const byTag = new Map<string, string[][]>();
  let partial = '';
  proc.stdout!.setEncoding('utf8');
  proc.stderr!.setEncoding('utf8');
  proc.stdout!.on('data', (d: string) => {
    out += d;
    const text = partial + d;
    const parts = text.split('\n');
    partial = parts.pop()!;
    for (const line of parts) {
      const f = line.split('\t');
      if (!byTag.has(f[0])) byTag.set(f[0], []);
      byTag.get(f[0])!.push(f.slice(1));
    }
  });
  proc.stderr!.on('data', (d: string) => { err = (err + d).slice(-500_000); });
  proc.stdin!.on('error', () => { /* the program ended first */ });
  const exited = new Promise<number | null>((r) => {
    if (proc.exitCode !== null) r(proc.exitCode);
    proc.on('exit', (code) => r(code));
    proc.on('error', () => r(null));
  });
  const kill = (): void => {
    try {
      if (proc.exitCode === null && proc.signalCode === null) process.kill(proc.pid!, 'SIGKILL');
    } catch {
      // it ended meanwhile
    }
  };
  const stop = async (timeoutMs = 60000): Promise<number | null> => {
    proc.stdin!.end('stop\n');
    const timer = setTimeout(kill, timeoutMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  return { proc, lines: (tag) => byTag.get(tag) ?? [], stdout: () => out, stderr: () => err, exited, stop, kill };
}

export interface FailoverClients {
  /** An acks=all producer of distinct values to `topic`. */
  producer(topic: string): LineClient;
  /** A group consumer of `topic` from the earliest offset, committing what it read. */
  consumer(topic: string, group: string): LineClient;
}

export interface FailoverOutcome {
  killed: number;
  partition: number;
  acked: number;
  ackedAfterKill: number;
  /** ms from the kill to a record acknowledged on the killed broker's partition after its new leader is seen in --describe. */
  failoverMs: number;
  /** Records the live consumer read twice (at-least-once allows them; reported, not required to be 0). */
  consumerDuplicates: number;
}

const tail = (c: LineClient) => `stdout: ${c.stdout().slice(-1500)}\nstderr: ${c.stderr().slice(-3000)}`;

/**
 * The scenario: consumer assigned, producer under way, SIGKILL of a broker leading a partition and
 * coordinating the group, both clients go on (records acknowledged and consumed on that partition's
 * new leader); then every acknowledged record was consumed by the live group and is in the log exactly
 * once (a fresh group reads it all back). The killed broker is restarted at the end.
 */
export async function runFailover(cluster: TestCluster, clients: FailoverClients, name: string, sig: NodeJS.Signals = 'SIGKILL'): Promise<FailoverOutcome> {
  const parts = await createFailoverTopic(cluster, name);
  const { broker: killed, partition, group } = await victim(cluster, parts, `${name}-group`);
  const moved = String(partition);
  const consumer = clients.consumer(name, group);
  let producer: LineClient | undefined;
  let verifier: LineClient | undefined;
  try {
    await waitFor(() => consumer.lines('ASSIGNED').some((a) => a[0] === '[0, 1, 2]' || a[0] === '[0,1,2]'), 60000, 'the consumer assigned')
      .catch((e) => { throw new Error(`${e.message}\n${tail(consumer)}`); });
    producer = clients.producer(name);
    const p = producer;
    await waitFor(() => p.lines('ACK').length >= 500 && consumer.lines('REC').length >= 200, 60000, 'load under way')
      .catch((e) => { throw new Error(`${e.message}\nproducer ${tail(p)}\nconsumer ${tail(consumer)}`); });
    const ackedAtKill = p.lines('ACK').length;
    const killedAt = Date.now();
    await cluster.signal(killed, sig);
    // The producer recovers: records acknowledged on the killed broker's partition once another broker leads it.
    await waitFor(async () => {
      const l = (await describeTopic(cluster, name))[partition].leader;
      return l !== 'none' && Number(l) !== killed;
    }, 30000, `a new leader of partition ${partition}`);
    const ackedAtNewLeader = p.lines('ACK').length;
    const firstOnNewLeader = await waitFor(() => {
      const a = p.lines('ACK');
      for (let i = ackedAtNewLeader; i < a.length; i++) if (a[i][1] === moved) return Date.now();
      return undefined;
    }, 60000, `an acknowledgement from partition ${partition}'s new leader`).catch((e) => { throw new Error(`${e.message}\nproducer ${tail(p)}`); });
    await waitFor(() => p.lines('ACK').length >= ackedAtKill + 1000, 60000, '1000 more acknowledgements after the kill')
      .catch((e) => { throw new Error(`${e.message}\nproducer ${tail(p)}`); });
    expect(await p.stop()).toBe(0);
    expect(p.lines('ERR')).toEqual([]);
    const acked = p.lines('ACK');
    const values = acked.map((a) => a[0]);
    expect(new Set(values).size).toBe(values.length);
    expect(new Set(acked.map((a) => `${a[1]}:${a[2]}`)).size).toBe(acked.length);
    // The consumer resumes: it reads every acknowledged record, those after the kill included.
    const consumed = () => new Set(consumer.lines('REC').map((r) => r[2]));
    await waitFor(() => { const c = consumed(); return values.every((v) => c.has(v)); }, 60000, 'the group consumer read every acknowledged record')
      .catch((e) => { throw new Error(`${e.message}: missing ${values.filter((v) => !consumed().has(v)).length} of ${values.length}\nconsumer ${tail(consumer)}`); });
    const recs = consumer.lines('REC');
    expect(await consumer.stop()).toBe(0);
    // Exactly once in the log: a fresh group reads each acknowledged record once and nothing else.
    const v = (verifier = clients.consumer(name, `${name}-verify`));
    await waitFor(() => v.lines('REC').length >= values.length, 60000, 'the log read back').catch((e) => { throw new Error(`${e.message}\n${tail(v)}`); });
    expect(await v.stop()).toBe(0);
    const inLog = v.lines('REC').map((r) => r[2]);
    expect(inLog.length).toBe(values.length);
    expect(new Set(inLog)).toEqual(new Set(values));
    // Every record where the producer was told it is.
    const at = new Map(acked.map((a) => [a[0], `${a[1]}:${a[2]}`]));
    expect(v.lines('REC').filter((r) => at.get(r[2]) !== `${r[0]}:${r[1]}`)).toEqual([]);
    return {
      killed, partition, acked: acked.length, ackedAfterKill: acked.length - ackedAtKill, failoverMs: firstOnNewLeader - killedAt,
      consumerDuplicates: recs.length - new Set(recs.map((r) => r[2])).size,
    };
  } finally {
    consumer.kill();
    producer?.kill();
    verifier?.kill();
    if (!cluster.brokers.has(killed)) await cluster.start(killed);
  }
}
