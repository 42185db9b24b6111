// `kafka-run-class org.apache.kafka.streams.examples.wordcount.WordCountDemo [config.properties]`:
// the demo's command line. An optional properties file (bootstrap.servers, application.id, ...;
// state.dir is not needed here); more arguments are ignored with the demo's warning. Silent while
// it runs, as the demo under Kafka's tools log configuration (WARN and up, to stderr); runs until
// Ctrl-C.
import * as fs from 'node:fs';
import { ensureLocalEngine } from '../../cli/autostart';
import { JavaException } from '../../cli/errors';
import type { ToolIO } from '../../cli/io';
import { formatLogRecord } from '../../cli/log';
import { loadPropertiesFile } from '../../cli/properties';
import { DEFAULT_APPLICATION_ID, WordCount } from '../streams/word-count';

const SIGNAL_STATUS: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

export async function runWordCountDemo(args: string[], io: ToolIO): Promise<number> {
  let props = new Map<string, string>();
  if (args.length > 0) {
    // new FileInputStream(args[0]) fails before anything starts.
    const problem = !fs.existsSync(args[0]) ? 'No such file or directory' : fs.statSync(args[0]).isDirectory() ? 'Is a directory' : null;
    if (problem !== null) {
      io.stderr(`Exception in thread "main" java.io.FileNotFoundException: ${args[0]} (${problem})\n`);
      return 1;
    }
    props = loadPropertiesFile(args[0]);
    if (args.length > 1) io.stdout('Warning: Some command line arguments were ignored. This demo only accepts an optional configuration file.\n');
  }
  const log = (level: 'WARN' | 'ERROR' | 'INFO', message: string, logger: string) => {
    if (level !== 'INFO') io.stderr(formatLogRecord(level, message, logger));
  };
  const bootstrap = props.get('bootstrap.servers')?.trim() ?? 'localhost:9092';
  await ensureLocalEngine(bootstrap, io);
  const app = new WordCount({
    bootstrap,
    applicationId: props.get('application.id')?.trim() ?? DEFAULT_APPLICATION_ID,
    commitIntervalMs: Number(props.get('commit.interval.ms') ?? 30000) || 30000,
  }, log);
  const signals = Object.keys(SIGNAL_STATUS);
  const signalled = new Promise<string>((resolve) => {
    for (const s of signals) process.once(s, () => resolve(s));
  });
  try {
    const outcome = await Promise.race([app.start().then(() => Promise.race([signalled, app.failed()])), signalled]);
    await app.stop();
    return SIGNAL_STATUS[outcome];
  } catch (e) {
    await app.stop().catch(() => undefined);
    const cls = e instanceof JavaException ? e.javaClass : 'org.apache.kafka.streams.errors.StreamsException';
    io.stderr(formatLogRecord('ERROR', `stream-client [${props.get('application.id') ?? DEFAULT_APPLICATION_ID}] Encountered the following exception during processing and the registered exception handler opted to SHUTDOWN_CLIENT. The streams client is going to shut down now.`,
      'org.apache.kafka.streams.KafkaStreams', { javaClass: cls, message: (e as Error).message }));
    return 1;
  }
}
