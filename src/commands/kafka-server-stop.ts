import { Command } from '@oclif/core';
import { runToolCommand } from '../cli/oclif-command';

export default class KafkaServerStop extends Command {
  static override description = 'Stop the local Kafka engines this user started (Kafka\'s kafka-server-stop).';
  static override strict = false;
  async run(): Promise<void> {
    await runToolCommand('kafka-server-stop', this.argv);
  }
}
