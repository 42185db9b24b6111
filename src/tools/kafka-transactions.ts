// kafka-transactions (Kafka 4.4's TransactionsCommand): list, describe, describe-producers, abort,
// find-hanging and forceTerminateTransaction, through our client's transaction admin calls.
// Kafka parses its arguments with argparse4j (transactions/args.ts): an argument error prints the
// parser's usage and `kafka-transactions.sh: error: <message>` on stderr, status 1.
import * as fs from 'node:fs';
import { ExitError } from '../cli/errors';
import type { ToolIO } from '../cli/io';
import { KAFKA_COMMIT_ID, KAFKA_VERSION } from '../cli/version';
import { TransactionAdmin } from '../client/transaction-admin';
import { createAdmin } from './admin-tool';
import { wrapJustified } from './metadata-quorum/argparse-text';
import { ArgumentError, parseArgs, PrintAndExit, type Command, type Parsed } from './transactions/args';
import * as commands from './transactions/commands';
import { usageOf } from './transactions/help-texts';

const PROG = 'kafka-transactions.sh';

const RUN: Record<Command, (ctx: commands.CommandContext) => Promise<void>> = {
  list: commands.list,
  describe: commands.describe,
  'describe-producers': commands.describeProducers,
  abort: commands.abort,
  'find-hanging': commands.findHanging,
  forceTerminateTransaction: commands.forceTerminate,
};

async function execute(p: Parsed, io: ToolIO): Promise<void> {
  if (p.commandConfig !== null && !fs.existsSync(p.commandConfig)) {
    // Utils.loadProps: a NoSuchFileException, whose message is the path.
    io.stderr(`Failed to load admin client properties: ${p.commandConfig}. Enable debug logging for additional detail.\n`);
    throw new ExitError(1);
  }
  const { admin, settings, log, logPrefix } = await createAdmin(p.commandConfig ?? undefined, p.bootstrapServer, io);
  try {
    const txn = new TransactionAdmin(admin, settings.defaultApiTimeoutMs, log, logPrefix);
    await RUN[p.command]({ admin, txn, values: p.values, io, now: () => Date.now() });
  } finally {
    admin.close();
  }
}

export async function main(argv: string[], io: ToolIO): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseArgs(argv, `${KAFKA_VERSION} (Commit:${KAFKA_COMMIT_ID})`);
  } catch (e) {
    if (e instanceof PrintAndExit) {
      io.stdout(e.text);
      return e.code;
    }
    if (e instanceof ArgumentError) {
      io.stderr(`${usageOf(e.help)}${wrapJustified(`${PROG}: error: ${e.message}`)}\n`);
      return 1;
    }
    throw e;
  }
  try {
    await execute(parsed, io);
    return 0;
  } catch (e) {
    if (e instanceof ExitError) return e.code;
    throw e;
  }
}
