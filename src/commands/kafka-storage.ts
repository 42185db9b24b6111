import { Command } from '@oclif/core';
import { runToolCommand } from '../cli/oclif-command';

export default class KafkaStorage extends Command {
  static override description = "Format and inspect a node's log directories (Kafka's kafka-storage).";
  static override strict = false;
  async run(): Promise<void> {
    // Kafka's options are parsed by the tool itself (argparse4j rules and messages).
    this.parsed = true;
    await runToolCommand('kafka-storage', this.argv);
  }
}
