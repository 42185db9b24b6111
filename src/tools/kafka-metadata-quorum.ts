// kafka-metadata-quorum (Kafka 4.4's MetadataQuorumCommand): `describe --status` and
// `describe --replication [--human-readable]` of the KRaft quorum, through a broker
// (--bootstrap-server, which forwards DescribeQuorum to the controller) or a controller
// (--bootstrap-controller). Kafka parses its arguments with argparse4j, so usage and errors are
// argparse's (metadata-quorum/argparse-text.ts); add-controller and remove-controller are
// recognised but not offered (a local cluster's quorum is fixed).
import * as fs from 'node:fs';
import { ExitError, JavaException } from '../cli/errors';
import type { ToolIO } from '../cli/io';
import { parseBootstrap } from '../cli/bootstrap';
import { loadPropertiesFile } from '../cli/properties';
import { describeQuorumAt, ReplicaAdmin, type QuorumInfo } from '../client/replica-admin';
import type { QuorumReplicaState } from '../protocol/messages';
import { ErrorCode, KafkaError } from '../protocol/errors';
import { createAdmin, printEscaped } from './admin-tool';
import { wrapJustified } from './metadata-quorum/argparse-text';

const PROG = 'kafka-metadata-quorum';
const USAGE = `usage: ${PROG} [-h] [--command-config COMMAND_CONFIG]
                             (--bootstrap-server BOOTSTRAP_SERVER |
                             --bootstrap-controller BOOTSTRAP_CONTROLLER)
                             {describe,add-controller,remove-controller}
                             ...
`;
const DESCRIBE_USAGE = `usage: ${PROG} (--bootstrap-server BOOTSTRAP_SERVER |
                             --bootstrap-controller BOOTSTRAP_CONTROLLER)
                             describe [-h] [--status] [--replication]
                             [--human-readable]
`;
const HELP = `${USAGE}
This tool describes kraft metadata quorum status.

positional arguments:
  {describe,add-controller,remove-controller}
    describe             Show the quorum's leader, voters and observers
    add-controller       Add a controller to the quorum
    remove-controller    Remove a controller from the quorum

optional arguments:
  -h, --help             show this help message and exit
  --bootstrap-server BOOTSTRAP_SERVER
                         Brokers to connect to, as host:port[,host:port...]
  --bootstrap-controller BOOTSTRAP_CONTROLLER
                         Controllers  to  connect  to,   as   host:port[,
                         host:port...]
  --command-config COMMAND_CONFIG
                         A Java properties file with settings for the admin
                         client (for add-controller, also the controller's
                         own properties)
`;
const DESCRIBE_HELP = `${DESCRIBE_USAGE}
optional arguments:
  -h, --help             show this help message and exit

Status:
  --status               The quorum's leader, epoch, high watermark, lag and
                         members

Replication:
  --replication          Each member's log end offset, lag and fetch times
  --human-readable       Show times as how long ago they were
`;

/** argparse's error exit: the usage and the wrapped message on stderr, status 1. */
class ArgumentError extends Error {
  constructor(message: string, readonly usage = USAGE) {
    super(message);
  }
}

interface Parsed {
  commandConfig?: string;
  bootstrapServer?: string;
  bootstrapController?: string;
  command: string;
  status: boolean;
  replication: boolean;
  humanReadable: boolean;
}

const COMMANDS = ['describe', 'add-controller', 'remove-controller'];

function parse(argv: readonly string[], io: ToolIO): Parsed {
  const p: Partial<Parsed> & { status: boolean; replication: boolean; humanReadable: boolean } = { status: false, replication: false, humanReadable: false };
  const unrecognized: string[] = [];
  let i = 0;
  const value = (name: string): string => {
    const v = argv[i + 1];
    if (v === undefined || (v.startsWith('-') && v.length > 1)) throw new ArgumentError(`argument ${name}: expected one argument`);
    i++;
    return v;
  };
  for (; i < argv.length && p.command === undefined; i++) {
    const a = argv[i];
    const [name, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const take = (n: string): string => (inline !== undefined ? inline : value(n));
    if (a === '-h' || a === '--help') {
      io.stdout(HELP);
      throw new ExitError(0);
    } else if (name === '--command-config') p.commandConfig = take(name);
    else if (name === '--bootstrap-server') {
      if (p.bootstrapController !== undefined) throw new ArgumentError('argument --bootstrap-server: not allowed with argument --bootstrap-controller');
      p.bootstrapServer = take(name);
    } else if (name === '--bootstrap-controller') {
      if (p.bootstrapServer !== undefined) throw new ArgumentError('argument --bootstrap-controller: not allowed with argument --bootstrap-server');
      p.bootstrapController = take(name);
    } else if (a.startsWith('-') && a.length > 1) unrecognized.push(a);
    else if (COMMANDS.includes(a)) p.command = a;
    else throw new ArgumentError(`invalid choice: '${a}' (choose from ${COMMANDS.map((c) => `'${c}'`).join(', ')})`);
  }
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (p.command === 'describe' && (a === '-h' || a === '--help')) {
      io.stdout(DESCRIBE_HELP);
      throw new ExitError(0);
    }
    if (p.command === 'describe' && a === '--status') p.status = true;
    else if (p.command === 'describe' && a === '--replication') p.replication = true;
    else if (p.command === 'describe' && a === '--human-readable') p.humanReadable = true;
    else unrecognized.push(a);
  }
  if (unrecognized.length > 0) throw new ArgumentError(`unrecognized arguments: ${unrecognized.map((u) => `'${u}'`).join(' ')}`);
  if (p.command === undefined) throw new ArgumentError('too few arguments');
  if (p.bootstrapServer === undefined && p.bootstrapController === undefined) {
    throw new ArgumentError('one of the arguments --bootstrap-server --bootstrap-controller is required');
  }
  return p as Parsed;
}

/** ToolsUtils.prettyPrintTable: every cell left-justified to its column's width, then a tab. */
export function prettyTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  return [headers, ...rows].map((r) => r.map((cell, c) => `${cell.padEnd(widths[c])}\t`).join('') + '\n').join('');
}

function leaderOf(q: QuorumInfo): QuorumReplicaState {
  const leader = q.voters.find((v) => v.replicaId === q.leaderId);
  if (!leader) throw new KafkaError(ErrorCode.UNKNOWN_SERVER_ERROR, 'The leader of the quorum is not one of its voters');
  return leader;
}

const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';

function memberJson(q: QuorumInfo, r: QuorumReplicaState, withEndpoints: boolean): string {
  let s = `{"id": ${r.replicaId}`;
  if (r.replicaDirectoryId && r.replicaDirectoryId !== ZERO_UUID) s += `, "directoryId": "${r.replicaDirectoryId}"`;
  const endpoints = q.nodes.get(r.replicaId) ?? [];
  if (withEndpoints && endpoints.length > 0) s += `, "endpoints": [${endpoints.map((e) => `"${e.name}://${e.host}:${e.port}"`).join(', ')}]`;
  return `${s}}`;
}

export function formatStatus(clusterId: string | null, q: QuorumInfo): string {
  const leader = leaderOf(q);
  const laggiest = q.voters.reduce((a, b) => (b.logEndOffset < a.logEndOffset ? b : a));
  const lagTime = laggiest === leader ? 0
    : leader.lastCaughtUpTimestamp >= 0 && laggiest.lastCaughtUpTimestamp >= 0 ? leader.lastCaughtUpTimestamp - laggiest.lastCaughtUpTimestamp : -1;
  const line = (k: string, v: string | number) => `${`${k}:`.padEnd(24)}${v}\n`;
  return line('ClusterId', clusterId ?? 'null')
    + line('LeaderId', q.leaderId)
    + line('LeaderEpoch', q.leaderEpoch)
    + line('HighWatermark', q.highWatermark)
    + line('MaxFollowerLag', Number(leader.logEndOffset) - Number(laggiest.logEndOffset))
    + line('MaxFollowerLagTimeMs', lagTime)
    + line('CurrentVoters', `[${q.voters.map((v) => memberJson(q, v, true)).join(', ')}]`)
    + line('CurrentObservers', `[${q.observers.map((o) => memberJson(q, o, false)).join(', ')}]`);
}

export function formatReplication(q: QuorumInfo, humanReadable: boolean, now = Date.now()): string {
  const leader = leaderOf(q);
  const time = (t: number) => (humanReadable && t >= 0 ? `${now - t} ms ago` : String(t));
  const row = (r: QuorumReplicaState, status: string) => [
    String(r.replicaId), r.replicaDirectoryId, String(r.logEndOffset), String(Number(leader.logEndOffset) - Number(r.logEndOffset)),
    time(Number(r.lastFetchTimestamp)), time(Number(r.lastCaughtUpTimestamp)), status,
  ];
  const rows = [
    row(leader, 'Leader'),
    ...q.voters.filter((v) => v !== leader).map((v) => row(v, 'Follower')),
    ...q.observers.map((o) => row(o, 'Observer')),
  ];
  return prettyTable(['NodeId', 'DirectoryId', 'LogEndOffset', 'Lag', 'LastFetchTimestamp', 'LastCaughtUpTimestamp', 'Status'], rows);
}

async function describe(p: Parsed, io: ToolIO): Promise<void> {
  if (p.commandConfig !== undefined && !fs.existsSync(p.commandConfig)) {
    throw new JavaException('org.apache.kafka.common.errors.InvalidConfigurationException', `Properties file ${p.commandConfig} does not exist.`);
  }
  if (p.status && p.replication) throw new JavaException('org.apache.kafka.common.errors.InvalidConfigurationException', 'Only one of --status or --replication should be specified with describe sub-command');
  if (!p.status && !p.replication) throw new JavaException('org.apache.kafka.common.errors.InvalidConfigurationException', 'One of --status or --replication must be specified with describe sub-command');
  if (p.humanReadable && !p.replication) throw new JavaException('org.apache.kafka.common.errors.InvalidConfigurationException', 'The option --human-readable is only supported along with --replication');
  let quorum: QuorumInfo;
  let clusterId: string | null = null;
  if (p.bootstrapServer !== undefined) {
    const { admin, settings } = await createAdmin(p.commandConfig, p.bootstrapServer, io);
    try {
      const replicaAdmin = new ReplicaAdmin(admin, settings.defaultApiTimeoutMs);
      quorum = await replicaAdmin.describeMetadataQuorum();
      if (p.status) {
        await replicaAdmin.brokers();
        clusterId = admin.cluster.clusterId;
      }
    } finally {
      admin.close();
    }
  } else {
    const props = p.commandConfig !== undefined ? loadPropertiesFile(p.commandConfig) : new Map<string, string>();
    const [hp] = parseBootstrap(p.bootstrapController!);
    ({ quorum, clusterId } = await describeQuorumAt(hp.host, hp.port, props.get('client.id') || 'adminclient-1', 30000));
  }
  io.stdout(p.status ? formatStatus(clusterId, quorum) : formatReplication(quorum, p.humanReadable));
}

export async function main(argv: string[], io: ToolIO): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parse(argv, io);
  } catch (e) {
    if (e instanceof ExitError) return e.code;
    if (e instanceof ArgumentError) {
      io.stderr(`${e.usage}${wrapJustified(`${PROG}: error: ${e.message}`)}\n`);
      return 1;
    }
    throw e;
  }
  try {
    if (parsed.command !== 'describe') {
      throw KafkaError.from(ErrorCode.UNSUPPORTED_VERSION, `The node does not support ${parsed.command === 'add-controller' ? 'ADD_RAFT_VOTER' : 'REMOVE_RAFT_VOTER'}`);
    }
    await describe(parsed, io);
    return 0;
  } catch (e) {
    // MetadataQuorumCommand.mainNoExit: the message alone on stderr, status 1.
    if (e instanceof ExitError) return e.code;
    if (process.env.KAFKA_LOCAL_DEBUG) return printEscaped(e, io);
    io.stderr(`${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
