// kafka-delete-records: delete the records of partitions below given offsets (Kafka 4.x
// DeleteRecordsCommand): read --offset-json-file, call the admin client's deleteRecords and print
//
//   Executing records delete operation
//   Records delete operation completed:
//   partition: t-0<TAB>low_watermark: 3          (or  partition: t-0<TAB>error: <exception>)
//
// one line per partition, sorted by topic and partition (Kafka 4.4's order is random per run).
// Failures of the command itself print the message and then the exception's first stack-trace line
// and an empty line on stderr, exit 1, as Kafka's mainNoExit (which prints the whole trace); usage
// problems print the help table.
import type { ToolIO } from '../cli/io';
import { commonOptions, type OptionSet, type OptionSpec } from '../cli/options';
import { tpKey } from '../client/offsets';
import { deleteRecords } from '../client/records-admin';
import { KafkaError } from '../protocol/errors';
import { createAdmin, readFileAsString, runAdminCommand } from './admin-tool';
import { parseOffsetJson } from './delete-records/offset-json';

const HELP_MESSAGE = 'This tool helps to delete records of the given partitions down to the specified offset.';

function specs(): OptionSpec[] {
  return [
    ...commonOptions(),
    { name: 'bootstrap-server', arg: 'required', argName: 'server(s) to use for bootstrapping', description: 'REQUIRED: the broker(s) to connect to, as host:port[,host:port...].' },
    {
      name: 'offset-json-file', arg: 'required', argName: 'Offset json file path',
      description: 'REQUIRED: a JSON file giving, per partition, the offset to delete records up to (-1: up to the high watermark):\n{"partitions":\n  [{"topic": "foo", "partition": 1, "offset": 1}],\n "version":1\n}',
    },
    { name: 'command-config', arg: 'required', argName: 'command config property file path', description: 'A Java properties file with settings for the admin client.' },
  ];
}

async function execute(opts: OptionSet, io: ToolIO): Promise<void> {
  const { admin, settings, log, logPrefix } = await createAdmin(opts.stringValueOf('command-config'), opts.stringValueOf('bootstrap-server')!, io);
  try {
    const partitions = parseOffsetJson(readFileAsString(opts.stringValueOf('offset-json-file')!));
    io.stdout('Executing records delete operation\n');
    const pending = deleteRecords(admin.cluster, partitions.map((p) => ({ topic: p.topic, partition: p.partition, beforeOffset: p.offset })), {
      deadline: Date.now() + settings.defaultApiTimeoutMs, log, logPrefix,
    });
    io.stdout('Records delete operation completed:\n');
    const results = await pending;
    // Kafka 4.4 iterates an immutable map salted per JVM: its order is random. Ours is sorted.
    const sorted = [...partitions].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
    for (const p of sorted) {
      const r = results.get(tpKey(p.topic, p.partition));
      const name = `${p.topic}-${p.partition}`;
      if (r === undefined) continue;
      if (r instanceof KafkaError) io.stdout(`partition: ${name}\terror: ${r.javaString()}\n`);
      else io.stdout(`partition: ${name}\tlow_watermark: ${r.lowWatermark}\n`);
    }
  } finally {
    admin.close();
  }
}

export function main(argv: string[], io: ToolIO): Promise<number> {
  return runAdminCommand(argv, io, { specs: specs(), help: HELP_MESSAGE, required: ['bootstrap-server', 'offset-json-file'], execute });
}
