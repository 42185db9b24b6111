// One failover script (issue 10, "Semantics as Apache Kafka") run on two 3-broker clusters at
// once: Kafka 4.4 (three brokers beside a dedicated controller) and ours (three broker processes
// sharing a metadata store, test/helpers/cluster.ts), with OUR tools on both. Topics RF 3, RF 1
// and RF 3 with min.insync.replicas=2; kill -9 of broker 2, then of broker 3; the console
// producer with acks=all and acks=1; brokers 3 and 2 restarted. Both clusters use Kafka's default
// liveness (broker.session.timeout.ms 9 s, heartbeats every 2 s, replica.lag.time.max.ms 30 s).
//
// Kafka's placer starts at a random broker, so partition numbers and broker ids are not
// compared: each partition line is rewritten relative to its own replica list (r0 = first
// replica, "(down)" = a killed broker) and the lines of a topic are sorted. What remains is the
// structure: who leads (preferred replica or the next one), ISR order and size, ELR, Leader: none,
// and which partitions each filter lists. The times each cluster takes to drop a killed broker
// from the ISR and to take it back are printed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { TestCluster } from '../helpers/cluster';
import { runTool, waitFor, type RunResult } from '../helpers/engine';
import { SCRIPT, startDedicatedCluster, type ReferenceCluster } from './lib/kafka';

type Down = ReadonlySet<number>;

/** A partition line relative to its replicas; the other lines with the topic id masked. */
export function canonical(out: string, down: Down): string {
  const result: string[] = [];
  let group: string[] = [];
  const flush = (): void => { result.push(...group.sort()); group = []; };
  for (const line of out.split('\n')) {
    const m = /^\tTopic: (\S+)\tPartition: \d+\tLeader: (\S+)\tReplicas: ([\d,]*)\tIsr: ([\d,]*)(.*)$/.exec(line);
    if (!m) {
      flush();
      result.push(line.replace(/TopicId: [A-Za-z0-9_-]{22}/, 'TopicId: <id>'));
      continue;
    }
    const replicas = m[3].split(',').filter(Boolean).map(Number);
    const role = (id: string): string => (id === 'none' ? 'none' : `r${replicas.indexOf(Number(id))}${down.has(Number(id)) ? '(down)' : ''}`);
    const ids = (s: string): string => s.split(',').filter(Boolean).map(role).join(',');
    const rest = m[5].replace(/(Elr|LastKnownElr): ([\d,]*)/g, (_, k: string, v: string) => `${k}: ${ids(v)}`);
    group.push(`\tTopic: ${m[1]}\tPartition: *\tLeader: ${role(m[2])}\tReplicas: ${ids(m[3])}\tIsr: ${ids(m[4])}${rest}`);
  }
  flush();
  return result.join('\n');
}

interface Partition { topic: string; leader: string; replicas: number[]; isr: number[] }

function partitions(out: string): Partition[] {
  return [...out.matchAll(/\tTopic: (\S+)\tPartition: \d+\tLeader: (\S+)\tReplicas: ([\d,]*)\tIsr: ([\d,]*)/g)].map((m) => ({
    topic: m[1], leader: m[2], replicas: m[3].split(',').filter(Boolean).map(Number), isr: m[4].split(',').filter(Boolean).map(Number),
  }));
}

/** One cluster under the script: how to reach, kill and restart its brokers. */
interface Side {
  name: 'kafka' | 'ours';
  /** Broker 1's address: it is never killed. */
  bootstrap(): string;
  kill(id: number): Promise<void>;
  restart(id: number): Promise<void>;
}

interface Entry { step: string; code: number | null; stdout: string; stderr: string }

interface Run {
  transcript: Entry[];
  /** Milliseconds, per event. */
  timings: Record<string, number>;
}

const TOPICS: [string, string[]][] = [
  ['replicated', ['--partitions', '3', '--replication-factor', '3']],
  ['single', ['--partitions', '3', '--replication-factor', '1']],
  ['guarded', ['--partitions', '3', '--replication-factor', '3', '--config', 'min.insync.replicas=2']],
];
const FILTERS = ['--under-replicated-partitions', '--unavailable-partitions', '--under-min-isr-partitions', '--at-min-isr-partitions'];

const tool = (name: string, args: string[], input?: string): Promise<RunResult> =>
  runTool(name, args, { input, timeoutMs: 60000, env: { KAFKA_LOCAL_AUTOSTART: '0' } });

async function script(side: Side): Promise<Run> {
  const transcript: Entry[] = [];
  const timings: Record<string, number> = {};
  const B = (): string[] => ['--bootstrap-server', side.bootstrap()];
  let down: Down = new Set();
  const record = (step: string, r: RunResult): void => {
    const clock = (s: string): string => s.replace(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\] /gm, '[<time>] ');
    transcript.push({ step, code: r.code, stdout: clock(canonical(r.stdout, down)), stderr: clock(canonical(r.stderr, down)) });
  };
  const describeAll = async (): Promise<RunResult> => tool('kafka-topics', [...B(), '--describe', '--exclude-internal']);
  /** Wait (bounded) until every partition's ISR satisfies `ok`; returns the describe output then. */
  const until = async (ok: (p: Partition) => boolean, what: string, timeoutMs: number): Promise<RunResult> =>
    waitFor(async () => {
      const r = await describeAll();
      const ps = partitions(r.stdout);
      return r.code === 0 && ps.length === 9 && ps.every(ok) ? r : undefined;
    }, timeoutMs, `${side.name}: ${what}`);
  const snapshot = async (stage: string): Promise<void> => {
    record(`${stage}: describe`, await describeAll());
    for (const f of FILTERS) record(`${stage}: describe ${f}`, await tool('kafka-topics', [...B(), '--describe', '--exclude-internal', f]));
  };

  // Placement counts unfenced brokers only: every broker must have joined before topics are made.
  await waitFor(async () => (await tool('kafka-broker-api-versions', B())).stdout.match(/^\S+ \(id: \d+ rack: /gm)?.length === 3,
    60000, `${side.name}: three live brokers`);
  for (const [topic, args] of TOPICS) record(`create ${topic}`, await tool('kafka-topics', [...B(), '--create', '--topic', topic, ...args]));
  record('healthy: describe', await until((p) => p.isr.length === p.replicas.length, 'full ISRs after create', 60000));

  let t = Date.now();
  await side.kill(2);
  down = new Set([2]);
  record('broker 2 killed: describe', await until((p) => !p.isr.includes(2), 'broker 2 out of every ISR', 60000));
  timings['broker 2 killed -> out of every ISR'] = Date.now() - t;
  await snapshot('broker 2 down');

  t = Date.now();
  await side.kill(3);
  down = new Set([2, 3]);
  await until((p) => !p.isr.includes(3), 'broker 3 out of every ISR', 60000);
  timings['broker 3 killed -> out of every ISR'] = Date.now() - t;
  await snapshot('brokers 2 and 3 down');
  const produce = (acks: string, value: string): Promise<RunResult> => tool('kafka-console-producer',
    [...B(), '--topic', 'guarded', '--producer-property', `acks=${acks}`, '--producer-property', 'retries=0'], `${value}\n`);
  record('produce acks=all', await produce('all', 'refused'));
  record('produce acks=1', await produce('1', 'accepted'));

  t = Date.now();
  await side.restart(3);
  timings['broker 3 restart -> listening'] = Date.now() - t;
  down = new Set([2]);
  await until((p) => p.isr.length === p.replicas.filter((r) => r !== 2).length, 'broker 3 back in the ISRs', 60000);
  timings['broker 3 restart -> back in every ISR'] = Date.now() - t;
  record('broker 3 back: describe', await describeAll());

  t = Date.now();
  await side.restart(2);
  timings['broker 2 restart -> listening'] = Date.now() - t;
  down = new Set();
  record('all back: describe', await until((p) => p.isr.length === p.replicas.length, 'full ISRs again', 60000));
  timings['broker 2 restart -> back in every ISR'] = Date.now() - t;
  await snapshot('all back');
  return { transcript, timings };
}

function restartKafkaBroker(cluster: ReferenceCluster, id: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn('bash', [SCRIPT, 'restart', cluster.dir, String(id)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { out += d; });
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`reference.sh restart ${id} failed: ${out}`))));
  });
}

let kafka: ReferenceCluster;
let ours: TestCluster;
let runs: { kafka: Run; ours: Run };

beforeAll(async () => {
  ours = new TestCluster({ brokers: 3, sessionTimeoutMs: 9000, heartbeatMs: 2000 });
  [kafka] = await Promise.all([startDedicatedCluster(3), ours.startAll()]);
  const kafkaSide: Side = {
    name: 'kafka',
    bootstrap: () => kafka.bootstrap.split(',')[0],
    kill: async (id) => { process.kill(kafka.brokerPids![id - 1], 'SIGKILL'); },
    restart: (id) => restartKafkaBroker(kafka, id),
  };
  const ourSide: Side = {
    name: 'ours',
    bootstrap: () => ours.bootstrap(1),
    kill: (id) => ours.signal(id, 'SIGKILL'),
    restart: async (id) => { await ours.start(id); },
  };
  const [k, o] = await Promise.all([script(kafkaSide), script(ourSide)]);
  runs = { kafka: k, ours: o };
  console.log(`failover timings (ms):\n${JSON.stringify(runs, (key, v) => (key === 'transcript' ? undefined : v), 2)}`);
}, 300000);

afterAll(async () => {
  await Promise.all([kafka?.stop(), ours?.stop()]);
}, 120000);

describe('one failover script on Kafka\'s cluster and on ours, with our tools', () => {
  it('every step prints the same structure', () => {
    expect(runs.ours.transcript.map((e) => e.step)).toEqual(runs.kafka.transcript.map((e) => e.step));
    for (let i = 0; i < runs.kafka.transcript.length; i++) {
      const { step, ...k } = runs.kafka.transcript[i];
      const { step: _s, ...o } = runs.ours.transcript[i];
      expect.soft(o, step).toEqual(k);
    }
  });

  it('the script shows what it is meant to show on Kafka', () => {
    const at = (step: string): Entry => runs.kafka.transcript.find((e) => e.step === step)!;
    expect(at('produce acks=all').stderr).toContain('NotEnoughReplicasException');
    expect(at('produce acks=1').code).toBe(0);
    expect(at('brokers 2 and 3 down: describe --unavailable-partitions').stdout.split('\n').filter(Boolean)).toHaveLength(2);
    expect(at('all back: describe --under-replicated-partitions').stdout).toBe('');
  });
});
