// kafka-metadata-quorum (Kafka 4.4's MetadataQuorumCommand, argparse4j): describe --status and
// --replication of the KRaft quorum. Kafka's single node is a combined broker+controller; our
// engine answers DescribeQuorum as such a node would. What differs by nature (metadata log
// offsets, directory ids, the controller endpoint, clocks) is masked in deliberate-differences.json.
import { step, type Scenario } from '../lib/scenario';

const B = ['--bootstrap-server', '{bootstrap}'];
const T = 'kafka-metadata-quorum';

function run(name: string, args: string[], files?: Record<string, string>): Scenario {
  return { id: `${T}/${name}`, files, steps: [step(T, ...args)] };
}

export const metadataQuorum: Scenario[] = [
  run('no-args', []),
  run('help', ['--help']),
  run('version', ['--version']),
  run('unknown-option', [...B, '--bogus']),
  run('no-command', [...B]),
  run('unknown-command', [...B, 'show']),
  run('no-bootstrap', ['describe', '--status']),
  run('both-bootstraps', [...B, '--bootstrap-controller', '{bootstrap}', 'describe', '--status']),
  run('describe-nothing', [...B, 'describe']),
  run('describe-both', [...B, 'describe', '--status', '--replication']),
  run('describe-help', [...B, 'describe', '--help']),
  run('describe-status', [...B, 'describe', '--status']),
  run('describe-replication', [...B, 'describe', '--replication']),
  run('describe-replication-human', [...B, 'describe', '--replication', '--human-readable']),
  run('human-readable-with-status', [...B, 'describe', '--status', '--human-readable']),
  run('missing-command-config', [...B, '--command-config', '{dir}/absent.properties', 'describe', '--status']),
];
