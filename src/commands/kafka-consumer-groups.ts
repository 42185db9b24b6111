import { Command } from '@oclif/core';
import { runToolCommand } from '../cli/oclif-command';

export default class KafkaConsumerGroups extends Command {
  static override description = "List, describe, delete consumer groups or reset their offsets (Kafka's kafka-consumer-groups).";
  static override strict = false;
  async run(): Promise<void> {
    // Kafka's options are parsed by the tool itself (jopt rules and messages).
    this.parsed = true;
    await runToolCommand('kafka-consumer-groups', this.argv);
  }
}
