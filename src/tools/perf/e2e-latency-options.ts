// kafka-e2e-latency's options (Kafka 4.4's EndToEndLatency, jopt), the seed-era positional form
// (broker_list topic num_messages producer_acks message_size_bytes [properties_file]) converted
// to them with Kafka's deprecation warning, and the checks in Kafka's order.
import { checkRequiredArgs } from '../../cli/command-line-utils';
import { JavaException, UsageError } from '../../cli/errors';
import { commonOptions, type OptionSet, type OptionSpec } from '../../cli/options';

export const HELP_MESSAGE = 'This tool measures end-to-end latency in Kafka by sending messages and timing their reception.';

/** Kafka's TerseException: only its message is printed. */
export class TerseError extends Error {}

export function e2eSpecs(): OptionSpec[] {
  return [
    { name: 'bootstrap-server', arg: 'required', argName: 'bootstrap-server', description: 'REQUIRED: The brokers to connect to, as HOST1:PORT1,HOST2:PORT2.' },
    { name: 'topic', arg: 'required', argName: 'topic-name', description: 'REQUIRED: The topic to send to and read from.' },
    { name: 'num-records', arg: 'required', type: 'int', argName: 'count', description: 'REQUIRED: How many records to send.' },
    { name: 'producer-acks', arg: 'required', argName: 'producer-acks', description: "REQUIRED: The producer's acks, '1' or 'all'." },
    { name: 'record-size', arg: 'required', type: 'int', argName: 'bytes', description: 'REQUIRED: Payload size of each record in bytes.' },
    { name: 'record-key-size', arg: 'optional', type: 'int', argName: 'bytes', description: 'Optional: key size in bytes (no key when not set).', defaultValue: 0 },
    { name: 'record-header-key-size', arg: 'optional', type: 'int', argName: 'bytes', description: 'Optional: size of each header key in bytes.', defaultValue: 0 },
    { name: 'record-header-size', arg: 'optional', type: 'int', argName: 'bytes', description: 'Optional: size of each header value in bytes, -1 for a null value.', defaultValue: 0 },
    { name: 'num-headers', arg: 'optional', type: 'int', argName: 'count', description: 'Optional: how many headers each record has.', defaultValue: 0 },
    { name: 'command-config', arg: 'optional', argName: 'config-file', description: 'Optional: a properties file for the producer, consumer and admin client.' },
    ...commonOptions(),
  ];
}

const NAMED = ['--bootstrap-server', '--topic', '--num-records', '--producer-acks', '--record-size', '--command-config'];

/** EndToEndLatency.convertLegacyArgsIfNeeded. */
export function convertLegacyArgs(args: string[], stdout: (s: string) => void): string[] {
  if (args.length === 0 || args.some((a) => NAMED.includes(a))) return args;
  if (args.length !== 5 && args.length !== 6) {
    throw new TerseError(`Invalid number of arguments. Expected 5 or 6 positional arguments, but got ${args.length}. ` +
      'Usage: bootstrap-server topic num-records producer-acks record-size [optional] command-config');
  }
  stdout('WARNING: Positional argument usage is deprecated and will be removed in Apache Kafka 5.0. Please use named arguments instead: ' +
    '--bootstrap-server, --topic, --num-records, --producer-acks, --record-size, --command-config\n');
  const out = ['--bootstrap-server', args[0], '--topic', args[1], '--num-records', args[2], '--producer-acks', args[3], '--record-size', args[4]];
  if (args.length === 6 && args[5].trim() !== '') out.push('--command-config', args[5]);
  return out;
}

/** checkArgs after help/version: required options, then each value's range. */
export function checkE2eArgs(opts: OptionSet): void {
  checkRequiredArgs(opts, 'bootstrap-server', 'topic', 'num-records', 'producer-acks', 'record-size');
  const acks = opts.stringValueOf('producer-acks')!;
  if (acks !== '1' && acks !== 'all') {
    throw new UsageError("Invalid value for --producer-acks. Latency testing requires synchronous acknowledgement. Please use '1' or 'all'.");
  }
  const check = (name: string, ok: (v: number) => boolean, what: string) => {
    if (!ok(opts.numberValueOf(name)!)) throw new UsageError(`Value for --${name} must be ${what}.`);
  };
  check('num-records', (v) => v > 0, 'a positive integer');
  check('record-size', (v) => v >= 0, 'a non-negative integer');
  check('record-key-size', (v) => v >= 0, 'a non-negative integer');
  check('record-header-key-size', (v) => v >= 0, 'a non-negative integer');
  check('record-header-size', (v) => v >= -1, 'a non-negative integer or -1 for null header value');
  check('num-headers', (v) => v >= 0, 'a non-negative integer');
}

export { JavaException };
