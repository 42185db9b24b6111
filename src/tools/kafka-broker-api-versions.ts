// kafka-broker-api-versions (Kafka 4.4's BrokerApiVersionsCommand): every broker of the cluster
// with the API versions it advertises, as NodeApiVersions.toString prints them against the
// tool's own client (Kafka 4.4's, see protocol/kafka-client-apis.ts):
//
//   localhost:9092 (id: 1 rack: null isFenced: false) -> (
//   	Produce(0): 0 to 13 [usable: 13],
//   	...
//   	DescribeDelegationToken(41): UNSUPPORTED,
//   	...
//   )
//
// A broker that could not be asked prints `<node> -> ERROR: <exception>`.
import type { ToolIO } from '../cli/io';
import { commonOptions, type OptionSet, type OptionSpec } from '../cli/options';
import type { BrokerNode } from '../client/cluster';
import { ReplicaAdmin } from '../client/replica-admin';
import { KafkaError } from '../protocol/errors';
import { KAFKA_CLIENT_APIS } from '../protocol/kafka-client-apis';
import { createAdmin, runAdminCommand } from './admin-tool';
import { nodeOrder } from './broker-api-versions/node-order';

const HELP_MESSAGE = 'This tool helps to retrieve broker version information.';

function specs(): OptionSpec[] {
  return [
    ...commonOptions(),
    { name: 'bootstrap-server', arg: 'required', argName: 'server(s) to use for bootstrapping', description: 'REQUIRED: the broker(s) to connect to, as host:port[,host:port...].' },
    { name: 'command-config', arg: 'required', argName: 'command config property file', description: 'A Java properties file with settings for the admin client.' },
  ];
}

/** NodeApiVersions.apiVersionToText for one API the broker advertises. */
function versionText(id: number, range: { min: number; max: number }): string {
  const api = KAFKA_CLIENT_APIS.get(id);
  let s = `${api ? api.name : 'UNKNOWN'}(${id}): ${range.min === range.max ? range.min : `${range.min} to ${range.max}`}`;
  if (api) {
    if (api.latest < range.min) s += ' [unusable: node too new]';
    else if (range.max < api.oldest) s += ' [unusable: node too old]';
    else s += ` [usable: ${Math.min(api.latest, range.max)}]`;
  }
  return s;
}

/** NodeApiVersions.toString(true): every API the client knows or the broker named, by id. */
export function formatApiVersions(versions: ReadonlyMap<number, { min: number; max: number }>): string {
  const lines = new Map<number, string>();
  for (const [id, range] of versions) lines.set(id, versionText(id, range));
  for (const api of KAFKA_CLIENT_APIS.values()) {
    if (!lines.has(api.id)) lines.set(api.id, `${api.name}(${api.id}): UNSUPPORTED`);
  }
  const ordered = [...lines].sort((a, b) => a[0] - b[0]).map(([, l]) => l);
  return `(\n\t${ordered.join(',\n\t')}\n)`;
}

/** Node.toString in Kafka 4.4. */
export function nodeText(n: BrokerNode): string {
  return `${n.host}:${n.port} (id: ${n.nodeId} rack: ${n.rack ?? 'null'} isFenced: false)`;
}

async function execute(opts: OptionSet, io: ToolIO): Promise<void> {
  const { admin, settings } = await createAdmin(opts.stringValueOf('command-config'), opts.stringValueOf('bootstrap-server')!, io);
  try {
    const results = await new ReplicaAdmin(admin, settings.defaultApiTimeoutMs).brokerApiVersions();
    for (const { node, versions } of nodeOrder(results, (r) => r.node)) {
      if (versions instanceof KafkaError) io.stdout(`${nodeText(node)} -> ERROR: ${versions.javaString()}\n`);
      else io.stdout(`${nodeText(node)} -> ${formatApiVersions(versions)}\n`);
    }
  } finally {
    admin.close();
  }
}

export function main(argv: string[], io: ToolIO): Promise<number> {
  return runAdminCommand(argv, io, { specs: specs(), help: HELP_MESSAGE, required: ['bootstrap-server'], execute });
}
