import { Command } from '@oclif/core';
import { runToolCommand } from '../cli/oclif-command';

export default class KafkaLogDirs extends Command {
  static override description = "Describe brokers' log directories and partition sizes (Kafka's kafka-log-dirs).";
  static override strict = false;
  async run(): Promise<void> {
    // Kafka's options are parsed by the tool itself (jopt rules and messages).
    this.parsed = true;
    await runToolCommand('kafka-log-dirs', this.argv);
  }
}
