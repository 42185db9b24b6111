// What a partition assignor sees and returns, shaped like Java's ConsumerPartitionAssignor
// (GroupSubscription in, per-member partition lists out). Assignors are pure functions of this
// input, so the leader's result is the same whichever member computes it.

export interface TopicPartition {
  topic: string;
  partition: number;
}

/** One member's JoinGroup metadata (ConsumerProtocolSubscription), as the leader decodes it. */
export interface MemberSubscription {
  memberId: string;
  groupInstanceId: string | null;
  /** Subscribed topics, in the member's own order. */
  topics: string[];
  /** v1+: partitions the member owns now (cooperative protocol); [] otherwise. */
  ownedPartitions: TopicPartition[];
  /** v2+: the member's generation when it joined; -1 when unknown (v0/v1 subscriptions). */
  generationId: number;
  /** true when the subscription carries a generation (ConsumerProtocolSubscription v2+). */
  hasGenerationId: boolean;
  userData: Buffer | null;
  rackId: string | null;
}

export type RebalanceProtocol = 'eager' | 'cooperative';

export interface PartitionAssignor {
  /** The protocol name put in JoinGroup ("range", "roundrobin", "cooperative-sticky", "sticky"). */
  readonly name: string;
  /** RebalanceProtocols this assignor supports (Java: supportedProtocols()). */
  readonly supportedProtocols: readonly RebalanceProtocol[];
  /**
   * partitionsPerTopic: partition count of every subscribed topic the leader knows (topics without
   * metadata are left out, as Java's AbstractPartitionAssignor skips them). members: in the order of
   * the JoinGroup response. Returns every member's partitions (an entry for each member).
   */
  assign(partitionsPerTopic: ReadonlyMap<string, number>, members: readonly MemberSubscription[]): Map<string, TopicPartition[]>;
  /** The assignor's user data for this member's next JoinGroup (null for none). */
  subscriptionUserData(): Buffer | null;
  /** Told each assignment received and its generation (the sticky assignors keep them). */
  onAssignment(generationId: number, assigned: readonly TopicPartition[]): void;
}

/** Java's TopicPartition order used by the consumer (topic, then partition). */
export function compareTopicPartition(a: TopicPartition, b: TopicPartition): number {
  return a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition;
}

/** Java's AbstractPartitionAssignor.MemberInfo order: static members (by instance id) first, then by member id. */
export function compareMembers(a: MemberSubscription, b: MemberSubscription): number {
  if (a.groupInstanceId !== null && b.groupInstanceId !== null) return cmp(a.groupInstanceId, b.groupInstanceId);
  if (a.groupInstanceId !== null) return -1;
  if (b.groupInstanceId !== null) return 1;
  return cmp(a.memberId, b.memberId);
}

/** String.compareTo (UTF-16 code units, as JS string comparison). */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
