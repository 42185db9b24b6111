import { Command } from '@oclif/core';
import { runToolCommand } from '../cli/oclif-command';

export default class KafkaE2eLatency extends Command {
  static override description = "Measure end-to-end latency, produce to consume (Kafka's kafka-e2e-latency).";
  static override strict = false;
  async run(): Promise<void> {
    // Kafka's options are parsed by the tool itself (jopt rules and messages).
    this.parsed = true;
    await runToolCommand('kafka-e2e-latency', this.argv);
  }
}
