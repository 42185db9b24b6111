import { Command } from '@oclif/core';
import { runToolCommand } from '../cli/oclif-command';

export default class ZookeeperServerStart extends Command {
  static override description = "Say that no ZooKeeper is needed and wait until Ctrl-C (Kafka's zookeeper-server-start).";
  static override strict = false;
  async run(): Promise<void> {
    this.parsed = true;
    await runToolCommand('zookeeper-server-start', this.argv);
  }
}
