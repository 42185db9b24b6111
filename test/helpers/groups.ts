// What the consumer-group transcript tests share: who owns which partition and what is committed
// (read from kafka-consumer-groups --describe, as a user would), kcat -P into a partition, and
// the partitions in console-consumer output printed with print.partition=true.
import { spawn } from 'node:child_process';
import { expect } from 'vitest';
import { runTool } from './engine';

export interface PartitionRow {
  /** CURRENT-OFFSET ('-' when nothing is committed). */
  committed: string;
  /** CONSUMER-ID ('-' when no member owns it). */
  member: string;
  clientId: string;
}

/** The --describe rows of a group: `topic:partition` -> row. */
export async function describeRows(bootstrap: string, group: string): Promise<Map<string, PartitionRow>> {
  const r = await runTool('kafka-consumer-groups', ['--bootstrap-server', bootstrap, '--describe', '--group', group]);
  const out = new Map<string, PartitionRow>();
  for (const line of r.stdout.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f[0] !== group || f.length < 9 || f[1] === 'TOPIC') continue;
    out.set(`${f[1]}:${f[2]}`, { committed: f[3], member: f[6], clientId: f[8] });
  }
  return out;
}

/** Partition -> owner, for the partitions some member owns. */
export async function owners(bootstrap: string, group: string): Promise<Map<number, { member: string; clientId: string }>> {
  const out = new Map<number, { member: string; clientId: string }>();
  for (const [key, row] of await describeRows(bootstrap, group)) {
    if (row.member !== '-') out.set(Number(key.split(':')[1]), { member: row.member, clientId: row.clientId });
  }
  return out;
}

/** The distinct members in an owners() map. */
export function members(map: Map<number, { member: string }>): Set<string> {
  return new Set([...map.values()].map((o) => o.member));
}

/** The committed offset of a partition for the group ('-' when none). */
export async function committedOffset(bootstrap: string, group: string, topic: string, partition = 0): Promise<string> {
  return (await describeRows(bootstrap, group)).get(`${topic}:${partition}`)?.committed ?? '-';
}

/** kcat -P of `lines` (into `partition`, else librdkafka's choice); spawned, so an in-process engine keeps serving. */
export async function kcatProduce(bootstrap: string, topic: string, lines: string[], partition?: number, extra: string[] = []): Promise<void> {
  const args = ['-P', '-b', bootstrap, '-t', topic, ...(partition === undefined ? [] : ['-p', String(partition)]), ...extra];
  const p = spawn('kcat', args, { stdio: ['pipe', 'ignore', 'pipe'] });
  let err = '';
  p.stderr.setEncoding('utf8');
  p.stderr.on('data', (d) => { err += d; });
  const code = await new Promise<number | null>((resolve) => {
    p.on('close', resolve);
    p.stdin.end(lines.map((l) => `${l}\n`).join(''));
  });
  expect(code, err).toBe(0);
}

/** `Partition:P\t...` lines -> the partitions seen. */
export function partitionsIn(out: string): Set<number> {
  return new Set(out.split('\n').filter(Boolean).map((l) => Number(/^Partition:(\d+)/.exec(l)![1])));
}
