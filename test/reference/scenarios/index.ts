// Every differential scenario, tool by tool.
import type { Scenario } from '../lib/scenario';
import { configs } from './kafka-configs';
import { producer } from './kafka-console-producer';
import { consumer, offsetsFormatters } from './kafka-console-consumer';
import { consumerGroups } from './kafka-consumer-groups';
import { deleteRecords } from './kafka-delete-records';
import { getOffsets } from './kafka-get-offsets';
import { topics } from './kafka-topics';
import { brokerApiVersions } from './kafka-broker-api-versions';
import { metadataQuorum } from './kafka-metadata-quorum';
import { logDirs } from './kafka-log-dirs';
import { leaderElection } from './kafka-leader-election';
import { reassignPartitions } from './kafka-reassign-partitions';
import { producerPerfTest } from './kafka-producer-perf-test';
import { consumerPerfTest } from './kafka-consumer-perf-test';
import { e2eLatency } from './kafka-e2e-latency';
import { storage } from './kafka-storage';
import { dumpLog } from './kafka-dump-log';
import { transactions } from './kafka-transactions';
import { logCleaner } from './log-cleaner';

// The __consumer_offsets formatter scenarios print a whole partition of that topic: they come
// before any scenario that joins a group, while the partitions hold only their own group's records
// (later console consumers use random group ids, which land in any partition); and after the
// topics and configs scenarios, which list every topic: they run on Kafka's brokers only and
// create __consumer_offsets there.
// The log cleaner's scenarios first, on a fresh Kafka broker: at the end of the run (after 850
// scenarios, one of which restarts Kafka's cleaner threads through log.cleaner.threads) Kafka's
// broker cleaned nothing within 120 s, while the same scenarios alone, or right after that
// kafka-configs scenario, pass.
export const scenarios: Scenario[] = [...logCleaner, ...topics, ...configs, ...producer, ...offsetsFormatters, ...consumer, ...getOffsets, ...deleteRecords, ...consumerGroups,
  ...brokerApiVersions, ...metadataQuorum, ...logDirs, ...leaderElection, ...reassignPartitions,
  ...producerPerfTest, ...consumerPerfTest, ...e2eLatency, ...storage, ...dumpLog, ...transactions];

const seen = new Set<string>();
for (const s of scenarios) {
  if (seen.has(s.id)) throw new Error(`scenario id used twice: ${s.id}`);
  seen.add(s.id);
}
