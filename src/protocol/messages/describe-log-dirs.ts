// DescribeLogDirs (API key 35): each log dir of a broker with its partitions' sizes.
// Versions 0-4, flexible from 2 (Kafka 3.9's DescribeLogDirsRequest/Response).
import { ApiSpec } from '../schema';

export interface DescribeLogDirsRequest {
  /** null: every partition. */
  topics: { topic: string; partitions: number[] }[] | null;
}

export interface DescribeLogDirsResponse {
  throttleTimeMs: number;
  errorCode: number;
  results: {
    errorCode: number;
    logDir: string;
    topics: { name: string; partitions: { partitionIndex: number; partitionSize: number; offsetLag: number; isFutureKey: boolean }[] }[];
    totalBytes: number;
    usableBytes: number;
  }[];
}

export const describeLogDirs: ApiSpec = {
  apiKey: 35,
  name: 'DescribeLogDirs',
  validVersions: '0-4',
  flexibleVersions: '2+',
  request: [
    { name: 'topics', type: '[]', versions: '0+', nullableVersions: '0+', fields: [
      { name: 'topic', type: 'string', versions: '0+' },
      { name: 'partitions', type: '[]int32', versions: '0+' },
    ] },
  ],
  response: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'errorCode', type: 'int16', versions: '3+', default: 0 },
    { name: 'results', type: '[]', versions: '0+', fields: [
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'logDir', type: 'string', versions: '0+' },
      { name: 'topics', type: '[]', versions: '0+', fields: [
        { name: 'name', type: 'string', versions: '0+' },
        { name: 'partitions', type: '[]', versions: '0+', fields: [
          { name: 'partitionIndex', type: 'int32', versions: '0+' },
          { name: 'partitionSize', type: 'int64', versions: '0+' },
          { name: 'offsetLag', type: 'int64', versions: '0+' },
          { name: 'isFutureKey', type: 'bool', versions: '0+' },
        ] },
      ] },
      { name: 'totalBytes', type: 'int64', versions: '4+', default: -1 },
      { name: 'usableBytes', type: 'int64', versions: '4+', default: -1 },
    ] },
  ],
};
