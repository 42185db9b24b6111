// kcat -G (librdkafka 2.0.2's balanced consumer) against the engine's group coordinator: join,
// consume, commit and resume; two kcat members splitting a topic; and a kafkajs member and a
// kcat member refused in one group (no assignor in common: INCONSISTENT_GROUP_PROTOCOL).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { startInProcessEngine, TestEngine, waitFor, ROOT } from '../helpers/engine';

const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));
const { decodeAssignment, decodeSubscription } = require(path.join(ROOT, 'dist/protocol/consumer-protocol'));

let engine: TestEngine;
let conn: any;
const procs: ChildProcess[] = [];

beforeAll(async () => {
  engine = await startInProcessEngine();
  conn = new BrokerConnection('127.0.0.1', engine.port, 'kcat-group-test');
  await conn.connect();
});
afterAll(async () => {
  for (const p of procs) if (p.exitCode === null) p.kill('SIGKILL');
  conn.close();
  await engine.stop();
});

interface Run { proc: ChildProcess; out: () => string; err: () => string; done: Promise<number | null> }

function kcatStart(args: string[], input?: string): Run {
  const proc = spawn('kcat', ['-b', engine.bootstrap, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  procs.push(proc);
  let out = '';
  let err = '';
  proc.stdout!.setEncoding('utf8');
  proc.stderr!.setEncoding('utf8');
  proc.stdout!.on('data', (d) => { out += d; });
  proc.stderr!.on('data', (d) => { err += d; });
  const done = new Promise<number | null>((r) => proc.on('close', (code) => r(code)));
  proc.stdin!.end(input ?? '');
  return { proc, out: () => out, err: () => err, done };
}

async function kcat(args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const r = kcatStart(args, input);
  const timer = setTimeout(() => r.proc.kill('SIGKILL'), 30000);
  const code = await r.done;
  clearTimeout(timer);
  return { code, stdout: r.out(), stderr: r.err() };
}

async function committed(group: string, topic: string, partitions: number[]): Promise<number[]> {
  const r = await conn.request(ApiKey.OffsetFetch, 5, { groupId: group, topics: [{ name: topic, partitionIndexes: partitions }] });
  return r.topics[0].partitions.map((p: any) => p.committedOffset);
}

async function describeGroup(group: string): Promise<any> {
  return (await conn.request(ApiKey.DescribeGroups, 4, { groups: [group], includeAuthorizedOperations: false })).groups[0];
}

describe('kcat -G', () => {
  it('joins, consumes, commits, and the next run resumes after the committed offset', async () => {
    expect((await kcat(['-P', '-t', 'kg-resume', '-p', '0'], 'a\nb\nc\nd\n')).code).toBe(0);
    const first = await kcat(['-G', 'kgrp', '-X', 'auto.offset.reset=earliest', '-e', '-q', 'kg-resume']);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('a\nb\nc\nd\n');
    expect(await committed('kgrp', 'kg-resume', [0])).toEqual([4]);
    const d = await describeGroup('kgrp');
    expect(d.groupState).toBe('Empty');
    expect(d.protocolType).toBe('consumer');

    expect((await kcat(['-P', '-t', 'kg-resume', '-p', '0'], 'e\nf\n')).code).toBe(0);
    const second = await kcat(['-G', 'kgrp', '-X', 'auto.offset.reset=earliest', '-e', '-q', 'kg-resume']);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe('e\nf\n');
    expect(await committed('kgrp', 'kg-resume', [0])).toEqual([6]);
  }, 60000);

  it('two kcat members split a two-partition topic (range assignor) and leave cleanly', async () => {
    const admin = await conn.request(ApiKey.CreateTopics, 4, {
      topics: [{ name: 'kg-split', numPartitions: 2, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false,
    });
    expect(admin.topics[0].errorCode).toBe(0);
    const args = ['-G', 'ksplit', '-X', 'partition.assignment.strategy=range', '-X', 'auto.offset.reset=earliest', '-q', 'kg-split'];
    const a = kcatStart(args);
    const b = kcatStart(args);
    const stable = await waitFor(async () => {
      const d = await describeGroup('ksplit');
      return d.groupState === 'Stable' && d.members.length === 2 ? d : undefined;
    }, 30000, 'two kcat members in a Stable group');
    expect(stable.protocolData).toBe('range');
    const owned = stable.members.map((m: any) => {
      expect(m.clientId).toBe('rdkafka');
      expect(m.clientHost).toBe('/127.0.0.1');
      expect(decodeSubscription(m.memberMetadata).topics).toEqual(['kg-split']);
      return decodeAssignment(m.memberAssignment).partitions.flatMap((tp: any) => tp.partitions);
    });
    expect(owned.map((p: number[]) => p.length)).toEqual([1, 1]);
    expect(owned.flat().sort()).toEqual([0, 1]);
    a.proc.kill('SIGTERM');
    b.proc.kill('SIGTERM');
    await Promise.all([a.done, b.done]);
    await waitFor(async () => (await describeGroup('ksplit')).groupState === 'Empty', 20000, 'group empty after both left');
  }, 60000);

  it('a kcat member cannot join a group of kafkajs members: INCONSISTENT_GROUP_PROTOCOL', async () => {
    const kafka = new Kafka({ clientId: 'kjs', brokers: [engine.bootstrap], logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: 'kmixed' });
    await consumer.connect();
    await consumer.subscribe({ topics: ['kg-resume'] });
    await consumer.run({ eachMessage: async () => undefined });
    try {
      await waitFor(async () => (await describeGroup('kmixed')).groupState === 'Stable', 20000, 'kafkajs member Stable');
      const k = kcatStart(['-G', 'kmixed', 'kg-resume']);
      await waitFor(() => k.err().includes('Inconsistent group protocol'), 20000, 'kcat JoinGroup refused');
      k.proc.kill('SIGKILL');
      const d = await describeGroup('kmixed');
      expect(d.members.length).toBe(1);
      expect(d.protocolData).toBe('RoundRobinAssigner');
    } finally {
      await consumer.disconnect();
    }
  }, 60000);
});
