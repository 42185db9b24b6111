// kafka-dump-log (Kafka 4.4's DumpLogSegments) over our stored batches: `--files` takes Kafka's
// segment paths for our partitions (<log.dirs>/<topic>-<partition>/<base offset>.log; see
// dump-log/stored-segment.ts for what the "segment" and its positions are here) and prints
// Kafka's dump: the batch lines, and the records with --deep-iteration / --print-data-log /
// --offsets-decoder. Kafka lets option errors escape as uncaught jopt exceptions; so do we.
import { checkRequiredArgs, commonOptions, parseOptions, type OptionSpec } from '../cli/options';
import { UsageError } from '../cli/errors';
import { maybePrintHelpOrVersion, printUsageAndExit } from '../cli/help';
import type { ToolIO } from '../cli/io';
import { JavaException } from '../cli/errors';
import { KAFKA_VERSION } from '../cli/version';
import { batchLine, recordLines } from './dump-log/dump-format';
import { parseSegmentPath, readStoredSegment } from './dump-log/stored-segment';

const HELP = 'This tool helps to parse a log file and dump its contents to the console, useful for debugging a seemingly corrupt log segment.';
const DECODER_DEFAULT = 'org.apache.kafka.tools.api.StringDecoder';

function specs(): OptionSpec[] {
  const flag = (name: string, description: string): OptionSpec => ({ name, arg: 'none', description });
  return [
    ...commonOptions(),
    flag('cluster-metadata-decoder', 'Decode the records as cluster metadata records (not supported here: our metadata is not a log).'),
    flag('deep-iteration', 'Print every record of each batch, not only the batches (implied by --print-data-log).'),
    { name: 'files', arg: 'required', argName: 'file1, file2, ...', description: 'REQUIRED: comma-separated segment files to dump, as Kafka names them: <log.dirs>/<topic>-<partition>/<base offset>.log.' },
    flag('index-sanity-check', 'Only check the index files (there are none here).'),
    { name: 'key-decoder-class', arg: 'optional', argName: '', defaultValue: DECODER_DEFAULT, description: 'How keys are printed; only the default (UTF-8 text) is available.' },
    { name: 'max-bytes', arg: 'required', type: 'int', argName: 'size', defaultValue: 2147483647, description: 'Stop a file after batches totalling this many bytes.' },
    { name: 'max-message-size', arg: 'required', type: 'int', argName: 'size', defaultValue: 5242880, description: 'The largest batch expected.' },
    flag('offsets-decoder', 'Print the records as __consumer_offsets keys and values (JSON).'),
    flag('print-data-log', 'Print each record\'s key and value (implied by a decoder option).'),
    flag('remote-log-metadata-decoder', 'Decode the records as remote log metadata (not supported here).'),
    flag('share-group-state-decoder', 'Decode the records as share group state (not supported here).'),
    flag('skip-record-metadata', 'Print only the key and value of records, and skip control records.'),
    flag('transaction-log-decoder', 'Decode the records as __transaction_state (not supported here).'),
    { name: 'value-decoder-class', arg: 'optional', argName: '', defaultValue: DECODER_DEFAULT, description: 'How values are printed; only the default (UTF-8 text) is available.' },
    flag('verify-index-only', 'Only verify the index files (there are none here).'),
  ];
}

const UNSUPPORTED = ['cluster-metadata-decoder', 'remote-log-metadata-decoder', 'share-group-state-decoder', 'transaction-log-decoder', 'index-sanity-check', 'verify-index-only'];

export async function main(argv: string[], io: ToolIO): Promise<number> {
  const all = specs();
  const opts = parseOptions(all, argv); // errors escape, as in Kafka's tool
  maybePrintHelpOrVersion(opts, io, HELP, KAFKA_VERSION);
  try {
    checkRequiredArgs(opts, 'files');
  } catch (e) {
    if (e instanceof UsageError) printUsageAndExit(io, e.message, all);
    throw e;
  }
  const unsupported = UNSUPPORTED.find((o) => opts.has(o));
  if (unsupported) {
    io.stderr(`kafka-local: --${unsupported} is not supported: the engine keeps no such log or index files\n`);
    return 1;
  }
  for (const o of ['key-decoder-class', 'value-decoder-class']) {
    const v = opts.stringValueOf(o);
    if (v !== undefined && v !== DECODER_DEFAULT) {
      io.stderr(`kafka-local: --${o} ${v} is not available; only ${DECODER_DEFAULT} (UTF-8 text)\n`);
      return 1;
    }
  }
  const offsetsDecoder = opts.has('offsets-decoder');
  const printData = opts.has('print-data-log') || offsetsDecoder || opts.has('key-decoder-class') || opts.has('value-decoder-class');
  const deep = printData || opts.has('deep-iteration');
  const maxBytes = opts.numberValueOf('max-bytes') ?? 2147483647;
  const files = opts.stringValueOf('files')!.split(',');
  for (const file of files) {
    io.stdout(`Dumping ${file}\n`);
    if (!file.endsWith('.log')) {
      io.stderr(`kafka-local: only segment files (.log) can be dumped here; the engine keeps no index files\n`);
      return 1;
    }
    const where = parseSegmentPath(file);
    io.stdout(`Log starting offset: ${where?.baseOffset ?? 0}\n`);
    const segment = readStoredSegment(file);
    if (!segment.batches) throw new JavaException('java.nio.file.NoSuchFileException', file);
    let position = 0;
    for (const batch of segment.batches) {
      if (position + batch.length > maxBytes) break;
      let out = `${batchLine(batch, position)}\n`;
      if (deep) for (const l of recordLines(batch, { printData, skipMetadata: opts.has('skip-record-metadata'), offsetsDecoder })) out += `${l}\n`;
      io.stdout(out);
      position += batch.length;
    }
  }
  return 0;
}
