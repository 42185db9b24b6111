import { Command } from '@oclif/core';
import { runToolCommand } from '../cli/oclif-command';

export default class KafkaReassignPartitions extends Command {
  static override description = "Generate, execute, verify and cancel partition reassignments (Kafka's kafka-reassign-partitions).";
  static override strict = false;
  async run(): Promise<void> {
    // Kafka's options are parsed by the tool itself (jopt rules and messages).
    this.parsed = true;
    await runToolCommand('kafka-reassign-partitions', this.argv);
  }
}
