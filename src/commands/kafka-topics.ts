import { Command } from '@oclif/core';
import { runToolCommand } from '../cli/oclif-command';

export default class KafkaTopics extends Command {
  static override description = 'Create, delete, describe, or change a topic (Kafka\'s kafka-topics).';
  static override strict = false;
  async run(): Promise<void> {
    await runToolCommand('kafka-topics', this.argv);
  }
}
