import { Command } from '@oclif/core';
import { runToolCommand } from '../cli/oclif-command';

export default class KafkaBrokerApiVersions extends Command {
  static override description = "Print each broker's supported API versions (Kafka's kafka-broker-api-versions).";
  static override strict = false;
  async run(): Promise<void> {
    // Kafka's options are parsed by the tool itself (jopt rules and messages).
    this.parsed = true;
    await runToolCommand('kafka-broker-api-versions', this.argv);
  }
}
