import { Command } from '@oclif/core';
import { runToolCommand } from '../cli/oclif-command';

export default class KafkaTransactions extends Command {
  static override description = "List, describe and abort transactions (Kafka's kafka-transactions).";
  static override strict = false;
  async run(): Promise<void> {
    // Kafka's options are parsed by the tool itself (argparse4j rules and messages).
    this.parsed = true;
    await runToolCommand('kafka-transactions', this.argv);
  }
}
