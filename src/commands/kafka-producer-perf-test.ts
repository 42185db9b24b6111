import { Command } from '@oclif/core';
import { runToolCommand } from '../cli/oclif-command';

export default class KafkaProducerPerfTest extends Command {
  static override description = "Measure producer throughput and latency (Kafka's kafka-producer-perf-test).";
  static override strict = false;
  async run(): Promise<void> {
    // Kafka's options are parsed by the tool itself (argparse4j rules and messages).
    this.parsed = true;
    await runToolCommand('kafka-producer-perf-test', this.argv);
  }
}
