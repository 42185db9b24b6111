// kafka-storage (Kafka 4.4's StorageTool, argparse4j): the quickstart's format and info, their
// refusals, and the command line's errors. The tool touches no broker: every lane runs it on the
// scenario's own directory, with properties files naming log dirs under it. Cluster ids are fixed
// (random-uuid's are new each time); the directory ids format makes are masked.
import { prepare, step, type Scenario } from '../lib/scenario';

const S = 'kafka-storage';
const ID = 'MkU3OEVBNTcwNTJENDM2Qg';
const OTHER = 'AAAAAAAAAAAAAAAAAAAAAB';

/** A combined node's file (Kafka's stock layout) with the given quorum line and log dirs. */
const node = (quorum: string, logDirs: string, roles = 'broker,controller') => [
  `process.roles=${roles}`, 'node.id=1', quorum,
  roles === 'broker' ? 'listeners=PLAINTEXT://:9092' : 'listeners=PLAINTEXT://:9092,CONTROLLER://:9093',
  'controller.listener.names=CONTROLLER', `log.dirs=${logDirs}`, '',
].join('\n');
const BOOTSTRAP = 'controller.quorum.bootstrap.servers=localhost:9093';
const VOTERS = 'controller.quorum.voters=1@localhost:9093';

const files = {
  'server.properties': node(BOOTSTRAP, '{dir}/data'),
  'voters.properties': node(VOTERS, '{dir}/voters'),
  // One dir: Kafka formats several in the hash order of their paths, which differ from lane to lane.
  'broker.properties': node(BOOTSTRAP, '{dir}/b9', 'broker'),
  'a.properties': node(BOOTSTRAP, '{dir}/m1'),
  'b.properties': node(BOOTSTRAP, '{dir}/m2'),
  'ab.properties': node(BOOTSTRAP, '{dir}/m1,{dir}/m2'),
  'here.properties': node(BOOTSTRAP, '{dir}'),
  'absent.properties': node(BOOTSTRAP, '{dir}/absent'),
  'no-roles.properties': 'node.id=1\nlog.dirs={dir}/data\n',
};

const C = (name = 'server') => ['-c', `{dir}/${name}.properties`];
const formatStandalone = (id = ID, name = 'server'): string[] => ['format', '--standalone', '-t', id, ...C(name)];

function one(name: string, ...args: string[]): Scenario {
  return { id: `kafka-storage/${name}`, files, steps: [step(S, ...args)] };
}

export const storage: Scenario[] = [
  one('no-args'),
  one('help', '--help'),
  one('help-short', '-h'),
  one('version-option', '--version'),
  one('invalid-choice', 'bogus'),
  one('format-help', 'format', '--help'),
  one('info-help', 'info', '-h'),
  one('random-uuid-help', 'random-uuid', '--he'),
  one('version-mapping-help', 'version-mapping', '-h'),
  one('feature-dependencies-help', 'feature-dependencies', '-h'),
  one('random-uuid-extra-argument', 'random-uuid', 'extra'),
  one('format-no-options', 'format'),
  one('format-missing-config', 'format', '-t', ID),
  one('format-missing-value', 'format', '-t', ID, '-c'),
  one('format-unknown-option', 'format', '-t', ID, ...C(), '--bogus'),
  one('format-ambiguous-prefix', 'format', '--c', 'x'),
  one('format-standalone-and-no-initial-controllers', 'format', '-t', ID, ...C(), '-N', '-s'),
  one('format-standalone-and-initial-controllers', 'format', '-t', ID, ...C(), '--standalone', '--initial-controllers', '1@localhost:9093:AAAAAAAAAAAAAAAAAAAAAA'),
  one('info-missing-config', 'info'),
  one('info-extra-arguments', 'info', ...C(), 'a', 'b'),
  one('format-without-quorum-option', 'format', '-t', ID, ...C()),
  one('format-voters-and-standalone', 'format', '-t', ID, ...C('voters'), '--standalone'),
  one('format-no-process-roles', 'format', '-t', ID, ...C('no-roles')),
  one('info-no-process-roles', 'info', ...C('no-roles')),
  one('format-config-not-found', 'format', '--standalone', '-t', ID, '-c', '{dir}/absent.properties.txt'),
  one('info-unformatted', 'info', ...C('here')),
  one('info-missing-directory', 'info', ...C('absent')),
  one('version-mapping', 'version-mapping'),
  one('version-mapping-latest', 'version-mapping', '-r', '4.4-IV2'),
  one('format-standalone', ...formatStandalone()),
  one('format-standalone-long-options', 'format', '--standalone', '--cluster-id', ID, '--config={dir}/server.properties'),
  one('format-voters', 'format', '-t', ID, ...C('voters')),
  one('format-broker', 'format', '-t', ID, ...C('broker')),
  one('format-controller-no-initial-controllers', 'format', '-N', '-t', ID, ...C()),
  {
    id: 'kafka-storage/format-then-info',
    files,
    steps: [step(S, ...formatStandalone()), step(S, 'info', ...C())],
  },
  {
    id: 'kafka-storage/format-twice',
    files,
    steps: [prepare(S, ...formatStandalone()), step(S, ...formatStandalone()), step(S, 'format', '--standalone', '-g', '-t', ID, ...C())],
  },
  {
    id: 'kafka-storage/format-for-another-cluster',
    files,
    steps: [prepare(S, ...formatStandalone()), step(S, ...formatStandalone(OTHER)), step(S, 'format', '--standalone', '--ignore-formatted', '-t', OTHER, ...C())],
  },
  {
    id: 'kafka-storage/info-mismatched-cluster-ids',
    files,
    steps: [prepare(S, ...formatStandalone(ID, 'a')), prepare(S, ...formatStandalone(OTHER, 'b')), step(S, 'info', ...C('ab'))],
  },
  {
    id: 'kafka-storage/format-ignore-formatted-formats-the-others',
    files,
    steps: [prepare(S, ...formatStandalone(ID, 'a')), step(S, 'format', '--standalone', '-t', ID, ...C('ab')), step(S, 'format', '-s', '-g', '-t', ID, ...C('ab')), step(S, 'info', ...C('ab'))],
  },
];
