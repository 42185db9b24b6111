// kafka-get-offsets: offsets of topic-partitions at a point in time (Kafka 4.x GetOffsetShell).
//
// One `topic:partition:offset` line per partition on stdout, sorted by the string
// `topic-partition` (so t-10 comes before t-2); partitions without an offset for the time are left
// out. Failures: `Error occurred: <message>` on stderr, exit 1, followed by the exception's first
// stack-trace line for anything but Kafka's own TerseExceptions. A partition whose lookup fails is
// skipped with `Skip getting offsets for topic-partition t-0 due to error: <exception>`.
//
// --time max-timestamp / earliest-local / latest-tiered need ListOffsets v7 / v8 / v9. A broker that
// does not offer them (an older Kafka; our engine offers 1-9) gets what Kafka's admin client
// does there: a WARN `Broker <id> does not support MAX_TIMESTAMP offset specs` and each partition
// skipped with UnsupportedVersionException.
import { BROKER_LIST_HINT } from '../cli/seed-era-hints';
import { ensureLocalEngine } from '../cli/autostart';
import { formatAddress, parseBootstrap, validateBootstrapServers, type HostPort } from '../cli/bootstrap';
import { checkRequiredArgs } from '../cli/command-line-utils';
import { ExitError, JavaException, OptionException, UsageError } from '../cli/errors';
import { maybePrintHelpOrVersion, printUsageAndExit } from '../cli/help';
import type { ToolIO } from '../cli/io';
import { formatLogLine } from '../cli/log';
import { parseOptions, type OptionSet } from '../cli/options';
import { loadPropertiesFile } from '../cli/properties';
import { Admin } from '../client/admin';
import { listOffsets, tpKey, type OffsetQuery } from '../client/offsets';
import { ApiKey } from '../protocol/apis';
import { KafkaError } from '../protocol/errors';
import { KAFKA_VERSION } from '../cli/version';
import { adminClientSettings } from './topics/client-config';
import { patternListFilter, TerseError, topicAndPartitionFilter, type TopicPartitionFilter } from './get-offsets/filter';
import { getOffsetsSpecs, JAVA_LIST_OFFSETS_LATEST, MIN_VERSION, parseOffsetSpec, USAGE_TEXT } from './get-offsets/options';

const CLIENT_ID = 'GetOffsetShell';
const LOG_PREFIX = `[AdminClient clientId=${CLIENT_ID}] `;

/** Java's Throwable.toString() of anything thrown, and its class. */
function javaParts(e: unknown): { javaClass: string; message: string } {
  if (e instanceof KafkaError) return { javaClass: e.javaName(), message: e.message };
  if (e instanceof JavaException || e instanceof OptionException) return { javaClass: e.javaClass, message: e.message };
  if (e instanceof Error) return { javaClass: 'java.lang.RuntimeException', message: e.message };
  return { javaClass: 'java.lang.RuntimeException', message: String(e) };
}

/** An admin future's failure as Java's ExecutionException (its message is the cause's toString()). */
function executionException(e: unknown): JavaException {
  if (e instanceof JavaException) return e;
  const { javaClass, message } = javaParts(e);
  return new JavaException('java.util.concurrent.ExecutionException', `${javaClass}: ${message}`);
}

interface Partition {
  topic: string;
  partition: number;
  leader: number;
}

async function listPartitions(admin: Admin, filter: TopicPartitionFilter, excludeInternal: boolean): Promise<Partition[]> {
  let topics;
  try {
    topics = await admin.listTopics();
  } catch (e) {
    throw executionException(e);
  }
  const names = topics.filter((t) => !(excludeInternal && t.internal)).map((t) => t.name).filter((t) => filter.isTopicAllowed(t));
  let described;
  try {
    described = await admin.describeTopics(names);
  } catch (e) {
    throw executionException(e);
  }
  const out: Partition[] = [];
  for (const t of described) {
    if (t.errorCode !== 0) continue; // deleted since it was listed
    for (const p of t.partitions) {
      if (filter.isTopicPartitionAllowed(t.name, p.partition)) out.push({ topic: t.name, partition: p.partition, leader: p.leader });
    }
  }
  return out;
}

/** The ListOffsets version range a broker advertises (undefined: not offered at all). */
async function listOffsetsRange(admin: Admin, nodeId: number): Promise<{ min: number; max: number } | undefined> {
  const conn = await admin.cluster.connectionTo(nodeId);
  const body: any = await conn.send(ApiKey.ApiVersions, { clientSoftwareName: 'kafka-local', clientSoftwareVersion: '0.1.0' });
  const k = body.apiKeys.find((x: any) => x.apiKey === ApiKey.ListOffsets);
  return k ? { min: k.minVersion, max: k.maxVersion } : undefined;
}

async function fetchOffsets(opts: OptionSet, io: ToolIO, bootstrap: HostPort[], props: Map<string, string>): Promise<Map<string, number>> {
  if (opts.has('topic-partitions') && (opts.has('topic') || opts.has('partitions'))) {
    throw new TerseError('--topic-partitions cannot be used with --topic or --partitions');
  }
  const excludeInternal = opts.has('exclude-internal-topics');
  const timestamp = parseOffsetSpec(opts.stringValueOf('time')!);
  const filter = opts.has('topic-partitions')
    ? patternListFilter(opts.stringValueOf('topic-partitions')!)
    : topicAndPartitionFilter(opts.stringValueOf('topic'), opts.stringValueOf('partitions'));

  props.set('client.id', CLIENT_ID);
  const settings = adminClientSettings(props);
  settings.check();
  const admin = new Admin({
    bootstrap, clientId: CLIENT_ID, defaultApiTimeoutMs: settings.defaultApiTimeoutMs, requestTimeoutMs: settings.requestTimeoutMs,
    log: (level, message, logger) => { if (level !== 'INFO') io.stderr(`${formatLogLine(level, message, logger)}\n`); },
  });
  try {
    const partitions = await listPartitions(admin, filter, excludeInternal);
    if (partitions.length === 0) throw new TerseError('Could not match any topic-partitions with the specified filters');
    const deadline = Date.now() + settings.defaultApiTimeoutMs;
    const failed = new Map<string, string>();
    let queried = partitions;

    const minVersion = MIN_VERSION.get(timestamp);
    if (minVersion !== undefined) {
      // ListOffsetsHandler.handleUnsupportedVersionException: one WARN per broker, each of its partitions failed.
      const byLeader = new Map<number, Partition[]>();
      for (const p of partitions) byLeader.set(p.leader, [...(byLeader.get(p.leader) ?? []), p]);
      queried = [];
      for (const [leader, list] of byLeader) {
        const range = leader >= 0 ? await listOffsetsRange(admin, leader).catch(() => undefined) : undefined;
        if (range && range.max >= minVersion) { queried.push(...list); continue; }
        io.stderr(`${formatLogLine('WARN', `${LOG_PREFIX}Broker ${leader} does not support MAX_TIMESTAMP offset specs`, 'org.apache.kafka.clients.admin.internals.ListOffsetsHandler')}\n`);
        const message = range
          ? `The node does not support LIST_OFFSETS with version in range [${minVersion},${JAVA_LIST_OFFSETS_LATEST}]. The supported range is [${range.min},${range.max}].`
          : 'The node does not support LIST_OFFSETS';
        for (const p of list) failed.set(tpKey(p.topic, p.partition), `org.apache.kafka.common.errors.UnsupportedVersionException: ${message}`);
      }
    }

    const answers = new Map<string, number>();
    const ask = async (qs: OffsetQuery[]): Promise<void> => {
      const res = await listOffsets(admin.cluster, qs, { deadline, callName: 'listOffsets' });
      for (const [k, a] of res) answers.set(k, a.offset);
    };
    const queries = queried.map((p) => ({ topic: p.topic, partition: p.partition, timestamp }));
    if (queries.length > 0) {
      try {
        await ask(queries);
      } catch (e) {
        if (!(e instanceof KafkaError)) throw e;
        // Some partition failed: ask one by one to tell which (Kafka keeps a future per partition).
        for (const q of queries) {
          try {
            await ask([q]);
          } catch (err) {
            if (!(err instanceof KafkaError)) throw err;
            failed.set(tpKey(q.topic, q.partition), err.javaString());
          }
        }
      }
    }
    const out = new Map<string, number>();
    for (const p of partitions) {
      const key = tpKey(p.topic, p.partition);
      const error = failed.get(key);
      if (error !== undefined) {
        io.stderr(`Skip getting offsets for topic-partition ${p.topic}-${p.partition} due to error: ${error}\n`);
        continue;
      }
      const offset = answers.get(key);
      if (offset !== undefined && offset !== -1) out.set(`${p.topic}\u0000${p.partition}`, offset);
    }
    return out;
  } finally {
    admin.close();
  }
}

function printError(e: unknown, io: ToolIO): number {
  if (e instanceof ExitError) return e.code;
  if (e instanceof TerseError || e instanceof OptionException) {
    io.stderr(`Error occurred: ${e.message}\n`);
    return 1;
  }
  const { javaClass, message } = javaParts(e);
  // println(Utils.stackTrace(e)): the trace's first line here, then the empty line println adds.
  io.stderr(`Error occurred: ${message}\n${javaClass}: ${message}\n\n`);
  if (process.env.KAFKA_LOCAL_DEBUG && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
  return 1;
}

export async function main(argv: string[], io: ToolIO): Promise<number> {
  const specs = getOffsetsSpecs();
  try {
    if (argv.length === 0) printUsageAndExit(io, USAGE_TEXT, specs);
    let opts: OptionSet;
    try {
      opts = parseOptions(specs, argv);
    } catch (e) {
      return printError(e instanceof OptionException ? new TerseError(e.message) : e, io);
    }
    maybePrintHelpOrVersion(opts, io, USAGE_TEXT, KAFKA_VERSION);
    let bootstrapText: string;
    try {
      if (!opts.has('bootstrap-server') && opts.has('broker-list')) {
        io.stderr(BROKER_LIST_HINT);
        bootstrapText = opts.stringValueOf('broker-list')!;
      } else {
        checkRequiredArgs(opts, 'bootstrap-server');
        bootstrapText = opts.stringValueOf('bootstrap-server')!;
      }
      validateBootstrapServers(bootstrapText);
    } catch (e) {
      if (e instanceof UsageError) printUsageAndExit(io, e.message, specs);
      throw e;
    }
    const props = opts.has('command-config') ? loadPropertiesFile(opts.stringValueOf('command-config')!) : new Map<string, string>();
    const bootstrap = parseBootstrap(bootstrapText);
    await ensureLocalEngine(bootstrap.map((hp) => formatAddress(hp.host, hp.port)).join(','), io);
    const offsets = await fetchOffsets(opts, io, bootstrap, props);
    // TreeMap ordered by TopicPartition.toString(): `topic-partition`, compared as strings.
    const rows = [...offsets.entries()].map(([k, offset]) => {
      const [topic, partition] = k.split('\u0000');
      return { topic, partition, offset, key: `${topic}-${partition}` };
    }).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    io.stdout(rows.map((r) => `${r.topic}:${r.partition}:${r.offset}\n`).join(''));
    return 0;
  } catch (e) {
    return printError(e, io);
  }
}
