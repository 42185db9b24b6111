import { Command } from '@oclif/core';
import { runToolCommand } from '../cli/oclif-command';

export default class KafkaConsumerPerfTest extends Command {
  static override description = "Measure consumer throughput (Kafka's kafka-consumer-perf-test).";
  static override strict = false;
  async run(): Promise<void> {
    // Kafka's options are parsed by the tool itself (jopt rules and messages).
    this.parsed = true;
    await runToolCommand('kafka-consumer-perf-test', this.argv);
  }
}
