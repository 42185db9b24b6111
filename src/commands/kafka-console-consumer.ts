import { Command } from '@oclif/core';
import { runToolCommand } from '../cli/oclif-command';

export default class KafkaConsoleConsumer extends Command {
  static override description = 'Consume records from topics and print them (Kafka\'s kafka-console-consumer).';
  static override strict = false;
  async run(): Promise<void> {
    // Kafka's options are parsed by the tool itself (jopt rules and messages); oclif's parser
    // would reject them, so the raw argv is handed over and the command marked as parsed.
    this.parsed = true;
    await runToolCommand('kafka-console-consumer', this.argv);
  }
}
