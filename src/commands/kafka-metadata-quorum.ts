import { Command } from '@oclif/core';
import { runToolCommand } from '../cli/oclif-command';

export default class KafkaMetadataQuorum extends Command {
  static override description = "Describe the KRaft metadata quorum (Kafka's kafka-metadata-quorum).";
  static override strict = false;
  async run(): Promise<void> {
    // Kafka's options are parsed by the tool itself (argparse4j rules and messages).
    this.parsed = true;
    await runToolCommand('kafka-metadata-quorum', this.argv);
  }
}
