import { Command } from '@oclif/core';
import { runToolCommand } from '../cli/oclif-command';

export default class KafkaLeaderElection extends Command {
  static override description = "Run preferred or unclean leader elections (Kafka's kafka-leader-election).";
  static override strict = false;
  async run(): Promise<void> {
    // Kafka's options are parsed by the tool itself (jopt rules and messages).
    this.parsed = true;
    await runToolCommand('kafka-leader-election', this.argv);
  }
}
