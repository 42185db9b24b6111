// kafka-log-dirs (Kafka 4.4's LogDirsCommand): --describe asks each broker (all of the cluster, or
// --broker-list's) for its log dirs and prints
//
//   Querying brokers for log directories information
//   Received log directory information from brokers 1,2,3
//   {"brokers":[{"broker":1,"logDirs":[{"partitions":[{"partition":"t-0","size":85,"offsetLag":0,"isFuture":false}],"error":null,"logDir":"/data"}]}],"version":1}
//
// keeping only --topic-list's topics when given. Brokers, dirs and partitions come in the
// iteration order of the Java maps Kafka walks (HashMaps keyed by id, path and TopicPartition).
// A --broker-list naming brokers the cluster does not have: `ERROR: The given brokers do not
// exist from --broker-list: 7. Current existent brokers: 1` on stderr, exit 1.
import { JavaException } from '../cli/errors';
import type { ToolIO } from '../cli/io';
import { commonOptions, parseJavaInteger, type OptionSet, type OptionSpec } from '../cli/options';
import { ReplicaAdmin, type LogDirDescription } from '../client/replica-admin';
import { KafkaError } from '../protocol/errors';
import { javaHashMapOrderBy, javaHashMapOrderByHash, javaTopicPartitionHashCode } from '../util/java-hash';
import { createAdmin, runAdminCommand } from './admin-tool';

const HELP_MESSAGE = 'This tool helps to query log directory usage on the specified brokers.';

function specs(): OptionSpec[] {
  return [
    ...commonOptions(),
    { name: 'bootstrap-server', arg: 'required', argName: 'The server(s) to use for bootstrapping', description: 'REQUIRED: the broker(s) to connect to, as host:port[,host:port...].' },
    { name: 'command-config', arg: 'required', argName: 'Admin client property file', description: 'A Java properties file with settings for the admin client.' },
    { name: 'describe', arg: 'none', description: 'Show the log directories of the brokers.' },
    { name: 'topic-list', arg: 'required', argName: 'Topic list', defaultValue: '', description: 'Only these topics, as "t1,t2,t3" (default: every topic).' },
    { name: 'broker-list', arg: 'required', argName: 'Broker list', defaultValue: '', description: 'Only these brokers, as "0,1,2" (default: every broker of the cluster).' },
  ];
}

/** Java's String.split(",") then the non-empty items. */
const items = (s: string): string[] => s.split(',').filter((x) => x !== '');

/** Integer.valueOf, failing as Java does. */
function javaInt(s: string): number {
  const v = parseJavaInteger(s, 32);
  if (v === undefined) throw new JavaException('java.lang.NumberFormatException', `For input string: "${s}"`);
  return v;
}

/** Java's ascending iteration of a small HashSet<Integer> (ids hash to themselves). */
const intSetOrder = (ids: Iterable<number>): number[] => javaHashMapOrderByHash([...new Set(ids)], (n) => n);

export function formatLogDirsJson(byBroker: ReadonlyMap<number, LogDirDescription[]>, topics: ReadonlySet<string>): string {
  const brokers = intSetOrder(byBroker.keys()).map((broker) => {
    const dirs = javaHashMapOrderBy(byBroker.get(broker)!, (d) => d.path);
    const logDirs = dirs.map((d) => {
      // A HashMap of the kept replicas only: Kafka's order on a broker with many partitions
      // (t-0 before t-1 where the broker's full map would give t-1 first) shows it is sized by them.
      const replicas = javaHashMapOrderByHash(d.replicas.filter((r) => topics.size === 0 || topics.has(r.topic)),
        (r) => javaTopicPartitionHashCode(r.topic, r.partition));
      const partitions = replicas.map((r) => `{"partition":${JSON.stringify(`${r.topic}-${r.partition}`)},"size":${r.size},"offsetLag":${r.offsetLag},"isFuture":${r.isFuture}}`);
      const error = d.error ? JSON.stringify(d.error.javaName()) : 'null';
      return `{"partitions":[${partitions.join(',')}],"error":${error},"logDir":${JSON.stringify(d.path)}}`;
    });
    return `{"broker":${broker},"logDirs":[${logDirs.join(',')}]}`;
  });
  return `{"brokers":[${brokers.join(',')}],"version":1}`;
}

async function execute(opts: OptionSet, io: ToolIO): Promise<number> {
  const topics = new Set(items(opts.stringValueOf('topic-list') ?? ''));
  const { admin, settings } = await createAdmin(opts.stringValueOf('command-config'), opts.stringValueOf('bootstrap-server')!, io);
  try {
    const replicaAdmin = new ReplicaAdmin(admin, settings.defaultApiTimeoutMs);
    const clusterBrokers = intSetOrder((await replicaAdmin.brokers()).map((b) => b.nodeId));
    const listed = items(opts.stringValueOf('broker-list') ?? '').map(javaInt);
    const inputBrokers = listed.length > 0 ? intSetOrder(listed) : clusterBrokers;
    const missing = inputBrokers.filter((b) => !clusterBrokers.includes(b));
    if (missing.length > 0) {
      io.stderr(`ERROR: The given brokers do not exist from --broker-list: ${missing.join(',')}. Current existent brokers: ${clusterBrokers.join(',')}\n`);
      return 1;
    }
    io.stdout('Querying brokers for log directories information\n');
    const described = await replicaAdmin.describeLogDirs(inputBrokers);
    const byBroker = new Map<number, LogDirDescription[]>();
    for (const [id, r] of described) {
      // allDescriptions().get(): the first failed broker fails the whole call.
      if (r instanceof KafkaError) throw r;
      byBroker.set(id, r);
    }
    io.stdout(`Received log directory information from brokers ${inputBrokers.join(',')}\n`);
    io.stdout(`${formatLogDirsJson(byBroker, topics)}\n`);
    return 0;
  } finally {
    admin.close();
  }
}

export function main(argv: string[], io: ToolIO): Promise<number> {
  return runAdminCommand(argv, io, { specs: specs(), help: HELP_MESSAGE, required: ['bootstrap-server', 'describe'], execute });
}
