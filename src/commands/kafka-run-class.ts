import { Command } from '@oclif/core';
import { runToolCommand } from '../cli/oclif-command';

export default class KafkaRunClass extends Command {
  static override description = "Run a Kafka main class by name: Kafka's tools and the Streams WordCount demo (Kafka's kafka-run-class).";
  static override strict = false;
  async run(): Promise<void> {
    this.parsed = true;
    await runToolCommand('kafka-run-class', this.argv);
  }
}
