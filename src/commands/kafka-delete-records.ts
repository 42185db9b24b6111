import { Command } from '@oclif/core';
import { runToolCommand } from '../cli/oclif-command';

export default class KafkaDeleteRecords extends Command {
  static override description = "Delete records up to an offset (Kafka's kafka-delete-records).";
  static override strict = false;
  async run(): Promise<void> {
    // Kafka's options are parsed by the tool itself (jopt rules and messages).
    this.parsed = true;
    await runToolCommand('kafka-delete-records', this.argv);
  }
}
