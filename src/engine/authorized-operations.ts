// The "authorized operations" bit fields a broker without an authorizer reports when a client asks
// for them (Metadata, DescribeCluster, DescribeTopicPartitions, DescribeGroups): every operation the resource type
// supports (AuthHelper.authorizedOperations over AclEntry.supportedOperations). Not asked: the
// schema default, Integer.MIN_VALUE.
const enum AclOperation {
  READ = 3, WRITE = 4, CREATE = 5, DELETE = 6, ALTER = 7, DESCRIBE = 8, CLUSTER_ACTION = 9,
  DESCRIBE_CONFIGS = 10, ALTER_CONFIGS = 11, IDEMPOTENT_WRITE = 12,
}

const bits = (ops: AclOperation[]): number => ops.reduce((n, op) => n | (1 << op), 0);

export const AUTHORIZED_OPERATIONS_OMITTED = -2147483648;

export const CLUSTER_OPERATIONS = bits([
  AclOperation.CREATE, AclOperation.CLUSTER_ACTION, AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS,
  AclOperation.IDEMPOTENT_WRITE, AclOperation.ALTER, AclOperation.DESCRIBE,
]);

export const TOPIC_OPERATIONS = bits([
  AclOperation.READ, AclOperation.WRITE, AclOperation.CREATE, AclOperation.DESCRIBE, AclOperation.DELETE,
  AclOperation.ALTER, AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS,
]);

export const GROUP_OPERATIONS = bits([
  AclOperation.READ, AclOperation.DESCRIBE, AclOperation.DELETE, AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS,
]);
