// zookeeper-server-start [-daemon] zookeeper.properties: the first command of every pre-3.0
// tutorial. No ZooKeeper is needed here: the engine keeps the cluster's metadata itself, as
// Kafka's KRaft controller does. One line says so; then, as the tutorial expects of this step,
// the command stays in the foreground until Ctrl-C (SIGINT/SIGTERM end it cleanly, status 0).
// -daemon returns at once. No port is bound: `--zookeeper localhost:2181` of the seed-era tools
// reaches the engine directly.
import type { ToolIO } from '../cli/io';

export const NO_ZOOKEEPER_LINE =
  'kafka-local: no ZooKeeper is needed: the engine started by kafka-server-start keeps the cluster metadata itself (its KRaft controller plays ZooKeeper\'s part). Leave this running or press Ctrl-C; go on with the next step.\n';

export async function main(argv: string[], io: ToolIO): Promise<number> {
  const args = argv.filter((a) => a !== '-daemon');
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h') {
    io.stdout(`USAGE: ${process.argv[1] ?? 'zookeeper-server-start'} [-daemon] zookeeper.properties\n`);
    return 1;
  }
  io.stdout(NO_ZOOKEEPER_LINE);
  if (argv.includes('-daemon')) return 0;
  await new Promise<void>((resolve) => {
    const keepAlive = setInterval(() => undefined, 1 << 30);
    const stop = () => {
      clearInterval(keepAlive);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
