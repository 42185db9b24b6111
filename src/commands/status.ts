import { Command } from '@oclif/core';
import { runToolCommand } from '../cli/oclif-command';

export default class Status extends Command {
  static override description = 'What is in the cluster right now: brokers, topics and consumer groups, as tables or JSON, once or with --watch.';
  static override strict = false;
  async run(): Promise<void> {
    // The tool parses its own options (--watch takes an optional value, which oclif's parser has no form for).
    this.parsed = true;
    await runToolCommand('kafka-local-status', this.argv);
  }
}
