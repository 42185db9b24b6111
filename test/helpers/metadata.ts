// What one broker's Metadata answer says, asked directly (not through a client's cache): tests
// wait on it until every live broker has seen a controller's change.
import * as path from 'node:path';
import { ROOT } from './engine';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));

/** One topic's replicas by partition ("0:1,3,2 1:...") in the Metadata answer of the broker at `host:port`. */
export async function replicasSeenOn(hostPort: string, topic: string): Promise<string> {
  const i = hostPort.lastIndexOf(':');
  const c = new BrokerConnection(hostPort.slice(0, i), Number(hostPort.slice(i + 1)), 'metadata-test-helper');
  await c.connect();
  try {
    const md = await c.request(ApiKey.Metadata, 12, { topics: [{ topicId: null, name: topic }], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
    return md.topics[0].partitions.map((p: any) => `${p.partitionIndex}:${p.replicaNodes.join(',')}`).sort().join(' ');
  } finally {
    c.close();
  }
}
