// kafka-broker-api-versions (Kafka 4.4's BrokerApiVersionsCommand): each broker's API version
// ranges as NodeApiVersions prints them against the tool's own client. The ranges differ by
// nature between Kafka's broker and ours (the engine advertises what it serves); the names, ids
// and layout are compared (see deliberate-differences.json, broker-api-version-ranges).
import { step, type Scenario } from '../lib/scenario';

const B = ['--bootstrap-server', '{bootstrap}'];
const T = 'kafka-broker-api-versions';

function run(name: string, args: string[], files?: Record<string, string>): Scenario {
  return { id: `${T}/${name}`, files, steps: [step(T, ...args)] };
}

export const brokerApiVersions: Scenario[] = [
  run('no-args', []),
  run('help', ['--help']),
  run('version', ['--version']),
  run('unknown-option', [...B, '--bogus']),
  run('missing-value', ['--bootstrap-server']),
  run('missing-bootstrap-server', ['--command-config', '{dir}/admin.properties'], { 'admin.properties': 'client.id=v\n' }),
  run('missing-command-config', [...B, '--command-config', '{dir}/absent.properties']),
  run('describe', [...B]),
  run('command-config', [...B, '--command-config', '{dir}/admin.properties'], { 'admin.properties': 'client.id=versions\n' }),
];
