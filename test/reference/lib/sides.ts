// The four sides of the differential suite and how a scenario runs on one of them: its files
// written, its placeholders filled, its steps run with that side's tools against that side's
// broker, then the broker tidied (topics and groups deleted) for the next scenario.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT, runTool, spawnEngine, spawnTool, tempDir, waitFor, type ChildEngine } from '../../helpers/engine';
import { SCRIPT, startLegacyCluster, startReferenceCluster, ToolRunner, type ReferenceCluster, type ToolResult } from './kafka';
import { maskOutput } from './mask';
import type { Mode, Scenario, Step } from './scenario';
import { brokerSide, toolSide } from './scenario';

export interface Broker {
  bootstrap: string;
  /** What --zookeeper names on this broker's side (legacy scenarios). */
  zookeeper: string;
  clusterId?: string;
  /** The broker's (first node's) log directory: {logdir} in a step, for kafka-dump-log's segment paths. */
  logDir?: string;
  stop(): Promise<void>;
}

export function fromReference(c: ReferenceCluster): Broker {
  const env = fs.readFileSync(path.join(c.dir, 'cluster.env'), 'utf8');
  const clusterId = /^cluster_id=(.*)$/m.exec(env)?.[1];
  return { bootstrap: c.bootstrap, zookeeper: c.zookeeper ?? c.bootstrap, clusterId, logDir: path.join(c.dir, 'node-1', 'data'), stop: c.stop };
}

export function fromEngine(e: ChildEngine): Broker {
  return { bootstrap: e.bootstrap, zookeeper: e.bootstrap, logDir: e.dir, stop: e.stop };
}

export interface StepResult extends ToolResult {
  step: Step;
}

export interface Lane {
  mode: Mode;
  broker: Broker;
  /** Kafka's tools (for the kafka-on-* modes). */
  runner?: ToolRunner;
}

function fill(arg: string, broker: Broker, dir: string): string {
  return arg.replace(/\{logdir\}/g, broker.logDir ?? '{logdir}').replace(/\{bootstrap\}/g, broker.bootstrap).replace(/\{zookeeper\}/g, broker.zookeeper).replace(/\{dir\}/g, dir);
}

/** A background step's process: Kafka's tool in its own JVM, bin/<tool>, or a script of ours. */
function startBackground(lane: Lane, tool: string, args: string[], input: string | undefined, kafkaTool = false, script = false): ChildProcess {
  const proc = script
    ? spawn(process.execPath, [path.join(ROOT, 'test', 'reference', 'scripts', tool), ...args], { stdio: ['pipe', 'ignore', 'inherit'] })
    : toolSide(lane.mode) === 'kafka' || kafkaTool
    ? spawn('bash', [SCRIPT, 'tool', tool, ...args], { stdio: ['pipe', 'ignore', 'ignore'] })
    : spawnTool(tool.endsWith('.sh') ? tool : `${tool}.sh`, args).proc;
  proc.stdin!.end(input ?? '');
  proc.on('error', () => undefined);
  return proc;
}

/** SIGTERM (the tool shuts down as on Ctrl-C), then SIGKILL after a deadline. */
async function stopBackground(proc: ChildProcess, deadlineMs = 15000): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  proc.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = await Promise.race([exited.then(() => false), new Promise<boolean>((r) => { timer = setTimeout(() => r(true), deadlineMs); })]);
  clearTimeout(timer);
  if (late) {
    proc.kill('SIGKILL');
    await exited;
  }
}

/** Kafka's tools for a lane of ours (kafkaTool steps): a runner of its own, closed with the suite. */
const oneOffRunners = new Map<Lane, ToolRunner>();
function oneOffRunner(lane: Lane): ToolRunner {
  let r = oneOffRunners.get(lane);
  if (!r) oneOffRunners.set(lane, (r = new ToolRunner()));
  return r;
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Run a scenario's steps on one lane; outputs masked. */
export async function runOnLane(s: Scenario, lane: Lane): Promise<StepResult[]> {
  const dir = tempDir('kl-scn-');
  const running: ChildProcess[] = [];
  try {
    for (const [name, content] of Object.entries(s.files ?? {})) fs.writeFileSync(path.join(dir, name), fill(content, lane.broker, dir));
    const results: StepResult[] = [];
    const addresses = [lane.broker.bootstrap, ...lane.broker.bootstrap.split(','), lane.broker.zookeeper];
    const ctx = { addresses, dir, clusterId: lane.broker.clusterId, logDir: lane.broker.logDir };
    for (const st of s.steps) {
      const args = await resolveTopicIds(st.args.map((a) => fill(a, lane.broker, dir)), lane.broker);
      const input = st.input === undefined ? undefined : fill(st.input, lane.broker, dir);
      if (st.background) {
        running.push(startBackground(lane, st.tool, args, input, st.kafkaTool, st.script));
        results.push({ step: st, code: 0, stdout: '', stderr: '' });
        continue;
      }
      const timeoutMs = st.timeoutMs ?? 60000;
      // Step.until / untilGone: re-run (after a short pause) until the masked output settles.
      const until = st.until === undefined ? undefined : new RegExp(st.until);
      const gone = st.untilGone === undefined ? undefined : new RegExp(st.untilGone);
      const settled = (out: string) => (!until || until.test(out)) && (!gone || !gone.test(out));
      const untilMs = st.untilMs ?? 60000;
      const deadline = Date.now() + untilMs;
      if (st.kafkaTool && st.compare !== false) throw new Error(`${s.id}: a kafkaTool step must not be compared`);
      let masked: StepResult;
      for (;;) {
        const r = toolSide(lane.mode) === 'kafka' || st.kafkaTool
          ? await (lane.runner ?? oneOffRunner(lane)).run(st.tool, args, { input, timeoutMs })
          : await runTool(st.tool.endsWith('.sh') ? st.tool : `${st.tool}.sh`, args, { input, timeoutMs: timeoutMs + 5000, env: { KAFKA_LOCAL_AUTOSTART: '0' } })
              .catch((e: Error) => ({ code: -2, stdout: '', stderr: String(e.message) }));
        masked = { step: st, code: r.code, stdout: maskOutput(r.stdout, ctx), stderr: maskOutput(r.stderr, ctx) };
        if (settled(masked.stdout + masked.stderr)) break;
        if (Date.now() >= deadline) {
          const want = [st.until === undefined ? '' : `print /${st.until}/`, st.untilGone === undefined ? '' : `stop printing /${st.untilGone}/`].filter(Boolean).join(' and ');
          throw new Error(`${s.id} [${lane.mode}]: ${st.tool} ${args.join(' ')} did not ${want} within ${untilMs} ms; last:\n${masked.stdout}${masked.stderr}`);
        }
        await pause(500);
      }
      results.push(masked);
      if (st.compare === false && masked.code !== 0) {
        throw new Error(`${s.id} [${lane.mode}]: preparing step ${st.tool} ${args.join(' ')} failed (${masked.code}):\n${masked.stdout}${masked.stderr}`);
      }
      if (st.compare === false && brokerSide(lane.mode) === 'kafka') await awaitCreatedTopic(lane.broker, st.tool, args);
    }
    return results;
  } finally {
    await Promise.all(running.map((p) => stopBackground(p)));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `{topic-id:NAME}` in a step's arguments: the id this side's broker gave topic NAME, looked up
 * (through our client) when the step runs, as each broker makes up its own.
 */
async function resolveTopicIds(args: string[], broker: Broker): Promise<string[]> {
  const re = /\{topic-id:([^}]+)\}/g;
  const names = [...new Set(args.flatMap((a) => [...a.matchAll(re)].map((m) => m[1])))];
  if (names.length === 0) return args;
  const { Admin } = require(path.join(ROOT, 'dist/client/admin'));
  const [host, port] = broker.bootstrap.split(',')[0].split(':');
  const admin = new Admin({ bootstrap: [{ host, port: Number(port) }] });
  try {
    const ids = new Map<string, string>();
    for (const t of await admin.describeTopics(names)) if (t.topicId && t.errorCode === 0) ids.set(t.name, t.topicId);
    return args.map((a) => a.replace(re, (_m, name: string) => {
      const id = ids.get(name);
      if (!id) throw new Error(`{topic-id:${name}}: the broker has no topic ${name}`);
      return id;
    }));
  } finally {
    admin.close();
  }
}

/**
 * After a preparing `kafka-topics --create` on Kafka's broker: wait until its Metadata lists the
 * topic. Kafka's broker applies a new topic from its metadata log a moment after CreateTopics
 * answers, and under load a describe right after the create found nothing (ours applies it first).
 */
async function awaitCreatedTopic(broker: Broker, tool: string, args: string[]): Promise<void> {
  if (tool.replace(/\.sh$/, '') !== 'kafka-topics' || !args.includes('--create') || !args.includes('--bootstrap-server')) return;
  const topic = args[args.indexOf('--topic') + 1];
  if (!topic || args.indexOf('--topic') < 0) return;
  const { Admin } = require(path.join(ROOT, 'dist/client/admin'));
  const [host, port] = broker.bootstrap.split(',')[0].split(':');
  const admin = new Admin({ bootstrap: [{ host, port: Number(port) }] });
  try {
    await waitFor(async () => (await admin.listTopics()).some((t: { name: string }) => t.name === topic), 30000, `topic ${topic} listed by Kafka's broker`);
  } finally {
    admin.close();
  }
}

/**
 * Delete every topic and group a scenario left, through our client (which works against both
 * brokers), and wait until the broker no longer lists them.
 */
export async function tidy(broker: Broker): Promise<void> {
  const { Admin } = require(path.join(ROOT, 'dist/client/admin'));
  const { GroupAdmin } = require(path.join(ROOT, 'dist/client/group-admin'));
  const [host, port] = broker.bootstrap.split(',')[0].split(':');
  const bootstrap = [{ host, port: Number(port) }];
  const admin = new Admin({ bootstrap });
  const groups = new GroupAdmin(admin.cluster);
  try {
    // A group with members left (a static member stays until its session times out) cannot be
    // deleted yet: try again until every group is gone.
    await waitFor(async () => {
      const listed: { groupId: string }[] = await groups.listConsumerGroups(10000);
      if (listed.length === 0) return true;
      await groups.deleteConsumerGroups(listed.map((g) => g.groupId), 10000);
      if ((await groups.listConsumerGroups(10000)).length === 0) return true;
      await pause(250);
      return false;
    }, 120000, 'groups deleted');
    const topics = (await admin.listTopics()).filter((t: { internal: boolean }) => !t.internal).map((t: { name: string }) => t.name);
    if (topics.length > 0) {
      await admin.deleteTopics(topics);
      await waitFor(async () => (await admin.listTopics()).every((t: { internal: boolean }) => t.internal), 30000, 'topics deleted');
      // A ZooKeeper-era broker stops listing a topic when its deletion starts, but the name stays
      // taken until the controller has removed it from ZooKeeper: wait until it could be created.
      if (broker.zookeeper !== broker.bootstrap) {
        await waitFor(async () => [...(await admin.createTopics(topics.map((name: string) => ({ name, numPartitions: 1, replicationFactor: 1 })), true)).values()]
          .every((e) => e === undefined), 30000, 'topic names free');
      }
    }
  } finally {
    admin.close();
  }
}

/** The brokers and runners the suite needs: two Kafka clusters, two engines, Kafka's tools twice. */
export interface Sides {
  lanes: Record<Mode, Lane>;
  legacy?: { truth: Lane; ours: Lane };
  close(): Promise<void>;
}

export async function startSides(opts: { legacy: boolean }): Promise<Sides> {
  const engineOverrides = {};
  const [k1, k3, e2, e4, legacyCluster] = await Promise.all([
    startReferenceCluster(1),
    startReferenceCluster(1),
    spawnEngine({ overrides: engineOverrides }),
    spawnEngine({ overrides: engineOverrides }),
    opts.legacy ? startLegacyCluster() : Promise.resolve(undefined),
  ]);
  const r1 = new ToolRunner();
  const r4 = new ToolRunner();
  const rLegacy = new ToolRunner(true);
  const lanes: Record<Mode, Lane> = {
    'kafka-on-kafka': { mode: 'kafka-on-kafka', broker: fromReference(k1), runner: r1 },
    'ours-on-ours': { mode: 'ours-on-ours', broker: fromEngine(e2) },
    'ours-on-kafka': { mode: 'ours-on-kafka', broker: fromReference(k3) },
    'kafka-on-ours': { mode: 'kafka-on-ours', broker: fromEngine(e4), runner: r4 },
  };
  const legacy = legacyCluster
    ? { truth: { mode: 'kafka-on-kafka' as Mode, broker: fromReference(legacyCluster), runner: rLegacy }, ours: lanes['ours-on-ours'] }
    : undefined;
  return {
    lanes,
    legacy,
    close: async () => {
      r1.close();
      r4.close();
      for (const r of oneOffRunners.values()) r.close();
      rLegacy.close();
      await Promise.all([k1.stop(), k3.stop(), e2.stop(), e4.stop(), legacyCluster?.stop()]);
    },
  };
}

export { brokerSide };
