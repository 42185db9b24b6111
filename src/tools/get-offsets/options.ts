// kafka-get-offsets options (Kafka 4.x GetOffsetShell) and the --time argument. Help texts are
// our own wording; names, argument types, defaults and messages are Kafka's. `--broker-list`
// (3.x, removed in 4.0) is still accepted as an alias, with a hint.
import type { OptionSpec } from '../../cli/options';
import { commonOptions, parseJavaInteger } from '../../cli/options';
import { TerseError } from './filter';

export const USAGE_TEXT = 'An interactive shell for getting topic-partition offsets.';

export function getOffsetsSpecs(): OptionSpec[] {
  return [
    ...commonOptions(),
    { name: 'broker-list', arg: 'required', argName: 'HOST1:PORT1,...,HOST3:PORT3', description: 'Deprecated (removed in Kafka 4.0): use --bootstrap-server.', hidden: true },
    { name: 'bootstrap-server', arg: 'required', argName: 'HOST1:PORT1,...,HOST3:PORT3', description: 'REQUIRED: the broker(s) to connect to, as host:port[,host:port...].' },
    {
      name: 'topic-partitions', arg: 'required', argName: 'topic1:1,topic2:0-3,topic3,topic4:5-,topic5:-3',
      description: 'Comma-separated topic-partition patterns: a topic regex (empty: any topic), optionally followed by \':\' and a partition number, a range LOW-HIGH (HIGH excluded), LOW- or -HIGH. Not with --topic or --partitions.',
    },
    { name: 'topic', arg: 'required', argName: 'topic', description: 'The topic(s) to get offsets for, as a regular expression. Default: all topics. Not with --topic-partitions.' },
    { name: 'partitions', arg: 'required', argName: 'partition ids', description: 'Comma-separated partition ids to get offsets for. Default: all partitions. Not with --topic-partitions.' },
    {
      name: 'time', arg: 'required', defaultValue: 'latest',
      argName: '<timestamp> / -1 or latest / -2 or earliest / -3 or max-timestamp / -4 or earliest-local / -5 or latest-tiered / -6 or earliest-pending-upload',
      description: 'Which offset to get: latest (the next offset to be written), earliest, max-timestamp (the record with the largest timestamp), or the first offset whose timestamp is at or after a timestamp in ms. Partitions with no such offset are not printed.',
    },
    { name: 'command-config', arg: 'required', argName: 'config file', description: 'A Java properties file with settings for the admin client.' },
    { name: 'exclude-internal-topics', arg: 'none', description: 'Leave out internal topics such as __consumer_offsets (included by default).' },
    // Kafka 2.8's GetOffsetShell options that did nothing there either (kept so its invocations run).
    { name: 'offsets', arg: 'required', type: 'int', argName: 'count', description: 'Ignored (Kafka 2.8).', hidden: true },
    { name: 'max-wait-ms', arg: 'required', type: 'int', argName: 'ms', description: 'Ignored (Kafka 2.8).', hidden: true },
  ];
}

/** ListOffsetsRequest sentinels and what ListOffsets version each needs. */
export const EARLIEST = -2;
export const LATEST = -1;
export const MAX_TIMESTAMP = -3;
export const EARLIEST_LOCAL = -4;
export const LATEST_TIERED = -5;
export const EARLIEST_PENDING_UPLOAD = -6;
export const MIN_VERSION: ReadonlyMap<number, number> = new Map([[MAX_TIMESTAMP, 7], [EARLIEST_LOCAL, 8], [LATEST_TIERED, 9], [EARLIEST_PENDING_UPLOAD, 11]]);
/** ListOffsets' latest version in the Kafka client whose messages we print (4.4). */
export const JAVA_LIST_OFFSETS_LATEST = 11;

/** GetOffsetShell.parseOffsetSpec: the ListOffsets timestamp for a --time value. */
export function parseOffsetSpec(time: string): number {
  switch (time) {
    case 'earliest': return EARLIEST;
    case 'latest': return LATEST;
    case 'max-timestamp': return MAX_TIMESTAMP;
    case 'earliest-local': return EARLIEST_LOCAL;
    case 'latest-tiered': return LATEST_TIERED;
    case 'earliest-pending-upload': return EARLIEST_PENDING_UPLOAD;
    default: {
      const ts = parseJavaInteger(time, 64);
      if (ts === undefined) {
        throw new TerseError(`Malformed time argument ${time}. Please use -1 or latest / -2 or earliest / -3 or max-timestamp / -4 or earliest-local / -5 or latest-tiered / -6 or earliest-pending-upload, or a specified long format timestamp`);
      }
      return ts;
    }
  }
}
