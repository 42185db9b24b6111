import { Command } from '@oclif/core';
import { runToolCommand } from '../cli/oclif-command';

export default class KafkaServerStart extends Command {
  static override description = 'Start the local Kafka engine (Kafka\'s kafka-server-start).';
  static override strict = false;
  async run(): Promise<void> {
    await runToolCommand('kafka-server-start', this.argv);
  }
}
