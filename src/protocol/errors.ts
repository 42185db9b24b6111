// Kafka's protocol error codes, as in Apache Kafka 3.9's org.apache.kafka.common.protocol.Errors:
// code, enum name, the Java exception class, whether that exception is retriable (extends
// RetriableException) and the default message text.

/** Row: [code, NAME, exception class simple name, retriable, default message]. */
type Row = readonly [number, string, string | null, boolean, string | null];

const ROWS: readonly Row[] = [
  [-1, 'UNKNOWN_SERVER_ERROR', 'UnknownServerException', false, 'The server experienced an unexpected error when processing the request.'],
  [0, 'NONE', null, false, null],
  [1, 'OFFSET_OUT_OF_RANGE', 'OffsetOutOfRangeException', false, 'The requested offset is not within the range of offsets maintained by the server.'],
  [2, 'CORRUPT_MESSAGE', 'CorruptRecordException', true, 'This message has failed its CRC checksum, exceeds the valid size, has a null key for a compacted topic, or is otherwise corrupt.'],
  [3, 'UNKNOWN_TOPIC_OR_PARTITION', 'UnknownTopicOrPartitionException', true, 'This server does not host this topic-partition.'],
  [4, 'INVALID_FETCH_SIZE', 'InvalidFetchSizeException', false, 'The requested fetch size is invalid.'],
  [5, 'LEADER_NOT_AVAILABLE', 'LeaderNotAvailableException', true, 'There is no leader for this topic-partition as we are in the middle of a leadership election.'],
  [6, 'NOT_LEADER_OR_FOLLOWER', 'NotLeaderOrFollowerException', true, 'For requests intended only for the leader, this error indicates that the broker is not the current leader. For requests intended for any replica, this error indicates that the broker is not a replica of the topic partition.'],
  [7, 'REQUEST_TIMED_OUT', 'TimeoutException', true, 'The request timed out.'],
  [8, 'BROKER_NOT_AVAILABLE', 'BrokerNotAvailableException', false, 'The broker is not available.'],
  [9, 'REPLICA_NOT_AVAILABLE', 'ReplicaNotAvailableException', true, 'The replica is not available for the requested topic-partition. Produce/Fetch requests and other requests intended only for the leader or follower return NOT_LEADER_OR_FOLLOWER if the broker is not a replica of the topic-partition.'],
  [10, 'MESSAGE_TOO_LARGE', 'RecordTooLargeException', false, 'The request included a message larger than the max message size the server will accept.'],
  [11, 'STALE_CONTROLLER_EPOCH', 'ControllerMovedException', false, 'The controller moved to another broker.'],
  [12, 'OFFSET_METADATA_TOO_LARGE', 'OffsetMetadataTooLarge', false, 'The metadata field of the offset request was too large.'],
  [13, 'NETWORK_EXCEPTION', 'NetworkException', true, 'The server disconnected before a response was received.'],
  [14, 'COORDINATOR_LOAD_IN_PROGRESS', 'CoordinatorLoadInProgressException', true, 'The coordinator is loading and hence can\'t process requests.'],
  [15, 'COORDINATOR_NOT_AVAILABLE', 'CoordinatorNotAvailableException', true, 'The coordinator is not available.'],
  [16, 'NOT_COORDINATOR', 'NotCoordinatorException', true, 'This is not the correct coordinator.'],
  [17, 'INVALID_TOPIC_EXCEPTION', 'InvalidTopicException', false, 'The request attempted to perform an operation on an invalid topic.'],
  [18, 'RECORD_LIST_TOO_LARGE', 'RecordBatchTooLargeException', false, 'The request included message batch larger than the configured segment size on the server.'],
  [19, 'NOT_ENOUGH_REPLICAS', 'NotEnoughReplicasException', true, 'Messages are rejected since there are fewer in-sync replicas than required.'],
  [20, 'NOT_ENOUGH_REPLICAS_AFTER_APPEND', 'NotEnoughReplicasAfterAppendException', true, 'Messages are written to the log, but to fewer in-sync replicas than required.'],
  [21, 'INVALID_REQUIRED_ACKS', 'InvalidRequiredAcksException', false, 'Produce request specified an invalid value for required acks.'],
  [22, 'ILLEGAL_GENERATION', 'IllegalGenerationException', false, 'Specified group generation id is not valid.'],
  [23, 'INCONSISTENT_GROUP_PROTOCOL', 'InconsistentGroupProtocolException', false, 'The group member\'s supported protocols are incompatible with those of existing members or first group member tried to join with empty protocol type or empty protocol list.'],
  [24, 'INVALID_GROUP_ID', 'InvalidGroupIdException', false, 'The configured groupId is invalid.'],
  [25, 'UNKNOWN_MEMBER_ID', 'UnknownMemberIdException', false, 'The coordinator is not aware of this member.'],
  [26, 'INVALID_SESSION_TIMEOUT', 'InvalidSessionTimeoutException', false, 'The session timeout is not within the range allowed by the broker (as configured by group.min.session.timeout.ms and group.max.session.timeout.ms).'],
  [27, 'REBALANCE_IN_PROGRESS', 'RebalanceInProgressException', false, 'The group is rebalancing, so a rejoin is needed.'],
  [28, 'INVALID_COMMIT_OFFSET_SIZE', 'InvalidCommitOffsetSizeException', false, 'The committing offset data size is not valid.'],
  [29, 'TOPIC_AUTHORIZATION_FAILED', 'TopicAuthorizationException', false, 'Topic authorization failed.'],
  [30, 'GROUP_AUTHORIZATION_FAILED', 'GroupAuthorizationException', false, 'Group authorization failed.'],
  [31, 'CLUSTER_AUTHORIZATION_FAILED', 'ClusterAuthorizationException', false, 'Cluster authorization failed.'],
  [32, 'INVALID_TIMESTAMP', 'InvalidTimestampException', false, 'The timestamp of the message is out of acceptable range.'],
  [33, 'UNSUPPORTED_SASL_MECHANISM', 'UnsupportedSaslMechanismException', false, 'The broker does not support the requested SASL mechanism.'],
  [34, 'ILLEGAL_SASL_STATE', 'IllegalSaslStateException', false, 'Request is not valid given the current SASL state.'],
  [35, 'UNSUPPORTED_VERSION', 'UnsupportedVersionException', false, 'The version of API is not supported.'],
  [36, 'TOPIC_ALREADY_EXISTS', 'TopicExistsException', false, 'Topic with this name already exists.'],
  [37, 'INVALID_PARTITIONS', 'InvalidPartitionsException', false, 'Number of partitions is below 1.'],
  [38, 'INVALID_REPLICATION_FACTOR', 'InvalidReplicationFactorException', false, 'Replication factor is below 1 or larger than the number of available brokers.'],
  [39, 'INVALID_REPLICA_ASSIGNMENT', 'InvalidReplicaAssignmentException', false, 'Replica assignment is invalid.'],
  [40, 'INVALID_CONFIG', 'InvalidConfigurationException', false, 'Configuration is invalid.'],
  [41, 'NOT_CONTROLLER', 'NotControllerException', true, 'This is not the correct controller for this cluster.'],
  [42, 'INVALID_REQUEST', 'InvalidRequestException', false, 'This most likely occurs because of a request being malformed by the client library or the message was sent to an incompatible broker. See the broker logs for more details.'],
  [43, 'UNSUPPORTED_FOR_MESSAGE_FORMAT', 'UnsupportedForMessageFormatException', false, 'The message format version on the broker does not support the request.'],
  [44, 'POLICY_VIOLATION', 'PolicyViolationException', false, 'Request parameters do not satisfy the configured policy.'],
  [45, 'OUT_OF_ORDER_SEQUENCE_NUMBER', 'OutOfOrderSequenceException', false, 'The broker received an out of order sequence number.'],
  [46, 'DUPLICATE_SEQUENCE_NUMBER', 'DuplicateSequenceException', false, 'The broker received a duplicate sequence number.'],
  [47, 'INVALID_PRODUCER_EPOCH', 'InvalidProducerEpochException', false, 'Producer attempted to produce with an old epoch.'],
  [48, 'INVALID_TXN_STATE', 'InvalidTxnStateException', false, 'The producer attempted a transactional operation in an invalid state.'],
  [49, 'INVALID_PRODUCER_ID_MAPPING', 'InvalidPidMappingException', false, 'The producer attempted to use a producer id which is not currently assigned to its transactional id.'],
  [50, 'INVALID_TRANSACTION_TIMEOUT', 'InvalidTxnTimeoutException', false, 'The transaction timeout is larger than the maximum value allowed by the broker (as configured by transaction.max.timeout.ms).'],
  [51, 'CONCURRENT_TRANSACTIONS', 'ConcurrentTransactionsException', true, 'The producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing.'],
  [52, 'TRANSACTION_COORDINATOR_FENCED', 'TransactionCoordinatorFencedException', false, 'Indicates that the transaction coordinator sending a WriteTxnMarker is no longer the current coordinator for a given producer.'],
  [53, 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED', 'TransactionalIdAuthorizationException', false, 'Transactional Id authorization failed.'],
  [54, 'SECURITY_DISABLED', 'SecurityDisabledException', false, 'Security features are disabled.'],
  [55, 'OPERATION_NOT_ATTEMPTED', 'OperationNotAttemptedException', false, 'The broker did not attempt to execute this operation. This may happen for batched RPCs where some operations in the batch failed, causing the broker to respond without trying the rest.'],
  [56, 'KAFKA_STORAGE_ERROR', 'KafkaStorageException', true, 'Disk error when trying to access log file on the disk.'],
  [57, 'LOG_DIR_NOT_FOUND', 'LogDirNotFoundException', false, 'The user-specified log directory is not found in the broker config.'],
  [58, 'SASL_AUTHENTICATION_FAILED', 'SaslAuthenticationException', false, 'SASL Authentication failed.'],
  [59, 'UNKNOWN_PRODUCER_ID', 'UnknownProducerIdException', false, 'This exception is raised by the broker if it could not locate the producer metadata associated with the producerId in question. This could happen if, for instance, the producer\'s records were deleted because their retention time had elapsed. Once the last records of the producerId are removed, the producer\'s metadata is removed from the broker, and future appends by the producer will return this exception.'],
  [60, 'REASSIGNMENT_IN_PROGRESS', 'ReassignmentInProgressException', false, 'A partition reassignment is in progress.'],
  [61, 'DELEGATION_TOKEN_AUTH_DISABLED', 'DelegationTokenDisabledException', false, 'Delegation Token feature is not enabled.'],
  [62, 'DELEGATION_TOKEN_NOT_FOUND', 'DelegationTokenNotFoundException', false, 'Delegation Token is not found on server.'],
  [63, 'DELEGATION_TOKEN_OWNER_MISMATCH', 'DelegationTokenOwnerMismatchException', false, 'Specified Principal is not valid Owner/Renewer.'],
  [64, 'DELEGATION_TOKEN_REQUEST_NOT_ALLOWED', 'UnsupportedByAuthenticationException', false, 'Delegation Token requests are not allowed on PLAINTEXT/1-way SSL channels and on delegation token authenticated channels.'],
  [65, 'DELEGATION_TOKEN_AUTHORIZATION_FAILED', 'DelegationTokenAuthorizationException', false, 'Delegation Token authorization failed.'],
  [66, 'DELEGATION_TOKEN_EXPIRED', 'DelegationTokenExpiredException', false, 'Delegation Token is expired.'],
  [67, 'INVALID_PRINCIPAL_TYPE', 'InvalidPrincipalTypeException', false, 'Supplied principalType is not supported.'],
  [68, 'NON_EMPTY_GROUP', 'GroupNotEmptyException', false, 'The group is not empty.'],
  [69, 'GROUP_ID_NOT_FOUND', 'GroupIdNotFoundException', false, 'The group id does not exist.'],
  [70, 'FETCH_SESSION_ID_NOT_FOUND', 'FetchSessionIdNotFoundException', true, 'The fetch session ID was not found.'],
  [71, 'INVALID_FETCH_SESSION_EPOCH', 'InvalidFetchSessionEpochException', true, 'The fetch session epoch is invalid.'],
  [72, 'LISTENER_NOT_FOUND', 'ListenerNotFoundException', true, 'There is no listener on the leader broker that matches the listener on which metadata request was processed.'],
  [73, 'TOPIC_DELETION_DISABLED', 'TopicDeletionDisabledException', false, 'Topic deletion is disabled.'],
  [74, 'FENCED_LEADER_EPOCH', 'FencedLeaderEpochException', true, 'The leader epoch in the request is older than the epoch on the broker.'],
  [75, 'UNKNOWN_LEADER_EPOCH', 'UnknownLeaderEpochException', true, 'The leader epoch in the request is newer than the epoch on the broker.'],
  [76, 'UNSUPPORTED_COMPRESSION_TYPE', 'UnsupportedCompressionTypeException', false, 'The requesting client does not support the compression type of given partition.'],
  [77, 'STALE_BROKER_EPOCH', 'StaleBrokerEpochException', false, 'Broker epoch has changed.'],
  [78, 'OFFSET_NOT_AVAILABLE', 'OffsetNotAvailableException', true, 'The leader high watermark has not caught up from a recent leader election so the offsets cannot be guaranteed to be monotonically increasing.'],
  [79, 'MEMBER_ID_REQUIRED', 'MemberIdRequiredException', false, 'The group member needs to have a valid member id before actually entering a consumer group.'],
  [80, 'PREFERRED_LEADER_NOT_AVAILABLE', 'PreferredLeaderNotAvailableException', true, 'The preferred leader was not available.'],
  [81, 'GROUP_MAX_SIZE_REACHED', 'GroupMaxSizeReachedException', false, 'The consumer group has reached its max size.'],
  [82, 'FENCED_INSTANCE_ID', 'FencedInstanceIdException', false, 'The broker rejected this static consumer since another consumer with the same group.instance.id has registered with a different member.id.'],
  [83, 'ELIGIBLE_LEADERS_NOT_AVAILABLE', 'EligibleLeadersNotAvailableException', true, 'Eligible topic partition leaders are not available.'],
  [84, 'ELECTION_NOT_NEEDED', 'ElectionNotNeededException', true, 'Leader election not needed for topic partition.'],
  [85, 'NO_REASSIGNMENT_IN_PROGRESS', 'NoReassignmentInProgressException', false, 'No partition reassignment is in progress.'],
  [86, 'GROUP_SUBSCRIBED_TO_TOPIC', 'GroupSubscribedToTopicException', false, 'Deleting offsets of a topic is forbidden while the consumer group is actively subscribed to it.'],
  [87, 'INVALID_RECORD', 'InvalidRecordException', false, 'This record has failed the validation on broker and hence will be rejected.'],
  [88, 'UNSTABLE_OFFSET_COMMIT', 'UnstableOffsetCommitException', true, 'There are unstable offsets that need to be cleared.'],
  [89, 'THROTTLING_QUOTA_EXCEEDED', 'ThrottlingQuotaExceededException', true, 'The throttling quota has been exceeded.'],
  [90, 'PRODUCER_FENCED', 'ProducerFencedException', false, 'There is a newer producer with the same transactionalId which fences the current one.'],
  [91, 'RESOURCE_NOT_FOUND', 'ResourceNotFoundException', false, 'A request illegally referred to a resource that does not exist.'],
  [92, 'DUPLICATE_RESOURCE', 'DuplicateResourceException', false, 'A request illegally referred to the same resource twice.'],
  [93, 'UNACCEPTABLE_CREDENTIAL', 'UnacceptableCredentialException', false, 'Requested credential would not meet criteria for acceptability.'],
  [94, 'INCONSISTENT_VOTER_SET', 'InconsistentVoterSetException', false, 'Indicates that the either the sender or recipient of a voter-only request is not one of the expected voters.'],
  [95, 'INVALID_UPDATE_VERSION', 'InvalidUpdateVersionException', false, 'The given update version was invalid.'],
  [96, 'FEATURE_UPDATE_FAILED', 'FeatureUpdateFailedException', false, 'Unable to update finalized features due to an unexpected server error.'],
  [97, 'PRINCIPAL_DESERIALIZATION_FAILURE', 'PrincipalDeserializationException', false, 'Request principal deserialization failed during forwarding. This indicates an internal error on the broker cluster security setup.'],
  [98, 'SNAPSHOT_NOT_FOUND', 'SnapshotNotFoundException', false, 'Requested snapshot was not found.'],
  [99, 'POSITION_OUT_OF_RANGE', 'PositionOutOfRangeException', false, 'Requested position is not greater than or equal to zero, and less than the size of the snapshot.'],
  [100, 'UNKNOWN_TOPIC_ID', 'UnknownTopicIdException', true, 'This server does not host this topic ID.'],
  [101, 'DUPLICATE_BROKER_REGISTRATION', 'DuplicateBrokerRegistrationException', false, 'This broker ID is already in use.'],
  [102, 'BROKER_ID_NOT_REGISTERED', 'BrokerIdNotRegisteredException', false, 'The given broker ID was not registered.'],
  [103, 'INCONSISTENT_TOPIC_ID', 'InconsistentTopicIdException', true, 'The log\'s topic ID did not match the topic ID in the request.'],
  [104, 'INCONSISTENT_CLUSTER_ID', 'InconsistentClusterIdException', false, 'The clusterId in the request does not match that found on the server.'],
  [105, 'TRANSACTIONAL_ID_NOT_FOUND', 'TransactionalIdNotFoundException', false, 'The transactionalId could not be found.'],
  [106, 'FETCH_SESSION_TOPIC_ID_ERROR', 'FetchSessionTopicIdException', true, 'The fetch session encountered inconsistent topic ID usage.'],
  [107, 'INELIGIBLE_REPLICA', 'IneligibleReplicaException', false, 'The new ISR contains at least one ineligible replica.'],
  [108, 'NEW_LEADER_ELECTED', 'NewLeaderElectedException', false, 'The AlterPartition request successfully updated the partition state but the leader has changed.'],
  [109, 'OFFSET_MOVED_TO_TIERED_STORAGE', 'OffsetMovedToTieredStorageException', false, 'The requested offset is moved to tiered storage.'],
  [110, 'FENCED_MEMBER_EPOCH', 'FencedMemberEpochException', false, 'The member epoch is fenced by the group coordinator. The member must abandon all its partitions and rejoin.'],
  [111, 'UNRELEASED_INSTANCE_ID', 'UnreleasedInstanceIdException', false, 'The instance ID is still used by another member in the consumer group. That member must leave first.'],
  [112, 'UNSUPPORTED_ASSIGNOR', 'UnsupportedAssignorException', false, 'The assignor or its version range is not supported by the consumer group.'],
  [113, 'STALE_MEMBER_EPOCH', 'StaleMemberEpochException', false, 'The member epoch is stale. The member must retry after receiving its updated member epoch via the ConsumerGroupHeartbeat API.'],
  [114, 'MISMATCHED_ENDPOINT_TYPE', 'MismatchedEndpointTypeException', false, 'The request was sent to an endpoint of the wrong type.'],
  [115, 'UNSUPPORTED_ENDPOINT_TYPE', 'UnsupportedEndpointTypeException', false, 'This endpoint type is not supported yet.'],
  [116, 'UNKNOWN_CONTROLLER_ID', 'UnknownControllerIdException', false, 'This controller ID is not known.'],
  [117, 'UNKNOWN_SUBSCRIPTION_ID', 'UnknownSubscriptionIdException', false, 'Client sent a push telemetry request with an invalid or outdated subscription ID.'],
  [118, 'TELEMETRY_TOO_LARGE', 'TelemetryTooLargeException', false, 'Client sent a push telemetry request larger than the maximum size the broker will accept.'],
  [119, 'INVALID_REGISTRATION', 'InvalidRegistrationException', false, 'The controller has considered the broker registration to be invalid.'],
  [120, 'TRANSACTION_ABORTABLE', 'TransactionAbortableException', false, 'The server encountered an error with the transaction. The client can abort the transaction to continue using this transactional ID.'],
  [121, 'INVALID_RECORD_STATE', 'InvalidRecordStateException', false, 'The record state is invalid. The acknowledgement of delivery could not be completed.'],
  [122, 'SHARE_SESSION_NOT_FOUND', 'ShareSessionNotFoundException', true, 'The share session was not found.'],
  [123, 'INVALID_SHARE_SESSION_EPOCH', 'InvalidShareSessionEpochException', true, 'The share session epoch is invalid.'],
  [124, 'FENCED_STATE_EPOCH', 'FencedStateEpochException', false, 'The share coordinator rejected the request because the share-group state epoch did not match.'],
  [125, 'INVALID_VOTER_KEY', 'InvalidVoterKeyException', false, 'The voter key doesn\'t match the receiving replica\'s key.'],
  [126, 'DUPLICATE_VOTER', 'DuplicateVoterException', false, 'The voter is already part of the set of voters.'],
  [127, 'VOTER_NOT_FOUND', 'VoterNotFoundException', false, 'The voter is not part of the set of voters.'],
  // Kafka 4.x
  [128, 'INVALID_REGULAR_EXPRESSION', 'InvalidRegularExpression', false, 'The regular expression is not valid.'],
  [129, 'REBOOTSTRAP_REQUIRED', 'RebootstrapRequiredException', false, 'Client metadata is stale. The client should rebootstrap to obtain new metadata.'],
];

/** Error name -> code. */
export const ErrorCode = {
  UNKNOWN_SERVER_ERROR: -1,
  NONE: 0,
  OFFSET_OUT_OF_RANGE: 1,
  CORRUPT_MESSAGE: 2,
  UNKNOWN_TOPIC_OR_PARTITION: 3,
  INVALID_FETCH_SIZE: 4,
  LEADER_NOT_AVAILABLE: 5,
  NOT_LEADER_OR_FOLLOWER: 6,
  REQUEST_TIMED_OUT: 7,
  BROKER_NOT_AVAILABLE: 8,
  REPLICA_NOT_AVAILABLE: 9,
  MESSAGE_TOO_LARGE: 10,
  STALE_CONTROLLER_EPOCH: 11,
  OFFSET_METADATA_TOO_LARGE: 12,
  NETWORK_EXCEPTION: 13,
  COORDINATOR_LOAD_IN_PROGRESS: 14,
  COORDINATOR_NOT_AVAILABLE: 15,
  NOT_COORDINATOR: 16,
  INVALID_TOPIC_EXCEPTION: 17,
  RECORD_LIST_TOO_LARGE: 18,
  NOT_ENOUGH_REPLICAS: 19,
  NOT_ENOUGH_REPLICAS_AFTER_APPEND: 20,
  INVALID_REQUIRED_ACKS: 21,
  ILLEGAL_GENERATION: 22,
  INCONSISTENT_GROUP_PROTOCOL: 23,
  INVALID_GROUP_ID: 24,
  UNKNOWN_MEMBER_ID: 25,
  INVALID_SESSION_TIMEOUT: 26,
  REBALANCE_IN_PROGRESS: 27,
  INVALID_COMMIT_OFFSET_SIZE: 28,
  TOPIC_AUTHORIZATION_FAILED: 29,
  GROUP_AUTHORIZATION_FAILED: 30,
  CLUSTER_AUTHORIZATION_FAILED: 31,
  INVALID_TIMESTAMP: 32,
  UNSUPPORTED_SASL_MECHANISM: 33,
  ILLEGAL_SASL_STATE: 34,
  UNSUPPORTED_VERSION: 35,
  TOPIC_ALREADY_EXISTS: 36,
  INVALID_PARTITIONS: 37,
  INVALID_REPLICATION_FACTOR: 38,
  INVALID_REPLICA_ASSIGNMENT: 39,
  INVALID_CONFIG: 40,
  NOT_CONTROLLER: 41,
  INVALID_REQUEST: 42,
  UNSUPPORTED_FOR_MESSAGE_FORMAT: 43,
  POLICY_VIOLATION: 44,
  OUT_OF_ORDER_SEQUENCE_NUMBER: 45,
  DUPLICATE_SEQUENCE_NUMBER: 46,
  INVALID_PRODUCER_EPOCH: 47,
  INVALID_TXN_STATE: 48,
  INVALID_PRODUCER_ID_MAPPING: 49,
  INVALID_TRANSACTION_TIMEOUT: 50,
  CONCURRENT_TRANSACTIONS: 51,
  TRANSACTION_COORDINATOR_FENCED: 52,
  TRANSACTIONAL_ID_AUTHORIZATION_FAILED: 53,
  SECURITY_DISABLED: 54,
  OPERATION_NOT_ATTEMPTED: 55,
  KAFKA_STORAGE_ERROR: 56,
  LOG_DIR_NOT_FOUND: 57,
  SASL_AUTHENTICATION_FAILED: 58,
  UNKNOWN_PRODUCER_ID: 59,
  REASSIGNMENT_IN_PROGRESS: 60,
  DELEGATION_TOKEN_AUTH_DISABLED: 61,
  DELEGATION_TOKEN_NOT_FOUND: 62,
  DELEGATION_TOKEN_OWNER_MISMATCH: 63,
  DELEGATION_TOKEN_REQUEST_NOT_ALLOWED: 64,
  DELEGATION_TOKEN_AUTHORIZATION_FAILED: 65,
  DELEGATION_TOKEN_EXPIRED: 66,
  INVALID_PRINCIPAL_TYPE: 67,
  NON_EMPTY_GROUP: 68,
  GROUP_ID_NOT_FOUND: 69,
  FETCH_SESSION_ID_NOT_FOUND: 70,
  INVALID_FETCH_SESSION_EPOCH: 71,
  LISTENER_NOT_FOUND: 72,
  TOPIC_DELETION_DISABLED: 73,
  FENCED_LEADER_EPOCH: 74,
  UNKNOWN_LEADER_EPOCH: 75,
  UNSUPPORTED_COMPRESSION_TYPE: 76,
  STALE_BROKER_EPOCH: 77,
  OFFSET_NOT_AVAILABLE: 78,
  MEMBER_ID_REQUIRED: 79,
  PREFERRED_LEADER_NOT_AVAILABLE: 80,
  GROUP_MAX_SIZE_REACHED: 81,
  FENCED_INSTANCE_ID: 82,
  ELIGIBLE_LEADERS_NOT_AVAILABLE: 83,
  ELECTION_NOT_NEEDED: 84,
  NO_REASSIGNMENT_IN_PROGRESS: 85,
  GROUP_SUBSCRIBED_TO_TOPIC: 86,
  INVALID_RECORD: 87,
  UNSTABLE_OFFSET_COMMIT: 88,
  THROTTLING_QUOTA_EXCEEDED: 89,
  PRODUCER_FENCED: 90,
  RESOURCE_NOT_FOUND: 91,
  DUPLICATE_RESOURCE: 92,
  UNACCEPTABLE_CREDENTIAL: 93,
  INCONSISTENT_VOTER_SET: 94,
  INVALID_UPDATE_VERSION: 95,
  FEATURE_UPDATE_FAILED: 96,
  PRINCIPAL_DESERIALIZATION_FAILURE: 97,
  SNAPSHOT_NOT_FOUND: 98,
  POSITION_OUT_OF_RANGE: 99,
  UNKNOWN_TOPIC_ID: 100,
  DUPLICATE_BROKER_REGISTRATION: 101,
  BROKER_ID_NOT_REGISTERED: 102,
  INCONSISTENT_TOPIC_ID: 103,
  INCONSISTENT_CLUSTER_ID: 104,
  TRANSACTIONAL_ID_NOT_FOUND: 105,
  FETCH_SESSION_TOPIC_ID_ERROR: 106,
  INELIGIBLE_REPLICA: 107,
  NEW_LEADER_ELECTED: 108,
  OFFSET_MOVED_TO_TIERED_STORAGE: 109,
  FENCED_MEMBER_EPOCH: 110,
  UNRELEASED_INSTANCE_ID: 111,
  UNSUPPORTED_ASSIGNOR: 112,
  STALE_MEMBER_EPOCH: 113,
  MISMATCHED_ENDPOINT_TYPE: 114,
  UNSUPPORTED_ENDPOINT_TYPE: 115,
  UNKNOWN_CONTROLLER_ID: 116,
  UNKNOWN_SUBSCRIPTION_ID: 117,
  TELEMETRY_TOO_LARGE: 118,
  INVALID_REGISTRATION: 119,
  TRANSACTION_ABORTABLE: 120,
  INVALID_RECORD_STATE: 121,
  SHARE_SESSION_NOT_FOUND: 122,
  INVALID_SHARE_SESSION_EPOCH: 123,
  FENCED_STATE_EPOCH: 124,
  INVALID_VOTER_KEY: 125,
  DUPLICATE_VOTER: 126,
  VOTER_NOT_FOUND: 127,
  INVALID_REGULAR_EXPRESSION: 128,
  REBOOTSTRAP_REQUIRED: 129,
} as const;

export type ErrorCodeName = keyof typeof ErrorCode;

export interface ErrorInfo {
  code: number;
  /** Kafka's enum name, e.g. `UNKNOWN_TOPIC_OR_PARTITION`. */
  name: string;
  /** Java exception simple name, e.g. `UnknownTopicOrPartitionException`; null only for NONE. */
  exceptionName: string | null;
  retriable: boolean;
  /** Kafka's default message; null only for NONE. */
  message: string | null;
}

/** Exceptions that do not live in org.apache.kafka.common.errors. */
const JAVA_PACKAGE_OVERRIDES: Record<string, string> = {
  InvalidRecordException: 'org.apache.kafka.common',
};

const BY_CODE = new Map<number, ErrorInfo>(
  ROWS.map(([code, name, exceptionName, retriable, message]) => [code, { code, name, exceptionName, retriable, message }]),
);

const UNKNOWN_SERVER_ERROR_INFO = BY_CODE.get(-1)!;

/** Facts about an error code. Codes Kafka does not know map, as in Kafka, to UNKNOWN_SERVER_ERROR (keeping the given code). */
export function errorInfo(code: number): ErrorInfo {
  return BY_CODE.get(code) ?? { ...UNKNOWN_SERVER_ERROR_INFO, code };
}

/** Every known error, ordered by code. */
export function allErrors(): ErrorInfo[] {
  return [...BY_CODE.values()];
}

/** Kafka's default message for a code ('' for NONE). */
export function defaultMessage(code: number): string {
  return errorInfo(code).message ?? '';
}

export function javaExceptionName(exceptionName: string): string {
  return `${JAVA_PACKAGE_OVERRIDES[exceptionName] ?? 'org.apache.kafka.common.errors'}.${exceptionName}`;
}

/** An error code returned by a broker (or raised by ours), carrying Kafka's metadata. */
export class KafkaError extends Error {
  readonly code: number;
  readonly errorName: string;
  readonly exceptionName: string;
  readonly retriable: boolean;

  /** `message`: the broker-provided text; null/undefined means Kafka's default message. */
  constructor(code: number, message?: string | null) {
    const info = errorInfo(code);
    super(message ?? info.message ?? info.name);
    this.name = new.target.name;
    this.code = code;
    this.errorName = info.name;
    this.exceptionName = info.exceptionName ?? 'ApiException';
    this.retriable = info.retriable;
  }

  /** The error for a code: an instance of the matching subclass when there is one. */
  static from(code: number, message?: string | null): KafkaError {
    const Sub = SUBCLASSES.get(code);
    return Sub ? new Sub(message) : new KafkaError(code, message);
  }

  /**
   * Any thrown value as a KafkaError: a KafkaError is returned as is; anything else becomes
   * UNKNOWN_SERVER_ERROR with Kafka's default text (like Kafka's ApiError.fromThrowable, the
   * original message is not exposed), keeping the original as `cause`.
   */
  static wrap(e: unknown): KafkaError {
    if (e instanceof KafkaError) return e;
    const err = KafkaError.from(-1);
    (err as { cause?: unknown }).cause = e;
    return err;
  }

  /** Fully qualified Java exception name, e.g. `org.apache.kafka.common.errors.TopicExistsException`. */
  javaName(): string {
    return javaExceptionName(this.exceptionName);
  }

  /** What Java's Throwable.toString() prints: `<javaName>: <message>`. */
  javaString(): string {
    return `${this.javaName()}: ${this.message}`;
  }
}

/** Throw `KafkaError.from(code, message)` unless code is NONE (0). */
export function throwIfError(code: number, message?: string | null): void {
  if (code !== 0) throw KafkaError.from(code, message);
}

// One subclass per error code, named after Kafka's exception class (FooException -> FooError).
type KafkaErrorClass = new (message?: string | null) => KafkaError;

export class UnknownServerError extends KafkaError { constructor(message?: string | null) { super(-1, message); } }
export class OffsetOutOfRangeError extends KafkaError { constructor(message?: string | null) { super(1, message); } }
export class CorruptRecordError extends KafkaError { constructor(message?: string | null) { super(2, message); } }
export class UnknownTopicOrPartitionError extends KafkaError { constructor(message?: string | null) { super(3, message); } }
export class InvalidFetchSizeError extends KafkaError { constructor(message?: string | null) { super(4, message); } }
export class LeaderNotAvailableError extends KafkaError { constructor(message?: string | null) { super(5, message); } }
export class NotLeaderOrFollowerError extends KafkaError { constructor(message?: string | null) { super(6, message); } }
export class TimeoutError extends KafkaError { constructor(message?: string | null) { super(7, message); } }
export class BrokerNotAvailableError extends KafkaError { constructor(message?: string | null) { super(8, message); } }
export class ReplicaNotAvailableError extends KafkaError { constructor(message?: string | null) { super(9, message); } }
export class RecordTooLargeError extends KafkaError { constructor(message?: string | null) { super(10, message); } }
export class ControllerMovedError extends KafkaError { constructor(message?: string | null) { super(11, message); } }
export class OffsetMetadataTooLargeError extends KafkaError { constructor(message?: string | null) { super(12, message); } }
export class NetworkError extends KafkaError { constructor(message?: string | null) { super(13, message); } }
export class CoordinatorLoadInProgressError extends KafkaError { constructor(message?: string | null) { super(14, message); } }
export class CoordinatorNotAvailableError extends KafkaError { constructor(message?: string | null) { super(15, message); } }
export class NotCoordinatorError extends KafkaError { constructor(message?: string | null) { super(16, message); } }
export class InvalidTopicError extends KafkaError { constructor(message?: string | null) { super(17, message); } }
export class RecordBatchTooLargeError extends KafkaError { constructor(message?: string | null) { super(18, message); } }
export class NotEnoughReplicasError extends KafkaError { constructor(message?: string | null) { super(19, message); } }
export class NotEnoughReplicasAfterAppendError extends KafkaError { constructor(message?: string | null) { super(20, message); } }
export class InvalidRequiredAcksError extends KafkaError { constructor(message?: string | null) { super(21, message); } }
export class IllegalGenerationError extends KafkaError { constructor(message?: string | null) { super(22, message); } }
export class InconsistentGroupProtocolError extends KafkaError { constructor(message?: string | null) { super(23, message); } }
export class InvalidGroupIdError extends KafkaError { constructor(message?: string | null) { super(24, message); } }
export class UnknownMemberIdError extends KafkaError { constructor(message?: string | null) { super(25, message); } }
export class InvalidSessionTimeoutError extends KafkaError { constructor(message?: string | null) { super(26, message); } }
export class RebalanceInProgressError extends KafkaError { constructor(message?: string | null) { super(27, message); } }
export class InvalidCommitOffsetSizeError extends KafkaError { constructor(message?: string | null) { super(28, message); } }
export class TopicAuthorizationError extends KafkaError { constructor(message?: string | null) { super(29, message); } }
export class GroupAuthorizationError extends KafkaError { constructor(message?: string | null) { super(30, message); } }
export class ClusterAuthorizationError extends KafkaError { constructor(message?: string | null) { super(31, message); } }
export class InvalidTimestampError extends KafkaError { constructor(message?: string | null) { super(32, message); } }
export class UnsupportedSaslMechanismError extends KafkaError { constructor(message?: string | null) { super(33, message); } }
export class IllegalSaslStateError extends KafkaError { constructor(message?: string | null) { super(34, message); } }
export class UnsupportedVersionError extends KafkaError { constructor(message?: string | null) { super(35, message); } }
export class TopicExistsError extends KafkaError { constructor(message?: string | null) { super(36, message); } }
export class InvalidPartitionsError extends KafkaError { constructor(message?: string | null) { super(37, message); } }
export class InvalidReplicationFactorError extends KafkaError { constructor(message?: string | null) { super(38, message); } }
export class InvalidReplicaAssignmentError extends KafkaError { constructor(message?: string | null) { super(39, message); } }
export class InvalidConfigurationError extends KafkaError { constructor(message?: string | null) { super(40, message); } }
export class NotControllerError extends KafkaError { constructor(message?: string | null) { super(41, message); } }
export class InvalidRequestError extends KafkaError { constructor(message?: string | null) { super(42, message); } }
export class UnsupportedForMessageFormatError extends KafkaError { constructor(message?: string | null) { super(43, message); } }
export class PolicyViolationError extends KafkaError { constructor(message?: string | null) { super(44, message); } }
export class OutOfOrderSequenceError extends KafkaError { constructor(message?: string | null) { super(45, message); } }
export class DuplicateSequenceError extends KafkaError { constructor(message?: string | null) { super(46, message); } }
export class InvalidProducerEpochError extends KafkaError { constructor(message?: string | null) { super(47, message); } }
export class InvalidTxnStateError extends KafkaError { constructor(message?: string | null) { super(48, message); } }
export class InvalidPidMappingError extends KafkaError { constructor(message?: string | null) { super(49, message); } }
export class InvalidTxnTimeoutError extends KafkaError { constructor(message?: string | null) { super(50, message); } }
export class ConcurrentTransactionsError extends KafkaError { constructor(message?: string | null) { super(51, message); } }
export class TransactionCoordinatorFencedError extends KafkaError { constructor(message?: string | null) { super(52, message); } }
export class TransactionalIdAuthorizationError extends KafkaError { constructor(message?: string | null) { super(53, message); } }
export class SecurityDisabledError extends KafkaError { constructor(message?: string | null) { super(54, message); } }
export class OperationNotAttemptedError extends KafkaError { constructor(message?: string | null) { super(55, message); } }
export class KafkaStorageError extends KafkaError { constructor(message?: string | null) { super(56, message); } }
export class LogDirNotFoundError extends KafkaError { constructor(message?: string | null) { super(57, message); } }
export class SaslAuthenticationError extends KafkaError { constructor(message?: string | null) { super(58, message); } }
export class UnknownProducerIdError extends KafkaError { constructor(message?: string | null) { super(59, message); } }
export class ReassignmentInProgressError extends KafkaError { constructor(message?: string | null) { super(60, message); } }
export class DelegationTokenDisabledError extends KafkaError { constructor(message?: string | null) { super(61, message); } }
export class DelegationTokenNotFoundError extends KafkaError { constructor(message?: string | null) { super(62, message); } }
export class DelegationTokenOwnerMismatchError extends KafkaError { constructor(message?: string | null) { super(63, message); } }
export class UnsupportedByAuthenticationError extends KafkaError { constructor(message?: string | null) { super(64, message); } }
export class DelegationTokenAuthorizationError extends KafkaError { constructor(message?: string | null) { super(65, message); } }
export class DelegationTokenExpiredError extends KafkaError { constructor(message?: string | null) { super(66, message); } }
export class InvalidPrincipalTypeError extends KafkaError { constructor(message?: string | null) { super(67, message); } }
export class GroupNotEmptyError extends KafkaError { constructor(message?: string | null) { super(68, message); } }
export class GroupIdNotFoundError extends KafkaError { constructor(message?: string | null) { super(69, message); } }
export class FetchSessionIdNotFoundError extends KafkaError { constructor(message?: string | null) { super(70, message); } }
export class InvalidFetchSessionEpochError extends KafkaError { constructor(message?: string | null) { super(71, message); } }
export class ListenerNotFoundError extends KafkaError { constructor(message?: string | null) { super(72, message); } }
export class TopicDeletionDisabledError extends KafkaError { constructor(message?: string | null) { super(73, message); } }
export class FencedLeaderEpochError extends KafkaError { constructor(message?: string | null) { super(74, message); } }
export class UnknownLeaderEpochError extends KafkaError { constructor(message?: string | null) { super(75, message); } }
export class UnsupportedCompressionTypeError extends KafkaError { constructor(message?: string | null) { super(76, message); } }
export class StaleBrokerEpochError extends KafkaError { constructor(message?: string | null) { super(77, message); } }
export class OffsetNotAvailableError extends KafkaError { constructor(message?: string | null) { super(78, message); } }
export class MemberIdRequiredError extends KafkaError { constructor(message?: string | null) { super(79, message); } }
export class PreferredLeaderNotAvailableError extends KafkaError { constructor(message?: string | null) { super(80, message); } }
export class GroupMaxSizeReachedError extends KafkaError { constructor(message?: string | null) { super(81, message); } }
export class FencedInstanceIdError extends KafkaError { constructor(message?: string | null) { super(82, message); } }
export class EligibleLeadersNotAvailableError extends KafkaError { constructor(message?: string | null) { super(83, message); } }
export class ElectionNotNeededError extends KafkaError { constructor(message?: string | null) { super(84, message); } }
export class NoReassignmentInProgressError extends KafkaError { constructor(message?: string | null) { super(85, message); } }
export class GroupSubscribedToTopicError extends KafkaError { constructor(message?: string | null) { super(86, message); } }
export class InvalidRecordError extends KafkaError { constructor(message?: string | null) { super(87, message); } }
export class UnstableOffsetCommitError extends KafkaError { constructor(message?: string | null) { super(88, message); } }
export class ThrottlingQuotaExceededError extends KafkaError { constructor(message?: string | null) { super(89, message); } }
export class ProducerFencedError extends KafkaError { constructor(message?: string | null) { super(90, message); } }
export class ResourceNotFoundError extends KafkaError { constructor(message?: string | null) { super(91, message); } }
export class DuplicateResourceError extends KafkaError { constructor(message?: string | null) { super(92, message); } }
export class UnacceptableCredentialError extends KafkaError { constructor(message?: string | null) { super(93, message); } }
export class InconsistentVoterSetError extends KafkaError { constructor(message?: string | null) { super(94, message); } }
export class InvalidUpdateVersionError extends KafkaError { constructor(message?: string | null) { super(95, message); } }
export class FeatureUpdateFailedError extends KafkaError { constructor(message?: string | null) { super(96, message); } }
export class PrincipalDeserializationError extends KafkaError { constructor(message?: string | null) { super(97, message); } }
export class SnapshotNotFoundError extends KafkaError { constructor(message?: string | null) { super(98, message); } }
export class PositionOutOfRangeError extends KafkaError { constructor(message?: string | null) { super(99, message); } }
export class UnknownTopicIdError extends KafkaError { constructor(message?: string | null) { super(100, message); } }
export class DuplicateBrokerRegistrationError extends KafkaError { constructor(message?: string | null) { super(101, message); } }
export class BrokerIdNotRegisteredError extends KafkaError { constructor(message?: string | null) { super(102, message); } }
export class InconsistentTopicIdError extends KafkaError { constructor(message?: string | null) { super(103, message); } }
export class InconsistentClusterIdError extends KafkaError { constructor(message?: string | null) { super(104, message); } }
export class TransactionalIdNotFoundError extends KafkaError { constructor(message?: string | null) { super(105, message); } }
export class FetchSessionTopicIdError extends KafkaError { constructor(message?: string | null) { super(106, message); } }
export class IneligibleReplicaError extends KafkaError { constructor(message?: string | null) { super(107, message); } }
export class NewLeaderElectedError extends KafkaError { constructor(message?: string | null) { super(108, message); } }
export class OffsetMovedToTieredStorageError extends KafkaError { constructor(message?: string | null) { super(109, message); } }
export class FencedMemberEpochError extends KafkaError { constructor(message?: string | null) { super(110, message); } }
export class UnreleasedInstanceIdError extends KafkaError { constructor(message?: string | null) { super(111, message); } }
export class UnsupportedAssignorError extends KafkaError { constructor(message?: string | null) { super(112, message); } }
export class StaleMemberEpochError extends KafkaError { constructor(message?: string | null) { super(113, message); } }
export class MismatchedEndpointTypeError extends KafkaError { constructor(message?: string | null) { super(114, message); } }
export class UnsupportedEndpointTypeError extends KafkaError { constructor(message?: string | null) { super(115, message); } }
export class UnknownControllerIdError extends KafkaError { constructor(message?: string | null) { super(116, message); } }
export class UnknownSubscriptionIdError extends KafkaError { constructor(message?: string | null) { super(117, message); } }
export class TelemetryTooLargeError extends KafkaError { constructor(message?: string | null) { super(118, message); } }
export class InvalidRegistrationError extends KafkaError { constructor(message?: string | null) { super(119, message); } }
export class TransactionAbortableError extends KafkaError { constructor(message?: string | null) { super(120, message); } }
export class InvalidRecordStateError extends KafkaError { constructor(message?: string | null) { super(121, message); } }
export class ShareSessionNotFoundError extends KafkaError { constructor(message?: string | null) { super(122, message); } }
export class InvalidShareSessionEpochError extends KafkaError { constructor(message?: string | null) { super(123, message); } }
export class FencedStateEpochError extends KafkaError { constructor(message?: string | null) { super(124, message); } }
export class InvalidVoterKeyError extends KafkaError { constructor(message?: string | null) { super(125, message); } }
export class DuplicateVoterError extends KafkaError { constructor(message?: string | null) { super(126, message); } }
export class VoterNotFoundError extends KafkaError { constructor(message?: string | null) { super(127, message); } }

// Aliases named after the error codes where those differ from the exception class.
export {
  CorruptRecordError as CorruptMessageError,
  RecordTooLargeError as MessageTooLargeError,
  InvalidConfigurationError as InvalidConfigError,
  GroupNotEmptyError as NonEmptyGroupError,
  TimeoutError as RequestTimedOutError,
  TopicExistsError as TopicAlreadyExistsError,
  RecordBatchTooLargeError as RecordListTooLargeError,
};

const SUBCLASSES = new Map<number, KafkaErrorClass>([
  [-1, UnknownServerError],
  [1, OffsetOutOfRangeError],
  [2, CorruptRecordError],
  [3, UnknownTopicOrPartitionError],
  [4, InvalidFetchSizeError],
  [5, LeaderNotAvailableError],
  [6, NotLeaderOrFollowerError],
  [7, TimeoutError],
  [8, BrokerNotAvailableError],
  [9, ReplicaNotAvailableError],
  [10, RecordTooLargeError],
  [11, ControllerMovedError],
  [12, OffsetMetadataTooLargeError],
  [13, NetworkError],
  [14, CoordinatorLoadInProgressError],
  [15, CoordinatorNotAvailableError],
  [16, NotCoordinatorError],
  [17, InvalidTopicError],
  [18, RecordBatchTooLargeError],
  [19, NotEnoughReplicasError],
  [20, NotEnoughReplicasAfterAppendError],
  [21, InvalidRequiredAcksError],
  [22, IllegalGenerationError],
  [23, InconsistentGroupProtocolError],
  [24, InvalidGroupIdError],
  [25, UnknownMemberIdError],
  [26, InvalidSessionTimeoutError],
  [27, RebalanceInProgressError],
  [28, InvalidCommitOffsetSizeError],
  [29, TopicAuthorizationError],
  [30, GroupAuthorizationError],
  [31, ClusterAuthorizationError],
  [32, InvalidTimestampError],
  [33, UnsupportedSaslMechanismError],
  [34, IllegalSaslStateError],
  [35, UnsupportedVersionError],
  [36, TopicExistsError],
  [37, InvalidPartitionsError],
  [38, InvalidReplicationFactorError],
  [39, InvalidReplicaAssignmentError],
  [40, InvalidConfigurationError],
  [41, NotControllerError],
  [42, InvalidRequestError],
  [43, UnsupportedForMessageFormatError],
  [44, PolicyViolationError],
  [45, OutOfOrderSequenceError],
  [46, DuplicateSequenceError],
  [47, InvalidProducerEpochError],
  [48, InvalidTxnStateError],
  [49, InvalidPidMappingError],
  [50, InvalidTxnTimeoutError],
  [51, ConcurrentTransactionsError],
  [52, TransactionCoordinatorFencedError],
  [53, TransactionalIdAuthorizationError],
  [54, SecurityDisabledError],
  [55, OperationNotAttemptedError],
  [56, KafkaStorageError],
  [57, LogDirNotFoundError],
  [58, SaslAuthenticationError],
  [59, UnknownProducerIdError],
  [60, ReassignmentInProgressError],
  [61, DelegationTokenDisabledError],
  [62, DelegationTokenNotFoundError],
  [63, DelegationTokenOwnerMismatchError],
  [64, UnsupportedByAuthenticationError],
  [65, DelegationTokenAuthorizationError],
  [66, DelegationTokenExpiredError],
  [67, InvalidPrincipalTypeError],
  [68, GroupNotEmptyError],
  [69, GroupIdNotFoundError],
  [70, FetchSessionIdNotFoundError],
  [71, InvalidFetchSessionEpochError],
  [72, ListenerNotFoundError],
  [73, TopicDeletionDisabledError],
  [74, FencedLeaderEpochError],
  [75, UnknownLeaderEpochError],
  [76, UnsupportedCompressionTypeError],
  [77, StaleBrokerEpochError],
  [78, OffsetNotAvailableError],
  [79, MemberIdRequiredError],
  [80, PreferredLeaderNotAvailableError],
  [81, GroupMaxSizeReachedError],
  [82, FencedInstanceIdError],
  [83, EligibleLeadersNotAvailableError],
  [84, ElectionNotNeededError],
  [85, NoReassignmentInProgressError],
  [86, GroupSubscribedToTopicError],
  [87, InvalidRecordError],
  [88, UnstableOffsetCommitError],
  [89, ThrottlingQuotaExceededError],
  [90, ProducerFencedError],
  [91, ResourceNotFoundError],
  [92, DuplicateResourceError],
  [93, UnacceptableCredentialError],
  [94, InconsistentVoterSetError],
  [95, InvalidUpdateVersionError],
  [96, FeatureUpdateFailedError],
  [97, PrincipalDeserializationError],
  [98, SnapshotNotFoundError],
  [99, PositionOutOfRangeError],
  [100, UnknownTopicIdError],
  [101, DuplicateBrokerRegistrationError],
  [102, BrokerIdNotRegisteredError],
  [103, InconsistentTopicIdError],
  [104, InconsistentClusterIdError],
  [105, TransactionalIdNotFoundError],
  [106, FetchSessionTopicIdError],
  [107, IneligibleReplicaError],
  [108, NewLeaderElectedError],
  [109, OffsetMovedToTieredStorageError],
  [110, FencedMemberEpochError],
  [111, UnreleasedInstanceIdError],
  [112, UnsupportedAssignorError],
  [113, StaleMemberEpochError],
  [114, MismatchedEndpointTypeError],
  [115, UnsupportedEndpointTypeError],
  [116, UnknownControllerIdError],
  [117, UnknownSubscriptionIdError],
  [118, TelemetryTooLargeError],
  [119, InvalidRegistrationError],
  [120, TransactionAbortableError],
  [121, InvalidRecordStateError],
  [122, ShareSessionNotFoundError],
  [123, InvalidShareSessionEpochError],
  [124, FencedStateEpochError],
  [125, InvalidVoterKeyError],
  [126, DuplicateVoterError],
  [127, VoterNotFoundError],
]);
