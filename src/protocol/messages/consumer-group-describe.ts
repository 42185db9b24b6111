// ConsumerGroupDescribe (API key 69): versions 0-1, flexible from 0. KIP-848 consumer groups; our
// client asks brokers that have them (the engine does not: it has classic groups only).
// Field layout follows Kafka 4.4's ConsumerGroupDescribeRequest/ConsumerGroupDescribeResponse
// message definitions. Optional (?) properties exist only in some versions; decoded objects
// always carry them (absent ones hold the default).
import { ApiSpec, FieldSpec } from '../schema';

export interface ConsumerGroupDescribeRequest {
  groupIds: string[];
  includeAuthorizedOperations: boolean;
}

export interface ConsumerGroupAssignment {
  topicPartitions: { topicId: string; topicName: string; partitions: number[] }[];
}

export interface ConsumerGroupDescribedMember {
  memberId: string;
  instanceId: string | null;
  rackId: string | null;
  memberEpoch: number;
  clientId: string;
  clientHost: string;
  subscribedTopicNames: string[];
  subscribedTopicRegex: string | null;
  assignment: ConsumerGroupAssignment;
  targetAssignment: ConsumerGroupAssignment;
  /** -1 unknown, 0 a classic member (of a group being upgraded), 1 a consumer member. */
  memberType?: number;
}

export interface ConsumerGroupDescribedGroup {
  errorCode: number;
  errorMessage: string | null;
  groupId: string;
  groupState: string;
  groupEpoch: number;
  assignmentEpoch: number;
  assignorName: string;
  members: ConsumerGroupDescribedMember[];
  authorizedOperations: number;
}

export interface ConsumerGroupDescribeResponse {
  throttleTimeMs: number;
  groups: ConsumerGroupDescribedGroup[];
}

const ASSIGNMENT: FieldSpec[] = [
  { name: 'topicPartitions', type: '[]', versions: '0+', fields: [
    { name: 'topicId', type: 'uuid', versions: '0+' },
    { name: 'topicName', type: 'string', versions: '0+' },
    { name: 'partitions', type: '[]int32', versions: '0+' },
  ] },
];

export const consumerGroupDescribe: ApiSpec = {
  apiKey: 69,
  name: 'ConsumerGroupDescribe',
  validVersions: '0-1',
  flexibleVersions: '0+',
  request: [
    { name: 'groupIds', type: '[]string', versions: '0+' },
    { name: 'includeAuthorizedOperations', type: 'bool', versions: '0+' },
  ],
  response: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'groups', type: '[]', versions: '0+', fields: [
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+', default: null },
      { name: 'groupId', type: 'string', versions: '0+' },
      { name: 'groupState', type: 'string', versions: '0+' },
      { name: 'groupEpoch', type: 'int32', versions: '0+' },
      { name: 'assignmentEpoch', type: 'int32', versions: '0+' },
      { name: 'assignorName', type: 'string', versions: '0+' },
      { name: 'members', type: '[]', versions: '0+', fields: [
        { name: 'memberId', type: 'string', versions: '0+' },
        { name: 'instanceId', type: 'string', versions: '0+', nullableVersions: '0+', default: null },
        { name: 'rackId', type: 'string', versions: '0+', nullableVersions: '0+', default: null },
        { name: 'memberEpoch', type: 'int32', versions: '0+' },
        { name: 'clientId', type: 'string', versions: '0+' },
        { name: 'clientHost', type: 'string', versions: '0+' },
        { name: 'subscribedTopicNames', type: '[]string', versions: '0+' },
        { name: 'subscribedTopicRegex', type: 'string', versions: '0+', nullableVersions: '0+', default: null },
        { name: 'assignment', type: 'struct', versions: '0+', fields: ASSIGNMENT },
        { name: 'targetAssignment', type: 'struct', versions: '0+', fields: ASSIGNMENT },
        { name: 'memberType', type: 'int8', versions: '1+', default: -1 },
      ] },
      { name: 'authorizedOperations', type: 'int32', versions: '0+', default: -2147483648 },
    ] },
  ],
};
