import { Command } from '@oclif/core';
import { runToolCommand } from '../cli/oclif-command';

export default class KafkaGetOffsets extends Command {
  static override description = "Print partition offsets for a time (Kafka's kafka-get-offsets).";
  static override strict = false;
  async run(): Promise<void> {
    // Kafka's options are parsed by the tool itself (jopt rules and messages).
    this.parsed = true;
    await runToolCommand('kafka-get-offsets', this.argv);
  }
}
