// What `kafka-local status` knows of a cluster at one moment: the document `--output json`
// prints (its shape is documented in the README and versioned by STATUS_VERSION), and what the
// table view and the watch loop's diff read. Plain data only: built by gather.ts.

/** Bumped when a field changes meaning or goes away (adding fields keeps it). */
export const STATUS_VERSION = 1;

export interface BrokerStatus {
  id: number;
  /** null for a broker known only as a replica (no live or fenced registration answered). */
  host: string | null;
  port: number | null;
  rack: string | null;
  /** Listed as a live (unfenced) broker by the cluster. */
  alive: boolean;
  /** Partitions (of every topic, internal ones too) this broker leads. */
  partitionsLed: number;
}

export interface ClusterStatus {
  clusterId: string | null;
  /** null when the cluster names no controller. */
  controller: number | null;
  brokers: BrokerStatus[];
}

export interface PartitionStatus {
  partition: number;
  /** null when the partition has no leader. */
  leader: number | null;
  replicas: number[];
  isr: number[];
  /** null where the leader could not be asked (no leader, leader unreachable). */
  logStartOffset: number | null;
  logEndOffset: number | null;
  /** logEndOffset - logStartOffset (compaction and transaction markers make it an upper bound). */
  records: number | null;
  /** Bytes of the leader's replica (DescribeLogDirs); null when unknown. */
  sizeBytes: number | null;
  underReplicated: boolean;
  underMinIsr: boolean;
  leaderless: boolean;
}

export interface TopicStatus {
  name: string;
  topicId: string | null;
  internal: boolean;
  partitionCount: number;
  replicationFactor: number;
  /** The topic's min.insync.replicas (null when its configs could not be read). */
  minInsyncReplicas: number | null;
  /** The topic's own config overrides (DescribeConfigs source DYNAMIC_TOPIC_CONFIG), by name; a sensitive value is null. */
  configs: Record<string, string | null>;
  records: number | null;
  sizeBytes: number | null;
  underReplicatedPartitions: number;
  underMinIsrPartitions: number;
  leaderlessPartitions: number;
  partitions: PartitionStatus[];
}

export interface MemberStatus {
  memberId: string;
  clientId: string;
  host: string;
  groupInstanceId: string | null;
  /** What the member owns, by topic: partition numbers ascending. */
  assignment: { topic: string; partitions: number[] }[];
}

export interface GroupTopicStatus {
  topic: string;
  /** Committed offsets by partition (null: listed without an offset). */
  partitions: { partition: number; committedOffset: number | null; logEndOffset: number | null; lag: number | null }[];
  /** Sum of the partitions' lags (null when no partition's lag is known). */
  lag: number | null;
}

export interface GroupStatus {
  groupId: string;
  /** Stable, Empty, PreparingRebalance, CompletingRebalance, Assigning, Reconciling, Dead, Unknown. */
  state: string;
  /** Classic or Consumer (KIP-848). */
  type: string;
  /** The assignor (protocol name) the group runs, '' when none. */
  assignor: string;
  coordinator: number | null;
  members: MemberStatus[];
  topics: GroupTopicStatus[];
  totalLag: number | null;
  rebalancing: boolean;
  empty: boolean;
  /** Set when the group could not be described; the other fields are then empty. */
  error: string | null;
}

export interface StatusDocument {
  version: number;
  cluster: ClusterStatus;
  topics: TopicStatus[];
  groups: GroupStatus[];
  /** What could not be read (a broker's log dirs, a topic's configs), one sentence each. */
  warnings: string[];
}

export const REBALANCING_STATES = new Set(['PreparingRebalance', 'CompletingRebalance', 'Assigning', 'Reconciling']);
