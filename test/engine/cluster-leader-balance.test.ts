// Automatic preferred-leader election on a 3-broker cluster of separate processes, as Kafka's
// controller does it (auto.leader.rebalance.enable, leader.imbalance.check.interval.seconds):
// after a killed broker comes back and rejoins the ISRs, the partitions whose first replica it is
// are led by it again without anyone running kafka-leader-election; with the setting off they
// stay with the brokers that took them over.
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../helpers/cluster';
import { waitFor } from '../helpers/engine';
import { createFailoverTopic, describeTopic, type PartitionLine } from '../helpers/failover';

const preferred = (p: PartitionLine): string => p.replicas.split(',')[0];

/** Kill the preferred leader of partition 0, restart it, and wait until it is back in every ISR; the partitions then. */
async function bounceLeader(cluster: TestCluster, topic: string): Promise<{ bounced: number; parts: PartitionLine[] }> {
  const before = await createFailoverTopic(cluster, topic);
  // Kafka's placement: leaders spread, each partition led by its first replica.
  expect(before.every((p) => p.leader === preferred(p))).toBe(true);
  const bounced = Number(before[0].leader);
  await cluster.signal(bounced, 'SIGKILL');
  await waitFor(async () => (await describeTopic(cluster, topic)).every((p) => Number(p.leader) !== bounced && p.leader !== 'none'), 20000, `leaders moved off broker ${bounced}`);
  await cluster.start(bounced);
  const parts = await waitFor(async () => {
    const ps = await describeTopic(cluster, topic);
    return ps.every((p) => p.isr.split(',').includes(String(bounced))) ? ps : undefined;
  }, 30000, `broker ${bounced} back in every ISR`);
  return { bounced, parts };
}

describe('automatic preferred-leader election', () => {
  it('auto.leader.rebalance.enable=true (the default): the restarted broker leads its preferred partitions again by itself', async () => {
    const cluster = new TestCluster({ brokers: 3, overrides: { 'leader.imbalance.check.interval.seconds': '1' } });
    try {
      await cluster.startAll();
      const { bounced } = await bounceLeader(cluster, 'balanced');
      const parts = await waitFor(async () => {
        const ps = await describeTopic(cluster, 'balanced');
        return ps.every((p) => p.leader === preferred(p)) ? ps : undefined;
      }, 20000, 'every partition led by its first replica again');
      expect(parts.filter((p) => preferred(p) === String(bounced)).map((p) => p.leader)).toEqual([String(bounced)]);
      // The active controller said what it did.
      const said = [...cluster.brokers.values()].some((b) => /Leader imbalance check: \d+ partition\(s\) not led by their preferred replica, electing it for \d+/.test(b.output()));
      expect(said).toBe(true);
    } finally {
      await cluster.stop();
    }
  }, 120000);

  it('auto.leader.rebalance.enable=false: the leaders stay where the failover put them', async () => {
    const cluster = new TestCluster({ brokers: 3, overrides: { 'leader.imbalance.check.interval.seconds': '1', 'auto.leader.rebalance.enable': 'false' } });
    try {
      await cluster.startAll();
      const { bounced, parts } = await bounceLeader(cluster, 'unbalanced');
      expect(parts[0].leader).not.toBe(String(bounced));
      // An absence can only be watched for a while: three check intervals (plus the controller's
      // tick) after the broker is back in the ISRs, which is when the enabled case above elects
      // within one interval. A leader change during that time fails the test at once.
      const until = Date.now() + 3 * 1000 + 1000;
      while (Date.now() < until) {
        const ps = await describeTopic(cluster, 'unbalanced');
        expect(ps.map((p) => p.leader)).toEqual(parts.map((p) => p.leader));
      }
    } finally {
      await cluster.stop();
    }
  }, 120000);
});
