// What changed between two snapshots, in sentences for the watch view: brokers dying and coming
// back, the controller moving, topics created and deleted, partitions added, leaders moving, ISRs
// shrinking and expanding, log starts moving (retention, delete-records), groups appearing,
// changing state, members joining and leaving, partitions changing hands, lag growing and shrinking.
import type { GroupStatus, StatusDocument, TopicStatus } from './model';

const byKey = <T>(items: readonly T[], key: (t: T) => string | number): Map<string | number, T> => new Map(items.map((i) => [key(i), i]));
const list = (ids: readonly number[]): string => `[${ids.join(',')}]`;
const minus = (a: readonly number[], b: readonly number[]): number[] => a.filter((x) => !b.includes(x));

export function diffStatus(before: StatusDocument, after: StatusDocument): string[] {
  const out: string[] = [];
  const { cluster: c0 } = before;
  const { cluster: c1 } = after;
  if (c0.controller !== c1.controller) out.push(`controller moved from ${c0.controller ?? 'none'} to ${c1.controller ?? 'none'}`);
  const b0 = byKey(c0.brokers, (b) => b.id);
  const b1 = byKey(c1.brokers, (b) => b.id);
  for (const b of c1.brokers) {
    const old = b0.get(b.id);
    if (!old) out.push(`broker ${b.id} joined${b.alive ? '' : ' (not alive)'}`);
    else if (old.alive && !b.alive) out.push(`broker ${b.id} died`);
    else if (!old.alive && b.alive) out.push(`broker ${b.id} came back`);
  }
  for (const b of c0.brokers) if (!b1.has(b.id)) out.push(`broker ${b.id} left the cluster`);

  const t0 = byKey(before.topics, (t) => t.name);
  const t1 = byKey(after.topics, (t) => t.name);
  for (const t of after.topics) {
    const old = t0.get(t.name);
    if (!old) out.push(`topic ${t.name} created (${t.partitionCount} partitions)`);
    else out.push(...topicChanges(old, t));
  }
  for (const t of before.topics) if (!t1.has(t.name)) out.push(`topic ${t.name} deleted`);

  const g0 = byKey(before.groups, (g) => g.groupId);
  const g1 = byKey(after.groups, (g) => g.groupId);
  for (const g of after.groups) {
    const old = g0.get(g.groupId);
    if (!old) out.push(`group ${g.groupId} appeared (${g.state})`);
    else out.push(...groupChanges(old, g));
  }
  for (const g of before.groups) if (!g1.has(g.groupId)) out.push(`group ${g.groupId} is gone`);
  return out;
}

function topicChanges(a: TopicStatus, b: TopicStatus): string[] {
  const out: string[] = [];
  if (b.partitionCount > a.partitionCount) out.push(`topic ${b.name} grew from ${a.partitionCount} to ${b.partitionCount} partitions`);
  const p0 = byKey(a.partitions, (p) => p.partition);
  for (const p of b.partitions) {
    const old = p0.get(p.partition);
    if (!old) continue;
    const tp = `${b.name}-${p.partition}`;
    if (old.leader !== p.leader) {
      out.push(p.leader === null ? `${tp} lost its leader (was ${old.leader})`
        : old.leader === null ? `${tp} has a leader again: ${p.leader}` : `${tp} leader moved from ${old.leader} to ${p.leader}`);
    }
    const gone = minus(old.isr, p.isr);
    const added = minus(p.isr, old.isr);
    if (gone.length > 0) out.push(`${tp} ISR shrank ${list(old.isr)} -> ${list(p.isr)}`);
    else if (added.length > 0) out.push(`${tp} ISR expanded ${list(old.isr)} -> ${list(p.isr)}`);
    if (old.logStartOffset !== null && p.logStartOffset !== null && p.logStartOffset > old.logStartOffset) {
      out.push(`${tp} log start moved ${old.logStartOffset} -> ${p.logStartOffset}: ${p.logStartOffset - old.logStartOffset} records removed (retention or delete-records)`);
    }
  }
  if (a.records !== null && b.records !== null && b.records !== a.records) {
    out.push(`topic ${b.name} records ${b.records > a.records ? '+' : ''}${b.records - a.records} (${b.records})`);
  }
  return out;
}

function groupChanges(a: GroupStatus, b: GroupStatus): string[] {
  const out: string[] = [];
  if (a.state !== b.state) out.push(`group ${b.groupId} ${a.state} -> ${b.state}`);
  const m0 = new Set(a.members.map((m) => m.memberId));
  const m1 = new Set(b.members.map((m) => m.memberId));
  for (const m of b.members) if (!m0.has(m.memberId)) out.push(`group ${b.groupId}: member ${m.clientId} (${m.memberId}) joined`);
  for (const m of a.members) if (!m1.has(m.memberId)) out.push(`group ${b.groupId}: member ${m.clientId} (${m.memberId}) left`);
  const owned = (g: GroupStatus): string => JSON.stringify(g.members.map((m) => [m.memberId, m.assignment]));
  // Only settled assignments: members own nothing while a rebalance is under way.
  if (b.state === 'Stable' && owned(a) !== owned(b)) {
    out.push(`group ${b.groupId} rebalanced: ${b.members.map((m) => `${m.clientId} owns ${m.assignment.map((t) => `${t.topic}[${t.partitions.join(',')}]`).join(' ') || 'nothing'}`).join('; ')}`);
  }
  const lag0 = byKey(a.topics, (t) => t.topic);
  for (const t of b.topics) {
    const old = lag0.get(t.topic)?.lag ?? null;
    if (old === null || t.lag === null || old === t.lag) continue;
    out.push(`group ${b.groupId} lag on ${t.topic} ${t.lag > old ? 'grew' : 'shrank'} ${old} -> ${t.lag}`);
  }
  return out;
}
