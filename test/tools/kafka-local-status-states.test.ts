// kafka-local status on one broker started with broker.rack: the rack shown; a classic group held
// in PreparingRebalance (its member never rejoins within a five-minute rebalance timeout while a
// second member's JoinGroup waits) highlighted as rebalancing, in words and in colour; every
// element of the JSON document of its documented shape (members, assignments, configs included);
// --watch --output json into a pipe, one document per line with its changes ("lag grew"); and
// --watch on a terminal of 14 rows, whose frames never outgrow the screen and keep the changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool, waitFor, type TestEngine } from '../helpers/engine';
import { conformance, kcatBatch, maskStatus, status, STATUS_SCHEMA, statusInTerminal, statusJson } from '../helpers/status';
import { createTopic, startTool, useEngine } from '../helpers/tools';
import { assignment, connect, E, join, joinFully, sync } from '../engine/coordinator-wire';

let engine: TestEngine;
const connections: any[] = [];

useEngine((e) => { engine = e; }, { 'broker.rack': 'rack-a', 'group.initial.rebalance.delay.ms': '0' });

const LONG = 300000; // session and rebalance timeouts no test outlasts

/** A classic member that joins `group` alone, takes `partitions` of `topic` as leader, and then goes quiet (no heartbeats). */
async function quietMember(group: string, topic: string, partitions: number[]): Promise<void> {
  const conn = await connect(engine.port, `${group}-a`);
  connections.push(conn);
  const joined = await joinFully(conn, { groupId: group, topics: [topic], sessionTimeoutMs: LONG, rebalanceTimeoutMs: LONG });
  expect(joined.errorCode).toBe(E.NONE);
  const synced = await sync(conn, group, joined.generationId, joined.memberId, [{ memberId: joined.memberId, assignment: assignment(topic, partitions) }]);
  expect(synced.errorCode).toBe(E.NONE);
}

beforeAll(async () => {
  await createTopic(engine, 'events', 3, { 'retention.ms': '3600000' });
  await createTopic(engine, 'plain', 1);
  await kcatBatch(engine.bootstrap, 'events', 0, ['a', 'b']);
  await kcatBatch(engine.bootstrap, 'plain', 0, ['x', 'y']);
  const reset = await runTool('kafka-consumer-groups', ['--bootstrap-server', engine.bootstrap, '--group', 'idle', '--reset-offsets',
    '--topic', 'plain', '--to-earliest', '--execute']);
  expect(reset.code, reset.stderr).toBe(0);
  // 'owner' stays Stable with its quiet member owning events 0-2.
  await quietMember('owner', 'events', [0, 1, 2]);
  // 'held': Stable with one quiet member, then a second member's JoinGroup starts a rebalance that
  // waits for the first to rejoin, which it never does within the rebalance timeout.
  await quietMember('held', 'events', [0]);
  const b = await connect(engine.port, 'held-b');
  connections.push(b);
  const bJoin = { groupId: 'held', topics: ['events'], sessionTimeoutMs: LONG, rebalanceTimeoutMs: LONG };
  const first = await join(b, bJoin);
  expect(first.errorCode).toBe(E.MEMBER_ID_REQUIRED);
  // Not awaited: the coordinator parks this JoinGroup until the first member rejoins (never).
  join(b, { ...bJoin, memberId: first.memberId }).catch(() => undefined);
  await waitFor(async () => (await statusJson(engine.bootstrap, ['--group', 'held'])).groups[0]?.state === 'PreparingRebalance', 20000, 'held rebalancing');
}, 60000);

afterAll(() => {
  for (const c of connections) c.close();
});

describe('kafka-local status: racks, rebalancing groups, every element of the JSON', () => {
  it('shows the rack a broker was started with', async () => {
    const doc = await statusJson(engine.bootstrap);
    expect(doc.cluster.brokers).toEqual([{ id: 1, host: '127.0.0.1', port: engine.port, rack: 'rack-a', alive: true, partitionsLed: expect.any(Number) }]);
    const r = await status(engine.bootstrap, ['--topic', 'plain']);
    expect(maskStatus(r.stdout).split('\n').slice(1, 3)).toEqual(['BROKER  ADDRESS          RACK    ALIVE  LEADS', '1       127.0.0.1:<port>  rack-a  yes    54']);
  });

  it('a group held in PreparingRebalance is named rebalancing, and coloured on a terminal', async () => {
    const r = await status(engine.bootstrap, ['--group', 'held', '--topic', 'none']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\nGROUP +STATE +TYPE +ASSIGNOR +MEMBERS +LAG +STATUS\nheld +PreparingRebalance +Classic +\S+ +\d+ +- +rebalancing\n/);
    const term = statusInTerminal(['--bootstrap-server', engine.bootstrap, '--group', 'held', '--topic', 'none']);
    expect(await term.exited).toBe(0);
    expect(term.output()).toMatch(/held +\x1b\[33mPreparingRebalance\x1b\[39m/);
    expect(term.output()).toContain('\x1b[33mrebalancing\x1b[39m');
  });

  it('--output json: every broker, topic, partition, config, group, member, assignment and offset of the documented shape', async () => {
    const doc = await statusJson(engine.bootstrap);
    expect(conformance(doc, STATUS_SCHEMA)).toEqual([]);
    // What the check above walked through is there to be walked.
    expect(doc.topics.find((t: any) => t.name === 'events').configs).toEqual({ 'retention.ms': '3600000' });
    const owner = doc.groups.find((g: any) => g.groupId === 'owner');
    expect(owner.members.map((m: any) => [m.clientId, m.assignment])).toEqual([['owner-a', [{ topic: 'events', partitions: [0, 1, 2] }]]]);
    expect(doc.groups.find((g: any) => g.groupId === 'idle').topics[0].partitions.length).toBe(1);
  });
});

describe('kafka-local status --watch', () => {
  it('--output json into a pipe: one document per line, each with the changes since the one before (lag grew)', async () => {
    const watch = startTool('kafka-local', ['status', '--bootstrap-server', engine.bootstrap, '--watch', '0.5', '--output', 'json', '--topic', 'plain', '--group', 'idle']);
    const lines = (): any[] => watch.stdout().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
    try {
      await waitFor(() => lines().length >= 1, 20000, 'a first frame');
      await kcatBatch(engine.bootstrap, 'plain', 0, ['z']);
      await waitFor(() => lines().some((d) => d.changes.some((c: string) => c.startsWith('group idle lag on plain grew'))), 20000,
        `lag grew in a frame; frames: ${watch.stdout()}`);
      watch.kill('SIGINT');
      expect(await watch.exited).toBe(0);
    } finally {
      watch.kill('SIGKILL');
    }
    const frames = lines();
    expect(watch.stdout().endsWith('\n')).toBe(true);
    expect(frames[0].changes).toEqual([]);
    for (const f of frames) expect(conformance(f, { ...STATUS_SCHEMA, changes: ['string'] })).toEqual([]);
    const grew = frames.find((d) => d.changes.some((c: string) => c.startsWith('group idle lag on plain grew')));
    expect(grew.changes).toEqual(expect.arrayContaining(['topic plain records +1 (3)']));
    const before = frames[frames.indexOf(grew) - 1].groups[0].totalLag;
    expect(grew.changes).toContain(`group idle lag on plain grew ${before} -> ${grew.groups[0].totalLag}`);
    expect(grew.groups[0].totalLag).toBe(3);
  });

  it('on a terminal shorter than a frame: the changes and the cluster stay, the rest is cut with a line that says so', async () => {
    const ROWS = 14;
    const term = statusInTerminal(['--bootstrap-server', engine.bootstrap, '--watch', '0.5', '--topic', 'events|plain'], { NO_COLOR: '1' }, { cols: 200, rows: ROWS });
    try {
      await term.waitFor(/frame 1 /);
      await kcatBatch(engine.bootstrap, 'events', 1, ['c']);
      await term.waitFor(/\* topic events records \+1 \(3\)/);
      term.type('\x03');
      expect(await term.exited).toBe(0);
    } finally {
      if (term.proc.exitCode === null) term.proc.kill('SIGKILL');
    }
    const frames = term.output().split('\x1b[H\x1b[2J').slice(1)
      .map((f) => f.replace(/\x1b\[\?25h\x1b\[\?1049l[\s\S]*$/, '').replace(/\^C$/, '')); // the normal screen back; the terminal's echo of Ctrl-C
    expect(frames.length).toBeGreaterThanOrEqual(2);
    for (const f of frames) expect(f.split(/\r?\n/).length, f).toBeLessThanOrEqual(ROWS);
    const changed = frames.find((f) => f.includes('* topic events records +1 (3)'))!.split(/\r?\n/);
    expect(changed[0]).toMatch(/^kafka-local status  127\.0\.0\.1:\d+  every 0\.5s  \d\d:\d\d:\d\d  frame \d+  \(Ctrl-C to quit\)$/);
    expect(changed[1]).toMatch(/^Changes since the last frame \(\d+\):$/);
    const cluster = changed.findIndex((l) => l.startsWith('Cluster '));
    expect(changed.slice(cluster + 1, cluster + 3)).toEqual(['BROKER  ADDRESS          RACK    ALIVE  LEADS', expect.stringMatching(/^1 +127\.0\.0\.1:\d+ +rack-a +yes +\d+$/)]);
    expect(changed).toHaveLength(ROWS);
    expect(changed[ROWS - 1]).toMatch(/^\.\.\. \d+ more lines \(narrow with --topic\/--group\)$/);
  });
});
