import { Command } from '@oclif/core';
import { runToolCommand } from '../cli/oclif-command';

export default class KafkaTopics extends Command {
  static override description = 'Create, delete, describe, or change a topic (Kafka\'s kafka-topics).';
  static override strict = false;
  async run(): Promise<void> {
    // Kafka's options are parsed by the tool itself (jopt rules and messages); oclif's parser
    // would reject them, so the raw argv is handed over and the command marked as parsed.
    this.parsed = true;
    await runToolCommand('kafka-topics', this.argv);
  }
}
