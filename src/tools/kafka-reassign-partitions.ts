// kafka-reassign-partitions (Kafka 4.4's ReassignPartitionsCommand): --generate proposes a plan
// for --topics-to-move-json-file over --broker-list, --execute starts the plan of
// --reassignment-json-file (--throttle / --replica-alter-log-dirs-throttle set Kafka's throttle
// configs), --verify reports it and clears the throttles once done, --cancel cancels what is
// still moving, --list lists the moves in progress. Texts, streams and exit status as Kafka's:
// failures print `Error: <message>` and the exception on stdout, exit 1.
import { checkRequiredArgs } from '../cli/command-line-utils';
import { ExitError, JavaException, OptionException, UsageError } from '../cli/errors';
import { maybePrintHelpOrVersion, printUsageAndExit } from '../cli/help';
import type { ToolIO } from '../cli/io';
import { commonOptions, parseJavaInteger, parseOptions, type OptionSet, type OptionSpec } from '../cli/options';
import { KAFKA_VERSION } from '../cli/version';
import type { Admin } from '../client/admin';
import { ConfigResourceType } from '../client/admin';
import { ReplicaAdmin } from '../client/replica-admin';
import { KafkaError } from '../protocol/errors';
import { ApiKey } from '../protocol/apis';
import { javaHashMapOrder } from '../util/java-hash';
import { createAdmin, javaParts, readFileAsString } from './admin-tool';
import { placeReplicas } from '../engine/controller/placement';
import { compareTp, parsePlan, parseTopicsToMove, planJson, tpKey, type PlannedPartition } from './reassign/plan-json';

const HELP_MESSAGE = 'This tool helps to move topic partitions between replicas.';
const FAILED = 'org.apache.kafka.tools.AdminCommandFailedException';
const ACTIONS = ['generate', 'execute', 'verify', 'cancel', 'list'];
const BROKER_THROTTLES = ['leader.replication.throttled.rate', 'follower.replication.throttled.rate', 'replica.alter.log.dirs.io.max.bytes.per.second'];
const TOPIC_THROTTLES = ['leader.replication.throttled.replicas', 'follower.replication.throttled.replicas'];

function specs(): OptionSpec[] {
  return [
    ...commonOptions(),
    { name: 'bootstrap-server', arg: 'optional', argName: 'Server(s) to use for bootstrapping', description: 'The broker(s) to connect to, as host:port[,host:port...].' },
    { name: 'bootstrap-controller', arg: 'optional', argName: 'bootstrap controller to connect to', description: 'The controller(s) to connect to (for --cancel and --list).' },
    { name: 'command-config', arg: 'required', argName: 'Admin client property file', description: 'A Java properties file with settings for the admin client.' },
    { name: 'generate', arg: 'none', description: 'Propose a plan moving the partitions of --topics-to-move-json-file to --broker-list (nothing is moved).' },
    { name: 'execute', arg: 'none', description: 'Start the moves of --reassignment-json-file.' },
    { name: 'verify', arg: 'none', description: 'Report the moves of --reassignment-json-file; once all are done, remove the throttles.' },
    { name: 'cancel', arg: 'none', description: 'Cancel the moves of --reassignment-json-file still in progress.' },
    { name: 'list', arg: 'none', description: 'List the moves in progress.' },
    {
      name: 'reassignment-json-file', arg: 'required', argName: 'manual assignment json file path',
      description: 'The plan: {"partitions":\n\t[{"topic": "foo",\n\t  "partition": 1,\n\t  "replicas": [1,2,3],\n\t  "log_dirs": ["dir1","dir2","dir3"]\n  }],\n"version":1\n}\n"log_dirs" is optional; when given it names a dir (or "any") for each replica.',
    },
    { name: 'topics-to-move-json-file', arg: 'required', argName: 'topics to reassign json file path', description: 'With --generate: the topics to move:\n{"topics":\n\t[{"topic": "foo"},{"topic": "foo1"}],\n"version":1\n}' },
    { name: 'broker-list', arg: 'required', argName: 'brokerlist', description: 'With --generate: the brokers to move to, as "0,1,2".' },
    { name: 'disable-rack-aware', arg: 'none', description: 'With --generate: ignore racks.' },
    { name: 'throttle', arg: 'required', type: 'long', argName: 'throttle', defaultValue: -1, description: 'With --execute: limit moves between brokers to this many bytes/s.' },
    { name: 'replica-alter-log-dirs-throttle', arg: 'required', type: 'long', argName: 'replicaAlterLogDirsThrottle', defaultValue: -1, description: 'With --execute: limit moves between the dirs of a broker to this many bytes/s.' },
    { name: 'timeout', arg: 'required', type: 'long', argName: 'timeout', defaultValue: 10000, description: 'With --execute and --cancel: how long to wait for dir moves to start (ms).' },
    { name: 'additional', arg: 'none', description: 'With --execute: start these moves beside those in progress (or change the throttle).' },
    { name: 'preserve-throttles', arg: 'none', description: 'With --verify and --cancel: leave the throttles as they are.' },
    { name: 'disallow-replication-factor-change', arg: 'none', description: 'With --execute: refuse moves that change a replication factor.' },
  ];
}

/** The options each action accepts besides the common ones (ReassignPartitionsCommand.validateAndParseArgs). */
const PERMITTED: Record<string, string[]> = {
  generate: ['topics-to-move-json-file', 'broker-list', 'disable-rack-aware'],
  execute: ['reassignment-json-file', 'throttle', 'replica-alter-log-dirs-throttle', 'timeout', 'additional', 'disallow-replication-factor-change'],
  verify: ['reassignment-json-file', 'preserve-throttles'],
  cancel: ['reassignment-json-file', 'timeout', 'preserve-throttles'],
  list: [],
};
const ACTION_OPTIONS = ['reassignment-json-file', 'topics-to-move-json-file', 'broker-list', 'disable-rack-aware', 'throttle',
  'replica-alter-log-dirs-throttle', 'timeout', 'additional', 'preserve-throttles', 'disallow-replication-factor-change'];
const REQUIRED: Record<string, string[]> = {
  generate: ['topics-to-move-json-file', 'broker-list'], execute: ['reassignment-json-file'], verify: ['reassignment-json-file'],
  cancel: ['reassignment-json-file'], list: [],
};

function validate(opts: OptionSet): string {
  const given = ACTIONS.filter((a) => opts.has(a));
  if (given.length !== 1) throw new UsageError(`Command must include exactly one action: ${ACTIONS.map((a) => `--${a}`).join(', ')}`);
  const action = given[0];
  if (opts.has('bootstrap-server') && opts.has('bootstrap-controller')) throw new UsageError("Please don't specify both --bootstrap-server and --bootstrap-controller");
  if (!opts.has('bootstrap-server') && !opts.has('bootstrap-controller')) throw new UsageError('Please specify either --bootstrap-server or --bootstrap-controller');
  if (opts.has('bootstrap-controller') && action !== 'list' && action !== 'cancel') throw new UsageError(`Option "[bootstrap-controller]" can't be used with action "[${action}]"`);
  checkRequiredArgs(opts, ...REQUIRED[action]);
  for (const o of ACTION_OPTIONS) {
    if (opts.has(o) && !PERMITTED[action].includes(o)) throw new UsageError(`Option "[${o}]" can't be used with action "[${action}]"`);
  }
  return action;
}

interface Ctx {
  /** --bootstrap-controller: requests go to a controller (only --list and --cancel). */
  viaController: boolean;
  opts: OptionSet;
  io: ToolIO;
  admin: Admin;
  replicas: ReplicaAdmin;
}

const out = (ctx: Ctx, s: string): void => ctx.io.stdout(s);

/** The replicas and their log dirs of these partitions now (describeTopics + describeReplicaLogDirs). */
async function currentAssignment(ctx: Ctx, parts: readonly { topic: string; partition: number }[]): Promise<PlannedPartition[]> {
  const topics = [...new Set(parts.map((p) => p.topic))];
  const described = await ctx.admin.describeTopics(topics);
  const byName = new Map(described.map((d) => [d.name, d]));
  for (const t of topics) {
    const d = byName.get(t);
    if (!d || d.errorCode !== 0) {
      throw new JavaException('java.util.concurrent.ExecutionException', `org.apache.kafka.common.errors.UnknownTopicOrPartitionException: Topic ${t} not found.`);
    }
  }
  const result = parts.map((p) => {
    const info = byName.get(p.topic)!.partitions.find((x) => x.partition === p.partition);
    if (!info) throw new JavaException(FAILED, `Unable to find partition: ${tpKey(p.topic, p.partition)}`);
    return { topic: p.topic, partition: p.partition, replicas: info.replicas, logDirs: info.replicas.map(() => 'any') };
  });
  const brokers = [...new Set(result.flatMap((r) => r.replicas))];
  const live = new Set((await ctx.replicas.brokers()).map((b) => b.nodeId));
  const dirs = await ctx.replicas.describeLogDirs(brokers.filter((b) => live.has(b)));
  for (const r of result) {
    r.logDirs = r.replicas.map((b) => {
      const d = dirs.get(b);
      if (!d || d instanceof KafkaError) return 'any';
      return d.find((dir) => dir.replicas.some((x) => x.topic === r.topic && x.partition === r.partition && !x.isFuture))?.path ?? 'any';
    });
  }
  return result;
}

async function list(ctx: Ctx): Promise<void> {
  const moving = (await ctx.replicas.listPartitionReassignments(null)).sort(compareTp);
  if (moving.length === 0) {
    out(ctx, 'No partition reassignments found.\n');
    return;
  }
  out(ctx, 'Current partition reassignments:\n');
  // An empty adding or removing list is left out (a move that only adds replicas has no `removing:`).
  for (const m of moving) {
    const adding = m.addingReplicas.length === 0 ? '' : ` adding: ${m.addingReplicas.join(',')}.`;
    const removing = m.removingReplicas.length === 0 ? '' : ` removing: ${m.removingReplicas.join(',')}.`;
    out(ctx, `${tpKey(m.topic, m.partition)}: replicas: ${m.replicas.join(',')}.${adding}${removing}\n`);
  }
}

/**
 * Kafka 4.4's --generate places replicas as its controller does (the striped placer, shared with
 * the engine's controller), with the 4.4 text when there are too few brokers.
 */
function propose(brokers: number[], partitions: number, rf: number): number[][] {
  if (rf > brokers.length) {
    throw new JavaException('org.apache.kafka.common.errors.InvalidReplicationFactorException',
      `The target replication factor of ${rf} cannot be reached because only ${brokers.length} broker(s) are registered or some brokers have all their log directories cordoned.`);
  }
  return placeReplicas(brokers.map((id) => ({ id, rack: null, fenced: false })), partitions, rf);
}

async function generate(ctx: Ctx): Promise<void> {
  const topics = parseTopicsToMove(readFileAsString(ctx.opts.stringValueOf('topics-to-move-json-file')!));
  const listed = ctx.opts.stringValueOf('broker-list')!.split(',').map((s) => {
    const v = parseJavaInteger(s, 32);
    if (v === undefined) throw new JavaException('java.lang.NumberFormatException', `For input string: "${s}"`);
    return v;
  });
  const dups = [...new Set(listed.filter((b, i) => listed.indexOf(b) !== i))];
  if (dups.length > 0) throw new JavaException(FAILED, `Broker list contains duplicate entries: ${dups.join(',')}`);
  const described = await ctx.admin.describeTopics(topics);
  for (const t of topics) {
    if (!described.some((d) => d.name === t && d.errorCode === 0)) {
      throw new JavaException('java.util.concurrent.ExecutionException', `org.apache.kafka.common.errors.UnknownTopicOrPartitionException: Topic ${t} not found.`);
    }
  }
  const parts = described.flatMap((d) => d.partitions.map((p) => ({ topic: d.name, partition: p.partition })));
  const current = await currentAssignment(ctx, parts);
  const live = new Set((await ctx.replicas.brokers()).map((b) => b.nodeId));
  const brokers = [...new Set(listed)].filter((b) => live.has(b)).sort((a, b) => a - b);
  const proposed: PlannedPartition[] = [];
  for (const d of described) {
    const assignment = propose(brokers, d.partitions.length, d.partitions[0]?.replicas.length ?? 1);
    d.partitions.forEach((p, i) => proposed.push({ topic: d.name, partition: p.partition, replicas: assignment[i], logDirs: assignment[i].map(() => 'any') }));
  }
  out(ctx, `Current partition replica assignment\n${planJson(current)}\n\n`);
  out(ctx, `Proposed partition reassignment configuration\n${planJson(proposed)}\n`);
}

async function setBrokerConfigs(ctx: Ctx, brokers: number[], configs: [string, number][]): Promise<void> {
  for (const b of brokers) {
    await ctx.admin.incrementalAlterConfigs(ConfigResourceType.BROKER, String(b), configs.map(([name, v]) => ({ name, op: 0, value: String(v) })));
  }
}

/**
 * The replicas a throttle applies to, per topic of a partition that moves: its current replicas
 * lead (leader.replication.throttled.replicas=p:b,...), the added ones follow.
 */
async function setTopicThrottles(ctx: Ctx, plan: readonly PlannedPartition[], current: readonly PlannedPartition[]): Promise<void> {
  const now = new Map(current.map((c) => [tpKey(c.topic, c.partition), c.replicas]));
  const byTopic = new Map<string, { leaders: string[]; followers: string[] }>();
  for (const p of [...plan].sort(compareTp)) {
    const existing = now.get(tpKey(p.topic, p.partition)) ?? [];
    if (existing.join(',') === p.replicas.join(',')) continue;
    const t = byTopic.get(p.topic) ?? { leaders: [], followers: [] };
    t.leaders.push(...existing.map((b) => `${p.partition}:${b}`));
    t.followers.push(...p.replicas.filter((b) => !existing.includes(b)).map((b) => `${p.partition}:${b}`));
    byTopic.set(p.topic, t);
  }
  for (const [topic, t] of byTopic) {
    await ctx.admin.incrementalAlterConfigs(ConfigResourceType.TOPIC, topic, [
      { name: 'leader.replication.throttled.replicas', op: 0, value: t.leaders.join(',') },
      { name: 'follower.replication.throttled.replicas', op: 0, value: t.followers.join(',') },
    ]);
  }
}

/**
 * The node ids throttles are cleared on: the brokers of the cluster, or with --bootstrap-controller
 * the nodes the controller's DescribeCluster names. Both sets print as Java HashSets do.
 */
async function throttledNodes(ctx: Ctx): Promise<number[]> {
  if (!ctx.viaController) return (await ctx.replicas.brokers()).map((b) => b.nodeId).sort((a, b) => a - b);
  const conn = await ctx.admin.cluster.anyConnection(Date.now() + 30000, 'describeCluster');
  const resp: any = await conn.send(ApiKey.DescribeCluster, { includeClusterAuthorizedOperations: false, endpointType: 2, includeFencedBrokers: false });
  if (resp.errorCode) throw KafkaError.from(resp.errorCode, resp.errorMessage ?? undefined);
  return resp.brokers.map((b: { brokerId: number }) => b.brokerId).sort((a: number, b: number) => a - b);
}

/** IncrementalAlterConfigs deleting these names, where the admin sends it (or to the controller). */
async function deleteConfigs(ctx: Ctx, type: number, name: string, names: readonly string[]): Promise<void> {
  const ops = names.map((n) => ({ name: n, op: 1, value: null }));
  if (!ctx.viaController) return ctx.admin.incrementalAlterConfigs(type, name, ops);
  const conn = await ctx.admin.cluster.anyConnection(Date.now() + 30000, 'incrementalAlterConfigs');
  const resp: any = await conn.send(ApiKey.IncrementalAlterConfigs, {
    resources: [{ resourceType: type, resourceName: name, configs: ops.map((o) => ({ name: o.name, configOperation: o.op, value: o.value })) }],
    validateOnly: false,
  });
  for (const r of resp.responses) if (r.errorCode !== 0) throw KafkaError.from(r.errorCode, r.errorMessage ?? undefined);
}

async function clearThrottles(ctx: Ctx, plan: readonly PlannedPartition[]): Promise<void> {
  // The nodes described and the plan's targets (through a controller Kafka 4.4 cleared
  // "brokers 3,4": controller 4 and the plan's broker 3).
  const brokers = [...new Set([...await throttledNodes(ctx), ...plan.flatMap((p) => p.replicas)])].sort((a, b) => a - b);
  out(ctx, `Clearing broker-level throttles on broker${brokers.length === 1 ? '' : 's'} ${brokers.join(',')}\n`);
  for (const b of brokers) await deleteConfigs(ctx, ConfigResourceType.BROKER, String(b), BROKER_THROTTLES);
  const topics = javaHashMapOrder(plan.map((p) => p.topic));
  out(ctx, `Clearing topic-level throttles on topic${topics.length === 1 ? '' : 's'} ${topics.join(',')}\n`);
  for (const t of topics) await deleteConfigs(ctx, ConfigResourceType.TOPIC, t, TOPIC_THROTTLES);
}

async function verifyBrokers(ctx: Ctx, plan: readonly PlannedPartition[]): Promise<void> {
  const live = new Set((await ctx.replicas.brokers()).map((b) => b.nodeId));
  for (const p of plan) for (const r of p.replicas) if (!live.has(r)) throw new JavaException(FAILED, `Unknown broker id ${r}`);
}

async function execute(ctx: Ctx): Promise<void> {
  const plan = parsePlan(readFileAsString(ctx.opts.stringValueOf('reassignment-json-file')!));
  const moving = await ctx.replicas.listPartitionReassignments(null);
  if (!ctx.opts.has('additional') && moving.length > 0) {
    throw new JavaException('org.apache.kafka.tools.reassign.TerseReassignmentFailureException', 'Cannot execute because there is an existing partition assignment.  Use --additional to override this and create a new partition assignment in addition to the existing one. The --additional flag can also be used to change the throttle by resubmitting the current reassignment.');
  }
  await verifyBrokers(ctx, plan);
  const current = await currentAssignment(ctx, plan);
  out(ctx, `Current partition replica assignment\n\n${planJson(current)}\n\nSave this to use as the --reassignment-json-file option during rollback\n`);
  const throttle = ctx.opts.numberValueOf('throttle')!;
  const dirThrottle = ctx.opts.numberValueOf('replica-alter-log-dirs-throttle')!;
  if (throttle >= 0 || dirThrottle >= 0) {
    out(ctx, 'Warning: You must run --verify periodically, until the reassignment completes, to ensure the throttle is removed.\n');
    const brokers = [...new Set([...plan, ...current].flatMap((p) => p.replicas))].sort((a, b) => a - b);
    if (throttle >= 0) {
      await setTopicThrottles(ctx, plan, current);
      await setBrokerConfigs(ctx, brokers, [['leader.replication.throttled.rate', throttle], ['follower.replication.throttled.rate', throttle]]);
      out(ctx, `The inter-broker throttle limit was set to ${throttle} B/s\n`);
    }
    if (dirThrottle >= 0) {
      await setBrokerConfigs(ctx, brokers, [['replica.alter.log.dirs.io.max.bytes.per.second', dirThrottle]]);
      out(ctx, `The replica-alter-dir throttle limit was set to ${dirThrottle} B/s\n`);
    }
  }
  const errors = await ctx.replicas.alterPartitionReassignments(plan.map((p) => ({ topic: p.topic, partition: p.partition, replicas: p.replicas })));
  const failed = [...errors].filter(([, e]) => e !== null);
  if (failed.length > 0) {
    throw new JavaException('org.apache.kafka.tools.reassign.TerseReassignmentFailureException', `Error reassigning partition(s):\n${failed.map(([k, e]) => `${k}: ${e!.message}`).join('\n')}`);
  }
  // In the plan's order (Kafka 4.4 printed t-0,t-1 where a HashMap would give t-1,t-0).
  out(ctx, `Successfully started partition reassignment${plan.length === 1 ? '' : 's'} for ${plan.map((p) => tpKey(p.topic, p.partition)).join(',')}\n`);
}

async function verify(ctx: Ctx): Promise<void> {
  const plan = parsePlan(readFileAsString(ctx.opts.stringValueOf('reassignment-json-file')!));
  // Kafka asks for every reassignment: any one in progress, of this plan or not, keeps the throttles.
  const moving = new Set((await ctx.replicas.listPartitionReassignments(null)).map((m) => tpKey(m.topic, m.partition)));
  const ongoing = moving.size > 0;
  const current = new Map((await currentAssignment(ctx, plan)).map((c) => [tpKey(c.topic, c.partition), c.replicas]));
  out(ctx, 'Status of partition reassignment:\n');
  for (const p of [...plan].sort(compareTp)) {
    const k = tpKey(p.topic, p.partition);
    const now = current.get(k) ?? [];
    if (moving.has(k)) {
      out(ctx, `Reassignment of partition ${k} is still in progress.\n`);
    } else if (now.join(',') === p.replicas.join(',')) out(ctx, `Reassignment of partition ${k} is completed.\n`);
    else out(ctx, `There is no active reassignment of partition ${k}, but replica set is ${now.join(',')} rather than ${p.replicas.join(',')}.\n`);
  }
  out(ctx, '\n');
  if (!ongoing && !ctx.opts.has('preserve-throttles')) await clearThrottles(ctx, plan);
}

async function cancel(ctx: Ctx): Promise<void> {
  const plan = parsePlan(readFileAsString(ctx.opts.stringValueOf('reassignment-json-file')!));
  const moving = await ctx.replicas.listPartitionReassignments(plan);
  if (moving.length === 0) out(ctx, 'None of the specified partition reassignments are active.\n');
  else {
    const errors = await ctx.replicas.alterPartitionReassignments(moving.map((m) => ({ topic: m.topic, partition: m.partition, replicas: null })));
    const failed = [...errors].filter(([, e]) => e !== null);
    if (failed.length > 0) {
      throw new JavaException('org.apache.kafka.tools.reassign.TerseReassignmentFailureException', `Error cancelling partition reassignment(s):\n${failed.map(([k, e]) => `${k}: ${e!.message}`).join('\n')}`);
    }
    out(ctx, `Successfully cancelled partition reassignment${moving.length === 1 ? '' : 's'} for: ${moving.sort(compareTp).map((m) => tpKey(m.topic, m.partition)).join(',')}\n`);
  }
  // Kafka prints this one without a line break.
  out(ctx, 'None of the specified partition moves are active.');
  if (!ctx.opts.has('preserve-throttles')) await clearThrottles(ctx, plan);
}

export async function main(argv: string[], io: ToolIO): Promise<number> {
  const all = specs();
  let opts: OptionSet;
  let action: string;
  try {
    opts = parseOptions(all, argv);
    if (argv.length === 0) printUsageAndExit(io, HELP_MESSAGE, all);
    maybePrintHelpOrVersion(opts, io, HELP_MESSAGE, KAFKA_VERSION);
    try {
      action = validate(opts);
    } catch (e) {
      if (e instanceof UsageError) printUsageAndExit(io, e.message, all);
      throw e;
    }
  } catch (e) {
    // An option jopt refuses escapes main: the JVM's report of an uncaught exception.
    if (e instanceof OptionException) {
      io.stderr(`Exception in thread "main" ${e.javaClass}: ${e.message}\n`);
      return 1;
    }
    if (e instanceof ExitError) return e.code;
    throw e;
  }
  let ctx: Ctx | undefined;
  try {
    const bootstrap = opts.stringValueOf('bootstrap-server') ?? opts.stringValueOf('bootstrap-controller') ?? '';
    const { admin, settings } = await createAdmin(opts.stringValueOf('command-config'), bootstrap, io);
    ctx = { viaController: !opts.has('bootstrap-server'), opts, io, admin, replicas: new ReplicaAdmin(admin, settings.defaultApiTimeoutMs) };
    if (action === 'list') await list(ctx);
    else if (action === 'generate') await generate(ctx);
    else if (action === 'execute') await execute(ctx);
    else if (action === 'verify') await verify(ctx);
    else await cancel(ctx);
    return 0;
  } catch (e) {
    const { javaClass, message } = javaParts(e);
    if (javaClass === 'org.apache.kafka.tools.reassign.TerseReassignmentFailureException') io.stdout(`${message}\n`);
    else io.stdout(`Error: ${message}\n${javaClass}: ${message}\n\n`);
    if (process.env.KAFKA_LOCAL_DEBUG && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
    return 1;
  } finally {
    ctx?.admin.close();
  }
}

