// The records of the cluster's metadata log, named and shaped after KRaft's metadata records
// (metadata/src/main/resources/common/metadata/*.json) so that a reader who knows Kafka finds
// what they expect. They are stored as JSON in the shared metadata store (store.ts); every
// broker replays them in order into its image (image.ts).

/** A broker's address for one listener. */
export interface BrokerEndpoint {
  name: string;
  host: string;
  port: number;
}

export interface RegisterBrokerRecord {
  type: 'RegisterBroker';
  brokerId: number;
  /** Changes each time the broker process starts: a new incarnation gets a new broker epoch. */
  incarnationId: string;
  /** Assigned by the controller: the offset of this record (as KRaft does). */
  brokerEpoch: number;
  endpoints: BrokerEndpoint[];
  rack: string | null;
  fenced: boolean;
}

export interface BrokerRegistrationChangeRecord {
  type: 'BrokerRegistrationChange';
  brokerId: number;
  brokerEpoch: number;
  /** -1 unfenced, 0 no change, 1 fenced. */
  fenced: -1 | 0 | 1;
  /** 1 when the broker asked to shut down and the controller is moving its leaders away. */
  inControlledShutdown: 0 | 1;
}

export interface UnregisterBrokerRecord {
  type: 'UnregisterBroker';
  brokerId: number;
  brokerEpoch: number;
}

export interface TopicRecord {
  type: 'Topic';
  name: string;
  topicId: string;
}

export interface PartitionRecord {
  type: 'Partition';
  topicId: string;
  partitionId: number;
  /** In preferred order: the first is the preferred leader. */
  replicas: number[];
  isr: number[];
  removingReplicas: number[];
  addingReplicas: number[];
  /** -1 when there is no leader. */
  leader: number;
  leaderEpoch: number;
  /** Incremented on every change of the partition (the version AlterPartition compares). */
  partitionEpoch: number;
  /** 1 after an unclean election, until the new leader has recovered. */
  leaderRecoveryState: 0 | 1;
  eligibleLeaderReplicas: number[];
  lastKnownElr: number[];
}

/** Only the fields that changed are present (KRaft: null / -2 mean "unchanged"). */
export interface PartitionChangeRecord {
  type: 'PartitionChange';
  topicId: string;
  partitionId: number;
  isr?: number[];
  /** -1: no leader now. */
  leader?: number;
  replicas?: number[];
  removingReplicas?: number[];
  addingReplicas?: number[];
  leaderRecoveryState?: 0 | 1;
  eligibleLeaderReplicas?: number[];
  lastKnownElr?: number[];
}

export interface RemoveTopicRecord {
  type: 'RemoveTopic';
  topicId: string;
}

/** Config resource types, as DescribeConfigs numbers them. */
export const ConfigResource = { TOPIC: 2, BROKER: 4, CLIENT_METRICS: 16, GROUP: 32 } as const;

export interface ConfigRecord {
  type: 'Config';
  resourceType: number;
  /** Topic name, broker id, or '' for the cluster-wide broker default. */
  resourceName: string;
  name: string;
  /** null removes the config. */
  value: string | null;
}

export interface ProducerIdsRecord {
  type: 'ProducerIds';
  brokerId: number;
  brokerEpoch: number;
  /** The first producer id of the next block to hand out. */
  nextProducerId: number;
}

export interface FeatureLevelRecord {
  type: 'FeatureLevel';
  name: string;
  featureLevel: number;
}

/** A client quota value of an entity (KRaft's ClientQuotaRecord); null removes it. */
export interface ClientQuotaRecord {
  type: 'ClientQuota';
  /** The entity's entries (type, name; null name = the default entity), in the order they were given. */
  entity: [string, string | null][];
  key: string;
  value: number | null;
}

/** A user's SCRAM credential (KRaft's UserScramCredentialRecord); byte fields in base64. */
export interface UserScramCredentialRecord {
  type: 'UserScramCredential';
  name: string;
  mechanism: number;
  iterations: number;
  salt: string;
  storedKey: string;
  serverKey: string;
}

export interface RemoveUserScramCredentialRecord {
  type: 'RemoveUserScramCredential';
  name: string;
  mechanism: number;
}

/** The first record of a store: which cluster this is (kafka-storage format's cluster id). */
export interface ClusterIdRecord {
  type: 'ClusterId';
  clusterId: string;
}

export type MetadataRecord =
  | RegisterBrokerRecord
  | BrokerRegistrationChangeRecord
  | UnregisterBrokerRecord
  | TopicRecord
  | PartitionRecord
  | PartitionChangeRecord
  | RemoveTopicRecord
  | ConfigRecord
  | ProducerIdsRecord
  | FeatureLevelRecord
  | ClusterIdRecord
  | ClientQuotaRecord
  | UserScramCredentialRecord
  | RemoveUserScramCredentialRecord;

/** A record with its position in the metadata log. */
export interface MetadataLogEntry {
  offset: number;
  record: MetadataRecord;
}
