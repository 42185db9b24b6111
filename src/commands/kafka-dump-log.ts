import { Command } from '@oclif/core';
import { runToolCommand } from '../cli/oclif-command';

export default class KafkaDumpLog extends Command {
  static override description = "Dump a partition's stored batches as Kafka's segment dump (Kafka's kafka-dump-log).";
  static override strict = false;
  async run(): Promise<void> {
    this.parsed = true;
    await runToolCommand('kafka-dump-log', this.argv);
  }
}
