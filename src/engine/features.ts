// The feature levels this engine supports and finalizes, reported in ApiVersions (KIP-584) as a
// Kafka 4.4 broker reports them: the levels a cluster formatted with 4.4-IV2 starts with (the ones
// kafka-storage prints, tools/storage/features.ts). transaction.version 2 is transactions v2
// (KIP-890 part 2): clients that see it finalized end every transaction with EndTxn v5 (the
// coordinator bumps the producer epoch) and let the partition leaders add the partitions.
import { BOOTSTRAP_FEATURES, LATEST_LEVEL } from '../tools/storage/features';

export interface SupportedFeature {
  name: string;
  minVersion: number;
  maxVersion: number;
}

/** Kafka finalizes transaction.version 2 by default from 4.0 on; so does this engine. */
export const FINALIZED_TRANSACTION_VERSION = 2;

/** Kafka 4.4 writes TransactionLogValue v1 (flexible, with tags) once transaction.version >= 1. */
export const TRANSACTION_LOG_VALUE_VERSION = 1 as const;

/** The oldest metadata version a Kafka 4.4 broker supports (3.3-IV3). */
const MIN_METADATA_LEVEL = 7;

/** Supported ranges, in the order Kafka 4.4's broker lists them. */
export const SUPPORTED_FEATURES: readonly SupportedFeature[] = [
  { name: 'group.version', minVersion: 0, maxVersion: 1 },
  { name: 'kraft.version', minVersion: 0, maxVersion: 1 },
  { name: 'metadata.version', minVersion: MIN_METADATA_LEVEL, maxVersion: LATEST_LEVEL },
  { name: 'share.version', minVersion: 0, maxVersion: 2 },
  { name: 'streams.version', minVersion: 0, maxVersion: 1 },
  { name: 'transaction.version', minVersion: 0, maxVersion: FINALIZED_TRANSACTION_VERSION },
  { name: 'eligible.leader.replicas.version', minVersion: 0, maxVersion: 1 },
];

/** Finalized levels, in Kafka 4.4's order (every node of ours runs the same build: they never change). */
export const FINALIZED_FEATURES: readonly { name: string; level: number }[] = (() => {
  const level = new Map<string, number>([...BOOTSTRAP_FEATURES, ['kraft.version', 1]]);
  return ['group.version', 'kraft.version', 'share.version', 'metadata.version', 'streams.version', 'transaction.version', 'eligible.leader.replicas.version']
    .map((name) => ({ name, level: level.get(name)! }));
})();

/** The epoch of the finalized features (Kafka: the metadata offset they were read at; ours never change). */
export const FINALIZED_FEATURES_EPOCH = 1;
