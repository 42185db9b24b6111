import { Command } from '@oclif/core';
import { runToolCommand } from '../cli/oclif-command';

export default class Ui extends Command {
  static override description = 'A live view of the cluster in the browser (on 127.0.0.1): brokers, partitions drawn as logs, consumer groups and lag, configs, a timeline, and the console command behind each panel.';
  static override strict = false;
  async run(): Promise<void> {
    // The tool parses its own options, as `kafka-local status` does.
    this.parsed = true;
    await runToolCommand('kafka-local-ui', this.argv);
  }
}
