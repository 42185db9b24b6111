import { Command } from '@oclif/core';
import { runToolCommand } from '../cli/oclif-command';

export default class KafkaConsoleProducer extends Command {
  static override description = 'Read lines from standard input and produce them to a topic (Kafka\'s kafka-console-producer).';
  static override strict = false;
  async run(): Promise<void> {
    // Kafka's options are parsed by the tool itself (jopt rules and messages); oclif's parser
    // would reject them, so the raw argv is handed over and the command marked as parsed.
    this.parsed = true;
    await runToolCommand('kafka-console-producer', this.argv);
  }
}
