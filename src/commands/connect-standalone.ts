import { Command } from '@oclif/core';
import { runToolCommand } from '../cli/oclif-command';

export default class ConnectStandalone extends Command {
  static override description = "Kafka Connect in standalone mode with the quickstart's file connectors (Kafka's connect-standalone).";
  static override strict = false;
  async run(): Promise<void> {
    // Arguments are the worker and connector files, read by the tool itself.
    this.parsed = true;
    await runToolCommand('connect-standalone', this.argv);
  }
}
