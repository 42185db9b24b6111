import { Command } from '@oclif/core';
import { runToolCommand } from '../cli/oclif-command';

export default class KafkaConfigs extends Command {
  static override description = "Describe or alter topic and broker configs (Kafka's kafka-configs).";
  static override strict = false;
  async run(): Promise<void> {
    // Kafka's options are parsed by the tool itself (jopt rules and messages).
    this.parsed = true;
    await runToolCommand('kafka-configs', this.argv);
  }
}
