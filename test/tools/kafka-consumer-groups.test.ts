// kafka-consumer-groups against the engine: exact transcripts (stdout, stderr, exit code) of
// bin/kafka-consumer-groups for live groups made by real clients (kafkajs consumers with their
// RoundRobinAssigner, kcat -G with librdkafka's range assignor), Empty and missing groups,
// --reset-offsets in every scope and scenario (including a kafkajs consumer resuming where our
// --execute put it), --delete and --delete-offsets, and --output json.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { AssignerProtocol, Kafka, logLevel, type Consumer } from 'kafkajs';
import { ROOT, startInProcessEngine, tempDir, waitFor, type TestEngine } from '../helpers/engine';
import { expectRun, runMasked, type Result } from '../helpers/tools';

let engine: TestEngine;
let B: string[];
let kafka: Kafka;
const consumers: Consumer[] = [];
const children: ChildProcess[] = [];
const dir = tempDir('kl-cg-');

const p = (s: string | number, n: number) => String(s).padEnd(n);
const cg = (args: string[]): Promise<Result> => runMasked('kafka-consumer-groups', [...B, ...args]);
const NO_EXECUTE = 'WARN: No action will be performed as the --execute option is missing. In version 5.0, this command will require either --dry-run or --execute to be specified. You should add the --dry-run option explicitly if you are scripting this command and want to keep the current default behavior without prompting.\n';
const LOGGER = '(org.apache.kafka.tools.GroupOffsetsResetter)';

/** Kafka's offsets table for these rows (widths computed as Kafka does). */
function offsetsTable(rows: (string | number)[][]): string {
  const w = [15, 15, 10, 15, 15, 15, 15, 15];
  for (const r of rows) for (const i of [0, 1, 6, 7]) w[i] = Math.max(w[i], String(r[i]).length);
  const line = (r: (string | number)[]) => r.slice(0, 8).map((v, i) => p(v, w[i])).join(' ') + ` ${r[8]}\n`;
  return '\n' + line(['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID', 'HOST', 'CLIENT-ID']) + rows.map(line).join('');
}

/** Kafka's reset table: GROUP as wide as the longest group of the result, TOPIC as the longest topic (min 15). */
function resetTable(rows: (string | number)[][], groups: string[] = [...new Set(rows.map((r) => String(r[0])))]): string {
  const g = Math.max(15, ...groups.map((x) => x.length));
  const t = Math.max(15, ...rows.map((r) => String(r[1]).length));
  const line = (r: (string | number)[]) => `\n${p(r[0], g)} ${p(r[1], t)} ${p(r[2], 10)} ${r[3]}`;
  return line(['GROUP', 'TOPIC', 'PARTITION', 'NEW-OFFSET']) + rows.map(line).join('') + '\n';
}

/** Kafka's state table (--describe --state) of one group. */
function stateTable(group: string, strategy: string, state: string, members: number): string {
  const line = (v: (string | number)[]) => `\n${p(v[0], Math.max(15, group.length))} ${p(v[1], 25)} ${p(v[2], 20)} ${p(v[3], 20)} ${v[4]}`;
  return line(['GROUP', 'COORDINATOR (ID)', 'ASSIGNMENT-STRATEGY', 'STATE', '#MEMBERS'])
    + line([group, `127.0.0.1:${engine.port}  (1)`, strategy === '' ? '-' : strategy, state, members]) + '\n';
}

/** Kafka's delete-offsets table. */
function deleteOffsetsTable(rows: (string | number)[][]): string {
  const t = Math.max(15, ...rows.map((r) => String(r[0]).length));
  const line = (r: (string | number)[]) => `\n${p(r[0], t)} ${p(r[1], 10)} ${p(r[2], 15)}`;
  return line(['TOPIC', 'PARTITION', 'STATUS']) + rows.map(line).join('') + '\n';
}

/** What the tool prints for a group the coordinator does not know (Kafka 4.x brokers: GROUP_ID_NOT_FOUND). */
const notFound = (g: string): [string, string] => [
  `\nError: Executing consumer group command failed due to org.apache.kafka.common.errors.GroupIdNotFoundException: Group ${g} not found.\n`,
  `java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.GroupIdNotFoundException: Group ${g} not found.\n`,
];

const MEMBERS_VERBOSE = `${p('CURRENT-EPOCH', 15)} ${p('CURRENT-ASSIGNMENT', 20)} ${p('TARGET-EPOCH', 15)} ${p('TARGET-ASSIGNMENT', 20)}`;

interface Member { memberId: string; clientId: string; host: string; partitions: number[] }

/** The group's members as kafkajs's admin sees them (assignment decoded with kafkajs). */
async function membersOf(groupId: string, topic: string): Promise<{ state: string; protocol: string; members: Member[] }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const g = (await admin.describeGroups([groupId])).groups[0];
    return {
      state: g.state,
      protocol: g.protocol,
      members: g.members.map((m) => {
        const a = m.memberAssignment.length > 0 ? AssignerProtocol.MemberAssignment.decode(m.memberAssignment) : null;
        return { memberId: m.memberId, clientId: m.clientId, host: m.clientHost, partitions: [...(a?.assignment[topic] ?? [])].sort((x, y) => x - y) };
      }),
    };
  } finally {
    await admin.disconnect();
  }
}

async function committed(groupId: string, topic: string): Promise<Map<number, string>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const o = await admin.fetchOffsets({ groupId, topics: [topic] });
    return new Map(o[0].partitions.map((x) => [x.partition, x.offset]));
  } finally {
    await admin.disconnect();
  }
}

function kcat(args: string[]): ChildProcess {
  const c = spawn('kcat', ['-b', engine.bootstrap, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  c.stdout!.resume();
  c.stderr!.resume();
  children.push(c);
  return c;
}

async function kjsConsumer(groupId: string, topic: string, clientId: string, seen?: string[]): Promise<Consumer> {
  const k = new Kafka({ clientId, brokers: [engine.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 100 } });
  const c = k.consumer({ groupId, sessionTimeout: 10000, heartbeatInterval: 300, rebalanceTimeout: 20000, maxWaitTimeInMs: 100 });
  consumers.push(c);
  await c.connect();
  await c.subscribe({ topics: [topic], fromBeginning: true });
  await c.run({ autoCommitInterval: 100, eachMessage: async ({ partition, message }) => { seen?.push(`${partition}:${message.offset}:${message.value}`); } });
  return c;
}

beforeAll(async () => {
  engine = await startInProcessEngine();
  B = ['--bootstrap-server', engine.bootstrap];
  kafka = new Kafka({ clientId: 'cg-setup', brokers: [engine.bootstrap], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 3 }, { topic: 'other', numPartitions: 1 }, { topic: 'resume', numPartitions: 2 }] });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: 'orders', messages: [...Array.from({ length: 5 }, (_, i) => ({ value: `a${i}`, partition: 0 })), ...Array.from({ length: 3 }, (_, i) => ({ value: `b${i}`, partition: 1 }))] });
  await producer.send({ topic: 'other', messages: [{ value: 'x' }, { value: 'y' }] });
  await producer.send({ topic: 'resume', messages: Array.from({ length: 4 }, (_, i) => ({ value: `r${i}`, partition: 0 })) });
  await producer.disconnect();
  // A group made by kcat (librdkafka): reads everything, commits on exit, leaves the group Empty.
  const done = kcat(['-G', 'kcat-done', 'orders', '-o', 'beginning', '-e', '-q']);
  const code = await new Promise((r) => done.on('close', r));
  expect(code).toBe(0);
  await waitFor(async () => (await committed('kcat-done', 'orders')).get(0) === '5', 15000, 'kcat commits');
}, 60000);

afterAll(async () => {
  for (const c of consumers) await c.disconnect().catch(() => undefined);
  for (const c of children) c.kill('SIGKILL');
  await engine?.stop();
});

describe('--describe', () => {
  it('an Empty group made by kcat -G: note on stderr, its committed offsets with "-" for members', async () => {
    expectRun(await cg(['--describe', '--group', 'kcat-done']), 0,
      offsetsTable([['kcat-done', 'orders', 0, 5, 5, 0, '-', '-', '-'], ['kcat-done', 'orders', 1, 3, 3, 0, '-', '-', '-']]),
      "\nConsumer group 'kcat-done' has no active members.\n");
    // --members: Kafka 4.x prints the header even for a group without members.
    expectRun(await cg(['--describe', '--group', 'kcat-done', '--members']), 0,
      `\n${p('GROUP', 15)} ${p('CONSUMER-ID', 15)} ${p('HOST', 15)} ${p('CLIENT-ID', 15)} ${p('#PARTITIONS', 15)} \n`, "\nConsumer group 'kcat-done' has no active members.\n");
    expectRun(await cg(['--describe', '--group', 'kcat-done', '--state']), 0, stateTable('kcat-done', '', 'Empty', 0), "\nConsumer group 'kcat-done' has no active members.\n");
  });

  it('a group that does not exist: GROUP_ID_NOT_FOUND from the coordinator fails the describe', async () => {
    expectRun(await cg(['--describe', '--group', 'nosuch']), 0, ...notFound('nosuch'));
    expectRun(await cg(['--describe', '--group', 'nosuch', '--members', '--verbose']), 0, ...notFound('nosuch'));
    expectRun(await cg(['--describe', '--group', 'nosuch', '--state']), 0, ...notFound('nosuch'));
  });

  it('a live kafkajs group (RoundRobinAssigner): commits made by kafkajs, members, assignments, state', async () => {
    await kjsConsumer('kjs-live', 'orders', 'cg-kjs');
    await kjsConsumer('kjs-live', 'orders', 'cg-kjs');
    const g = await waitFor(async () => {
      const d = await membersOf('kjs-live', 'orders');
      const c = await committed('kjs-live', 'orders');
      return d.state === 'Stable' && d.members.length === 2 && d.members.every((m) => m.partitions.length > 0) && c.get(0) === '5' && c.get(1) === '3' ? d : undefined;
    }, 30000, 'kjs-live stable with commits');
    expect(g.protocol).toBe('RoundRobinAssigner');
    const ordered = [...g.members].sort((a, b) => b.partitions.length - a.partitions.length);
    const leo = [5, 3, 0];
    const cur = ['5', '3', '-'];
    const lag = ['0', '0', '-'];
    const rows = ordered.flatMap((m) => m.partitions.map((q) => ['kjs-live', 'orders', q, cur[q], leo[q], lag[q], m.memberId, '/127.0.0.1', 'cg-kjs']));
    expectRun(await cg(['--describe', '--group', 'kjs-live']), 0, offsetsTable(rows));
    expectRun(await cg(['--describe', '--group', 'kjs-live', '--offsets']), 0, offsetsTable(rows));

    const idw = Math.max(15, ...g.members.map((m) => m.memberId.length));
    const mline = (v: (string | number)[]) => `${p(v[0], 15)} ${p(v[1], idw)} ${p(v[2], 15)} ${p(v[3], 15)} ${p(v[4], 15)} `;
    const membersHeader = '\n' + mline(['GROUP', 'CONSUMER-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS']);
    expectRun(await cg(['--describe', '--group', 'kjs-live', '--members']), 0,
      membersHeader + '\n' + g.members.map((m) => mline(['kjs-live', m.memberId, '/127.0.0.1', 'cg-kjs', m.partitions.length]) + '\n').join(''));
    const epochs = (a: string) => `${p('-', 15)} ${p(a, 20)} ${p('-', 15)} ${p('-', 20)}`;
    expectRun(await cg(['--describe', '--group', 'kjs-live', '--members', '--verbose']), 0,
      membersHeader + MEMBERS_VERBOSE + '\n' + g.members.map((m) => mline(['kjs-live', m.memberId, '/127.0.0.1', 'cg-kjs', m.partitions.length]) + epochs(`orders:${m.partitions.join(',')}`) + '\n').join(''));

    expectRun(await cg(['--describe', '--group', 'kjs-live', '--state']), 0, stateTable('kjs-live', 'RoundRobinAssigner', 'Stable', 2));

    // Several groups: sorted by id, each with its own status line and table.
    expectRun(await cg(['--describe', '--group', 'kjs-live', '--group', 'kcat-done']), 0,
      offsetsTable([['kcat-done', 'orders', 0, 5, 5, 0, '-', '-', '-'], ['kcat-done', 'orders', 1, 3, 3, 0, '-', '-', '-']]) + offsetsTable(rows),
      "\nConsumer group 'kcat-done' has no active members.\n");
    // One unknown group among them fails the whole describe.
    expectRun(await cg(['--describe', '--group', 'nosuch', '--group', 'kjs-live']), 0, ...notFound('nosuch'));

    // JSON view of the same.
    // (--output json reports an unknown group in the document rather than failing.)
    const json = await cg(['--describe', '--group', 'kjs-live', '--group', 'nosuch', '--output', 'json']);
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toEqual({
      groups: [
        {
          group: 'kjs-live', state: 'Stable', error: null,
          offsets: rows.map((r) => ({
            topic: 'orders', partition: r[2], currentOffset: r[3] === '-' ? null : Number(r[3]), logEndOffset: r[4],
            lag: r[5] === '-' ? null : Number(r[5]), consumerId: r[6], host: '/127.0.0.1', clientId: 'cg-kjs',
          })),
        },
        { group: 'nosuch', state: 'Dead', error: "Consumer group 'nosuch' does not exist." },
      ],
    });
    const jm = JSON.parse((await cg(['--describe', '--group', 'kjs-live', '--members', '--verbose', '--output', 'json'])).stdout);
    expect(jm.groups[0].members).toEqual(g.members.map((m) => ({
      consumerId: m.memberId, groupInstanceId: null, host: '/127.0.0.1', clientId: 'cg-kjs', partitions: m.partitions.length,
      assignment: m.partitions.map((q) => ({ topic: 'orders', partition: q })),
    })));
    const js = JSON.parse((await cg(['--describe', '--group', 'kjs-live', '--state', '--output', 'json'])).stdout);
    expect(js).toEqual({ groups: [{ group: 'kjs-live', state: 'Stable', error: null, coordinator: { id: 1, host: '127.0.0.1', port: engine.port }, assignmentStrategy: 'RoundRobinAssigner', members: 2 }] });

    // An active group cannot be reset; the header is still printed.
    expectRun(await cg(['--reset-offsets', '--group', 'kjs-live', '--all-topics', '--to-earliest', '--execute']), 0,
      "\nError: Assignments can only be reset if the group 'kjs-live' is inactive, but the current state is Stable.\n" + resetTable([], ['kjs-live']));
    // Nor deleted, nor can its offsets of a subscribed topic be deleted.
    expectRun(await cg(['--delete', '--group', 'kjs-live']), 0,
      "\nError: Deletion of some consumer groups failed:\n* Group 'kjs-live' could not be deleted due to: org.apache.kafka.common.errors.GroupNotEmptyException: The group is not empty.\n");
    const subscribed = 'Error: org.apache.kafka.common.errors.GroupSubscribedToTopicException: Deleting offsets of a topic is forbidden while the consumer group is actively subscribed to it.';
    expectRun(await cg(['--delete-offsets', '--group', 'kjs-live', '--topic', 'orders:0,1']), 0,
      '\nError: Encountered some partition-level error, see the follow-up details.\n' + deleteOffsetsTable([['orders', 0, subscribed], ['orders', 1, subscribed]]));
  }, 60000);

  it('a live kcat -G group (librdkafka, range assignor)', async () => {
    kcat(['-G', 'kcat-live', 'other', '-q']);
    const g = await waitFor(async () => {
      const d = await membersOf('kcat-live', 'other');
      return d.state === 'Stable' && d.members.length === 1 && d.members[0].partitions.length === 1 ? d : undefined;
    }, 30000, 'kcat-live stable');
    const m = g.members[0];
    expect(m.clientId).toBe('rdkafka');
    expectRun(await cg(['--describe', '--group', 'kcat-live', '--state']), 0, stateTable('kcat-live', 'range', 'Stable', 1));
    const idw = Math.max(15, m.memberId.length);
    const mline = (v: (string | number)[]) => `${p(v[0], 15)} ${p(v[1], idw)} ${p(v[2], 15)} ${p(v[3], 15)} ${p(v[4], 15)} `;
    expectRun(await cg(['--describe', '--group', 'kcat-live', '--members', '--verbose']), 0,
      `\n${mline(['GROUP', 'CONSUMER-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS'])}${MEMBERS_VERBOSE}\n${mline(['kcat-live', m.memberId, '/127.0.0.1', 'rdkafka', 1])}`
      + `${p('-', 15)} ${p('other:0', 20)} ${p('-', 15)} ${p('-', 20)}\n`);
  }, 60000);
});

describe('--list', () => {
  it('ids, --state, --state filters, --type, json', async () => {
    // Java's HashMap order of the ids (as Kafka's admin client collects them), whatever the broker's order.
    expectRun(await cg(['--list']), 0, 'kcat-done\nkcat-live\nkjs-live\n');
    const w = 25;
    expectRun(await cg(['--list', '--state']), 0,
      `${p('GROUP', w)} ${p('STATE', 20)}\n${p('kcat-done', w)} ${p('Empty', 20)}\n${p('kcat-live', w)} ${p('Stable', 20)}\n${p('kjs-live', w)} ${p('Stable', 20)}\n`);
    expectRun(await cg(['--list', '--state', 'empty']), 0, `${p('GROUP', w)} ${p('STATE', 20)}\n${p('kcat-done', w)} ${p('Empty', 20)}\n`);
    expectRun(await cg(['--list', '--state', 'Dead,PreparingRebalance']), 0, `${p('GROUP', w)} ${p('STATE', 20)}\n`);
    expectRun(await cg(['--list', '--type', 'classic', '--state', 'stable']), 0,
      `${p('GROUP', w)} ${p('TYPE', 20)} ${p('STATE', 20)}\n${p('kcat-live', w)} ${p('Classic', 20)} ${p('Stable', 20)}\n${p('kjs-live', w)} ${p('Classic', 20)} ${p('Stable', 20)}\n`);
    expectRun(await cg(['--list', '--type', 'consumer']), 0, `${p('GROUP', w)} ${p('TYPE', 20)}\n`);
    // A missing --command-config: createAdminClient's IOException wrapped in a RuntimeException.
    const missing = path.join(dir, 'missing.properties');
    expectRun(await cg(['--list', '--command-config', missing]), 0,
      `\nError: Executing consumer group command failed due to java.nio.file.NoSuchFileException: ${missing}\n`,
      `java.lang.RuntimeException: java.nio.file.NoSuchFileException: ${missing}\n`);
    // Kafka 4.4 lists consumer groups only (classic, consumer): share is not a type here.
    for (const types of ['share', 'classic,bogus']) {
      const badType = await cg(['--list', '--type', types]);
      expect({ code: badType.code, stdout: badType.stdout, line: badType.stderr.split('\n')[0] }).toEqual({
        code: 1, stdout: '', line: `Invalid types list '${types}'. Valid types are: Consumer, Classic`,
      });
    }
    expectRun(await cg(['--describe', '--all-groups', '--state']), 0,
      stateTable('kcat-done', '', 'Empty', 0) + stateTable('kcat-live', 'range', 'Stable', 1) + stateTable('kjs-live', 'RoundRobinAssigner', 'Stable', 2),
      "\nConsumer group 'kcat-done' has no active members.\n");
    const bad = await cg(['--list', '--state', 'stable,bogus']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.split('\n')[0]).toBe("Invalid state list 'stable,bogus'. Valid states are: PreparingRebalance, CompletingRebalance, Stable, Dead, Empty, Assigning, Reconciling");
    const json = await cg(['--list', '--output', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ groups: [
      { group: 'kcat-done', state: 'Empty', type: 'Classic' },
      { group: 'kcat-live', state: 'Stable', type: 'Classic' },
      { group: 'kjs-live', state: 'Stable', type: 'Classic' },
    ] });
  });
});

describe('--reset-offsets', () => {
  it('dry run (the default, with its warning) in every scope; nothing is committed', async () => {
    expectRun(await cg(['--reset-offsets', '--group', 'kcat-done', '--all-topics', '--to-earliest']), 0,
      resetTable([['kcat-done', 'orders', 0, 0], ['kcat-done', 'orders', 1, 0]]), NO_EXECUTE);
    expectRun(await cg(['--reset-offsets', '--group', 'kcat-done', '--topic', 'orders', '--to-earliest', '--dry-run']), 0,
      resetTable([['kcat-done', 'orders', 0, 0], ['kcat-done', 'orders', 1, 0], ['kcat-done', 'orders', 2, 0]]));
    expectRun(await cg(['--reset-offsets', '--group', 'kcat-done', '--topic', 'orders:0,2', '--topic', 'other', '--to-latest', '--dry-run']), 0,
      // Rows in Kafka's HashMap order of the partitions (other-0 hashes first), as Java prints them.
      resetTable([['kcat-done', 'other', 0, 2], ['kcat-done', 'orders', 0, 5], ['kcat-done', 'orders', 2, 0]]));
    // --to-current: the committed offset, or the log end where there is none.
    expectRun(await cg(['--reset-offsets', '--group', 'kcat-done', '--topic', 'orders', '--topic', 'other', '--to-current', '--dry-run']), 0,
      resetTable([['kcat-done', 'other', 0, 2], ['kcat-done', 'orders', 0, 5], ['kcat-done', 'orders', 1, 3], ['kcat-done', 'orders', 2, 0]]));
    expectRun(await cg(['--describe', '--group', 'kcat-done']), 0,
      offsetsTable([['kcat-done', 'orders', 0, 5, 5, 0, '-', '-', '-'], ['kcat-done', 'orders', 1, 3, 3, 0, '-', '-', '-']]),
      "\nConsumer group 'kcat-done' has no active members.\n");
  });

  it('--to-offset and --shift-by are kept within the log, with Kafka\'s warnings', async () => {
    expectRun(await cg(['--reset-offsets', '--group', 'kcat-done', '--all-topics', '--to-offset', '4', '--dry-run']), 0,
      resetTable([['kcat-done', 'orders', 0, 4], ['kcat-done', 'orders', 1, 3]]),
      `[<ts>] WARN New offset (4) is higher than latest offset for topic partition orders-1. Value will be set to 3. ${LOGGER}\n`);
    expectRun(await cg(['--reset-offsets', '--group', 'kcat-done', '--all-topics', '--shift-by', '-4', '--dry-run']), 0,
      resetTable([['kcat-done', 'orders', 0, 1], ['kcat-done', 'orders', 1, 0]]),
      `[<ts>] WARN New offset (-1) is lower than earliest offset for topic partition orders-1. Value will be set to 0. ${LOGGER}\n`);
    const r = await cg(['--reset-offsets', '--group', 'kcat-done', '--topic', 'orders:2', '--shift-by', '1', '--dry-run']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('Cannot shift offset for partition orders-2 since there is no current committed offset');
  });

  it('--to-datetime and --by-duration (partitions with nothing after the time fall back to the end)', async () => {
    const warnEmpty = (q: number, t = 'orders') => `\nWarn: Partition ${q} from topic ${t} is empty. Falling back to latest known offset.\n`;
    expectRun(await cg(['--reset-offsets', '--group', 'kcat-done', '--all-topics', '--to-datetime', '2000-01-01T00:00:00.000', '--dry-run']), 0,
      resetTable([['kcat-done', 'orders', 0, 0], ['kcat-done', 'orders', 1, 0]]));
    expectRun(await cg(['--reset-offsets', '--group', 'kcat-done', '--all-topics', '--to-datetime', '2999-01-01T00:00:00.000+01:00', '--dry-run']), 0,
      warnEmpty(0) + warnEmpty(1) + resetTable([['kcat-done', 'orders', 0, 5], ['kcat-done', 'orders', 1, 3]]));
    expectRun(await cg(['--reset-offsets', '--group', 'kcat-done', '--topic', 'orders', '--by-duration', 'P1D', '--dry-run']), 0,
      warnEmpty(2) + resetTable([['kcat-done', 'orders', 0, 0], ['kcat-done', 'orders', 1, 0], ['kcat-done', 'orders', 2, 0]]));
    expectRun(await cg(['--reset-offsets', '--group', 'kcat-done', '--all-topics', '--to-datetime', '2000-01-01', '--dry-run']), 0,
      "\nError: Executing consumer group command failed due to java.text.ParseException: Error parsing timestamp. It does not contain a 'T' according to ISO8601 format\n",
      "java.lang.RuntimeException: java.text.ParseException: Error parsing timestamp. It does not contain a 'T' according to ISO8601 format\n");
    expectRun(await cg(['--reset-offsets', '--group', 'kcat-done', '--all-topics', '--by-duration', '1d', '--dry-run']), 0,
      '\nError: Executing consumer group command failed due to Text cannot be parsed to a Duration\n',
      'java.time.format.DateTimeParseException: Text cannot be parsed to a Duration\n');
  });

  it('--export writes CSV that --from-file reads back; several groups get a group column', async () => {
    const csv = await cg(['--reset-offsets', '--group', 'kcat-done', '--all-topics', '--shift-by', '-2', '--export', '--dry-run']);
    expectRun(csv, 0, 'orders,0,3\norders,1,1\n\n');
    const file = path.join(dir, 'plan.csv');
    fs.writeFileSync(file, csv.stdout);
    expectRun(await cg(['--reset-offsets', '--group', 'kcat-done', '--from-file', file, '--dry-run']), 0,
      resetTable([['kcat-done', 'orders', 0, 3], ['kcat-done', 'orders', 1, 1]]));
    expectRun(await cg(['--reset-offsets', '--group', 'kcat-done', '--group', 'fresh', '--topic', 'other', '--to-earliest', '--export', '--dry-run']), 0,
      // Groups in Kafka's HashMap order of their ids (not sorted).
      'kcat-done,other,0,0\nfresh,other,0,0\n\n');
    const multi = path.join(dir, 'multi.csv');
    fs.writeFileSync(multi, 'kcat-done,orders,0,9\nfresh,other,0,1\n');
    expectRun(await cg(['--reset-offsets', '--group', 'kcat-done', '--group', 'absent', '--from-file', multi, '--dry-run']), 0,
      '\nError: No reset plan for group absent found.\n' + resetTable([['kcat-done', 'orders', 0, 5]], ['kcat-done', 'absent']),
      `[<ts>] WARN New offset (9) is higher than latest offset for topic partition orders-0. Value will be set to 5. ${LOGGER}\n`);
    // Two groups and a topic,partition,offset file: read as group,topic,partition,offset (the
    // offset column missing is 0), so neither group has a plan.
    expectRun(await cg(['--reset-offsets', '--group', 'kcat-done', '--group', 'absent', '--from-file', file, '--dry-run']), 0,
      '\nError: No reset plan for group kcat-done found.\n\nError: No reset plan for group absent found.\n' + resetTable([], ['kcat-done', 'absent']));
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'kcat-done,orders,x,1\n');
    expectRun(await cg(['--reset-offsets', '--group', 'kcat-done', '--from-file', bad, '--dry-run']), 0,
      '\nError: Executing consumer group command failed due to com.fasterxml.jackson.databind.exc.InvalidFormatException: Cannot deserialize value of type `int` from String "x": not a valid `int` value\n',
      'java.lang.RuntimeException: com.fasterxml.jackson.databind.exc.InvalidFormatException: Cannot deserialize value of type `int` from String "x": not a valid `int` value\n');
  });

  it('--execute moves where a kafkajs consumer resumes; a new group (Dead) can be reset too', async () => {
    const seen: string[] = [];
    const first = await kjsConsumer('resumer', 'resume', 'cg-resume', seen);
    await waitFor(async () => seen.length === 4 && (await committed('resumer', 'resume')).get(0) === '4', 30000, 'first pass committed');
    await first.disconnect();
    await waitFor(async () => (await membersOf('resumer', 'resume')).state === 'Empty', 15000, 'resumer empty');
    expectRun(await cg(['--reset-offsets', '--group', 'resumer', '--topic', 'resume:0', '--to-offset', '1', '--execute']), 0,
      resetTable([['resumer', 'resume', 0, 1]]));
    expectRun(await cg(['--describe', '--group', 'resumer']), 0,
      offsetsTable([['resumer', 'resume', 0, 1, 4, 3, '-', '-', '-']]), "\nConsumer group 'resumer' has no active members.\n");
    seen.length = 0;
    await kjsConsumer('resumer', 'resume', 'cg-resume', seen);
    await waitFor(() => seen.length === 3, 30000, 'resumed from offset 1');
    expect(seen).toEqual(['0:1:r1', '0:2:r2', '0:3:r3']);

    expectRun(await cg(['--reset-offsets', '--group', 'made-by-reset', '--topic', 'orders', '--to-latest', '--execute']), 0,
      resetTable([['made-by-reset', 'orders', 0, 5], ['made-by-reset', 'orders', 1, 3], ['made-by-reset', 'orders', 2, 0]]));
    expectRun(await cg(['--describe', '--group', 'made-by-reset']), 0,
      offsetsTable([['made-by-reset', 'orders', 0, 5, 5, 0, '-', '-', '-'], ['made-by-reset', 'orders', 1, 3, 3, 0, '-', '-', '-'], ['made-by-reset', 'orders', 2, 0, 0, 0, '-', '-', '-']]),
      "\nConsumer group 'made-by-reset' has no active members.\n");
  }, 60000);

  it('usage errors found while resetting', async () => {
    const first = async (args: string[], line: string, stdout = '') => {
      const r = await cg(args);
      expect({ code: r.code, stdout: r.stdout, line: r.stderr.split('\n')[0] }).toEqual({ code: 1, stdout, line });
    };
    await first(['--reset-offsets', '--group', 'kcat-done', '--to-earliest', '--dry-run'], 'One of the reset scopes should be defined: --all-topics, --topic.');
    await first(['--reset-offsets', '--group', 'kcat-done', '--all-topics', '--dry-run'],
      "Option '[reset-offsets]' requires one of the following scenarios: [[to-offset], [to-current], [to-datetime], [from-file], [by-duration], [to-earliest], [to-latest], [shift-by]]");
    // (Kafka lists a Set.of there, whose order changes from run to run; ours is one fixed order.)
    await first(['--reset-offsets', '--group', 'kcat-done', '--topic', 'orders:0,x', '--to-earliest', '--dry-run'], "Invalid partition 'x' specified in topic arg 'orders:0,x'");
    // An unknown topic: describeTopics' cause rethrown as it is.
    expectRun(await cg(['--reset-offsets', '--group', 'kcat-done', '--topic', 'nosuch', '--to-earliest', '--dry-run']), 0,
      '\nError: Executing consumer group command failed due to This server does not host this topic-partition.\n',
      'org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does not host this topic-partition.\n');
    // Named partitions are checked first (checkAllTopicPartitionsValid): their topics must exist
    // (describeTopics, wrapped) and have them.
    expectRun(await cg(['--reset-offsets', '--group', 'kcat-done', '--topic', 'nosuch:0', '--topic', 'orders:1', '--to-earliest', '--dry-run']), 0,
      '\nError: Executing consumer group command failed due to java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does not host this topic-partition.\n',
      'java.lang.RuntimeException: java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does not host this topic-partition.\n');
    expectRun(await cg(['--reset-offsets', '--group', 'kcat-done', '--topic', 'orders:7', '--topic', 'orders:9', '--to-offset', '1', '--dry-run']), 0,
      '\nError: Executing consumer group command failed due to The partitions "orders-7,orders-9" do not exist\n',
      'org.apache.kafka.common.errors.UnknownTopicOrPartitionException: The partitions "orders-7,orders-9" do not exist\n');
  });
});

describe('--delete and --delete-offsets', () => {
  it('deletes offsets of an Empty group; reports unknown topics and groups', async () => {
    expectRun(await cg(['--delete-offsets', '--group', 'made-by-reset', '--topic', 'orders:2', '--topic', 'nosuch']), 0,
      'Request succeeded for deleting offsets from group made-by-reset.\n'
      + deleteOffsetsTable([['nosuch', '-', 'Error: org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does not host this topic-partition.'], ['orders', 2, 'Successful']]));
    expectRun(await cg(['--describe', '--group', 'made-by-reset']), 0,
      offsetsTable([['made-by-reset', 'orders', 0, 5, 5, 0, '-', '-', '-'], ['made-by-reset', 'orders', 1, 3, 3, 0, '-', '-', '-']]),
      "\nConsumer group 'made-by-reset' has no active members.\n");
    expectRun(await cg(['--delete-offsets', '--group', 'nosuch', '--topic', 'other']), 0,
      '\nError: The group id does not exist.\n' + deleteOffsetsTable([['other', 0, 'Error: org.apache.kafka.common.errors.GroupIdNotFoundException: The group id does not exist.']]));
  });

  it('deletes Empty groups; reports the ones that cannot be deleted', async () => {
    expectRun(await cg(['--delete', '--group', 'made-by-reset', '--group', 'nosuch']), 0,
      "\nError: Deletion of some consumer groups failed:\n* Group 'nosuch' could not be deleted due to: org.apache.kafka.common.errors.GroupIdNotFoundException: The group id does not exist.\n"
      + "\nThese consumer groups were deleted successfully: 'made-by-reset'\n");
    expectRun(await cg(['--delete', '--group', 'kcat-done']), 0, "Deletion of requested consumer groups ('kcat-done') was successful.\n");
    expectRun(await cg(['--describe', '--group', 'kcat-done']), 0, ...notFound('kcat-done'));
  });
});

describe('connection failures', () => {
  it('an unreachable broker: the admin call times out after --timeout', async () => {
    const r = await runMasked('kafka-consumer-groups', ['--bootstrap-server', '127.0.0.1:1', '--describe', '--group', 'g', '--timeout', '300']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('\nError: Executing consumer group command failed due to org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: describeConsumerGroups(api=FIND_COORDINATOR)\n');
    expect(r.stderr).toContain('WARN [AdminClient clientId=adminclient-1] Connection to node -1 (/127.0.0.1:1) could not be established. Node may not be available. (org.apache.kafka.clients.NetworkClient)\n');
    expect(r.stderr.endsWith('java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: describeConsumerGroups(api=FIND_COORDINATOR)\n')).toBe(true);
    // --list: Kafka's admin fails to find the brokers; --command-config names the client.
    const config = path.join(dir, 'admin.properties');
    fs.writeFileSync(config, 'client.id=my-admin\n');
    const l = await runMasked('kafka-consumer-groups', ['--bootstrap-server', '127.0.0.1:1', '--list', '--timeout', '300', '--command-config', config]);
    expect(l.code).toBe(0);
    expect(l.stdout).toBe('\nError: Executing consumer group command failed due to java.util.concurrent.ExecutionException: org.apache.kafka.common.KafkaException: Failed to find brokers to send ListGroups\n');
    expect(l.stderr).toContain('WARN [AdminClient clientId=my-admin] Connection to node -1 (/127.0.0.1:1) could not be established.');
    expect(l.stderr.endsWith('java.lang.RuntimeException: java.util.concurrent.ExecutionException: org.apache.kafka.common.KafkaException: Failed to find brokers to send ListGroups\n')).toBe(true);
    // --delete-offsets: describeTopics fails within --timeout (the topic's row), then OffsetDelete
    // times out too: Errors.forException(TimeoutException) is REQUEST_TIMED_OUT.
    const started = Date.now();
    const d = await runMasked('kafka-consumer-groups', ['--bootstrap-server', '127.0.0.1:1', '--delete-offsets', '--group', 'g', '--topic', 't', '--timeout', '300']);
    expect(Date.now() - started).toBeLessThan(20000);
    expect(d.code).toBe(0);
    expect(d.stdout).toBe('\nError: Encountered some unknown error: REQUEST_TIMED_OUT\n'
      + deleteOffsetsTable([['t', '-', 'Error: org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: describeTopicPartitions']]));
  });
});

describe('a rebalancing group', () => {
  it('warns on stderr; a static member adds the GROUP-INSTANCE-ID column', async () => {
    /* eslint-disable @typescript-eslint/no-var-requires */
    const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
    const { encodeSubscription } = require(path.join(ROOT, 'dist/protocol/consumer-protocol'));
    /* eslint-enable @typescript-eslint/no-var-requires */
    const conn = new BrokerConnection('127.0.0.1', engine.port, 'raw-client');
    await conn.connect();
    try {
      const fc = await conn.send(10, { key: 'rebal', keyType: 0 });
      expect(fc.errorCode).toBe(0);
      // The leader's JoinGroup completes; the group then waits for its SyncGroup (CompletingRebalance).
      const join = {
        groupId: 'rebal', sessionTimeoutMs: 30000, rebalanceTimeoutMs: 30000, memberId: '', groupInstanceId: 'static-1',
        protocolType: 'consumer', protocols: [{ name: 'range', metadata: encodeSubscription({ topics: ['orders'] }) }],
      };
      let r = await conn.send(11, join);
      if (r.errorCode === 79) r = await conn.send(11, { ...join, memberId: r.memberId }); // MEMBER_ID_REQUIRED
      expect(r.errorCode).toBe(0);
      const warning = "\nWarning: Consumer group 'rebal' is rebalancing.\n";
      expectRun(await cg(['--describe', '--group', 'rebal']), 0, '', warning);
      const idw = Math.max(15, r.memberId.length);
      const line = (v: string[]) => `${p(v[0], 15)} ${p(v[1], idw)} ${p(v[2], 17)} ${p(v[3], 15)} ${p(v[4], 15)} ${p(v[5], 15)} `;
      expectRun(await cg(['--describe', '--group', 'rebal', '--members', '--verbose']), 0,
        `\n${line(['GROUP', 'CONSUMER-ID', 'GROUP-INSTANCE-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS'])}${MEMBERS_VERBOSE}\n${line(['rebal', r.memberId, 'static-1', '/127.0.0.1', 'raw-client', '0'])}`
        + `${p('-', 15)} ${p('-', 20)} ${p('-', 15)} ${p('-', 20)}\n`,
        warning);
      expectRun(await cg(['--describe', '--group', 'rebal', '--state']), 0, stateTable('rebal', '', 'CompletingRebalance', 1), warning);
      expectRun(await cg(['--reset-offsets', '--group', 'rebal', '--topic', 'orders', '--to-earliest', '--dry-run']), 0,
        "\nError: Assignments can only be reset if the group 'rebal' is inactive, but the current state is CompletingRebalance.\n" + resetTable([], ['rebal']));

      // A group of another protocol type (Kafka Connect's) is not a consumer group: not listed, not described.
      const connect = await conn.send(11, { ...join, groupId: 'connect-grp', groupInstanceId: null, protocolType: 'connect', protocols: [{ name: 'sessioned', metadata: Buffer.alloc(0) }] });
      if (connect.errorCode === 79) expect((await conn.send(11, { ...join, groupId: 'connect-grp', groupInstanceId: null, memberId: connect.memberId, protocolType: 'connect', protocols: [{ name: 'sessioned', metadata: Buffer.alloc(0) }] })).errorCode).toBe(0);
      expect((await cg(['--list'])).stdout).not.toContain('connect-grp');
      const message = 'java.lang.IllegalArgumentException: GroupId connect-grp is not a consumer group (connect).';
      expectRun(await cg(['--describe', '--group', 'connect-grp']), 0,
        `\nError: Executing consumer group command failed due to ${message}\n`, `java.util.concurrent.ExecutionException: ${message}\n`);
    } finally {
      conn.close();
    }
  });
});
