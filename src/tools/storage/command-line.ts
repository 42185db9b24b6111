// kafka-storage's command line: Kafka 4.4's StorageTool sub-commands and options (argparse4j),
// with Kafka's usage lines; the descriptions are our own wording.
import type { ArgParser } from '../../cli/argparse';

const FORMAT_USAGE = [
  'usage: kafka-storage format [-h] --config CONFIG --cluster-id CLUSTER_ID',
  '                     [--add-scram ADD_SCRAM] [--ignore-formatted]',
  '                     [--release-version RELEASE_VERSION]',
  '                     [--feature FEATURE] [--standalone |',
  '                     --no-initial-controllers |',
  '                     --initial-controllers INITIAL_CONTROLLERS]',
].join('\n');

const CONFIG = { long: 'config', short: 'c', metavar: 'CONFIG', required: true, help: 'The server properties file whose log.dirs are used.' };

export const STORAGE_COMMAND_LINE: ArgParser = {
  prog: 'kafka-storage',
  usage: 'usage: kafka-storage [-h]\n                     {info,format,version-mapping,feature-dependencies,random-uuid}\n                     ...',
  description: 'Formats and inspects the log directories of a node.',
  commandHelp: {
    info: 'Show what the log directories of this node hold.',
    format: 'Prepare the log directories of this node for a cluster.',
    'version-mapping': 'Show the feature levels that a metadata version implies (the newest without --release-version).',
    'feature-dependencies': 'Show which features a feature level depends on.',
    'random-uuid': 'Print a new random cluster id.',
  },
  commands: [
    { name: 'info', usage: 'usage: kafka-storage info [-h] --config CONFIG', options: [CONFIG] },
    {
      name: 'format',
      usage: FORMAT_USAGE,
      requiredOrder: ['cluster-id', 'config'],
      options: [
        CONFIG,
        { long: 'cluster-id', short: 't', metavar: 'CLUSTER_ID', required: true, help: 'The id of the cluster (see random-uuid).' },
        { long: 'add-scram', short: 'S', metavar: 'ADD_SCRAM', append: true, help: 'A SCRAM credential to create with the cluster, e.g. \'SCRAM-SHA-256=[name=alice,password=alice-secret]\'.' },
        { long: 'ignore-formatted', short: 'g', help: 'Leave directories that are already formatted as they are instead of failing.' },
        { long: 'release-version', short: 'r', metavar: 'RELEASE_VERSION', help: 'The metadata version the cluster starts with (default: the newest, 4.4-IV2).' },
        { long: 'feature', short: 'f', metavar: 'FEATURE', append: true, help: 'A feature level to start with, as feature=level.' },
        { long: 'standalone', short: 's', group: 'quorum', help: 'Make this node the only voter of a new dynamic controller quorum (controller.quorum.bootstrap.servers, not controller.quorum.voters).' },
        { long: 'no-initial-controllers', short: 'N', group: 'quorum', help: 'Format without naming the voters of a dynamic controller quorum.' },
        { long: 'initial-controllers', short: 'I', metavar: 'INITIAL_CONTROLLERS', group: 'quorum', help: 'The voters of a new dynamic controller quorum, as id@host:port:directory-id,...; the same on every node.' },
      ],
    },
    {
      name: 'version-mapping',
      usage: 'usage: kafka-storage version-mapping [-h]\n                     [--release-version RELEASE_VERSION]',
      options: [{ long: 'release-version', short: 'r', metavar: 'RELEASE_VERSION', help: 'The metadata version to show (default: the newest, 4.4-IV2).' }],
    },
    {
      name: 'feature-dependencies',
      usage: 'usage: kafka-storage feature-dependencies [-h] --feature FEATURE',
      options: [{ long: 'feature', short: 'f', metavar: 'FEATURE', required: true, append: true, help: 'A feature level to look up, as feature=level.' }],
    },
    { name: 'random-uuid', usage: 'usage: kafka-storage random-uuid [-h]', options: [] },
  ],
};
