import { Command } from '@oclif/core';
import { runToolCommand } from '../cli/oclif-command';

export default class ZookeeperServerStop extends Command {
  static override description = "Stop what zookeeper-server-start left running (Kafka's zookeeper-server-stop).";
  static override strict = false;
  async run(): Promise<void> {
    this.parsed = true;
    await runToolCommand('zookeeper-server-stop', this.argv);
  }
}
