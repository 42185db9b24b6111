// kafka-topics (spec/cli.md section 2).
import { prepare, step, type Scenario } from '../lib/scenario';

const B = ['--bootstrap-server', '{bootstrap}'];

export const topics: Scenario[] = [
  { id: 'kafka-topics/no-args', steps: [step('kafka-topics')] },
  { id: 'kafka-topics/version', steps: [step('kafka-topics', '--version')] },
  { id: 'kafka-topics/create', steps: [step('kafka-topics', ...B, '--create', '--topic', 'first_topic', '--partitions', '3')] },
  { id: 'kafka-topics/list', steps: [prepare('kafka-topics', ...B, '--create', '--topic', 'a'), step('kafka-topics', ...B, '--list')] },
  {
    id: 'kafka-topics/describe',
    steps: [prepare('kafka-topics', ...B, '--create', '--topic', 'orders', '--partitions', '2', '--config', 'retention.ms=1000'), step('kafka-topics', ...B, '--describe', '--topic', 'orders')],
  },
  { id: 'kafka-topics/describe-unknown', steps: [step('kafka-topics', ...B, '--describe', '--topic', 'nope')] },
  { id: 'kafka-topics/zookeeper-list', legacy: true, steps: [prepare('kafka-topics', '--zookeeper', '{zookeeper}', '--create', '--topic', 'a', '--partitions', '1', '--replication-factor', '1'), step('kafka-topics', '--zookeeper', '{zookeeper}', '--list')] },
];
