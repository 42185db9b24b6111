// Group coordinator lookup (FindCoordinator, key type 0 = group), shared by the group member and
// the consumer-groups admin calls. Retries the transient answers a broker gives while the
// offsets topic is being created or loaded, until the caller's deadline.
import type { BrokerConnection } from './connection';
import type { Cluster } from './cluster';
import { ApiKey } from '../protocol/apis';
import { ErrorCode, KafkaError, TimeoutError } from '../protocol/errors';

export interface Coordinator {
  nodeId: number;
  conn: BrokerConnection;
}

const TRANSIENT = new Set<number>([
  ErrorCode.COORDINATOR_NOT_AVAILABLE,
  ErrorCode.COORDINATOR_LOAD_IN_PROGRESS,
  ErrorCode.NOT_COORDINATOR,
]);

export async function findCoordinator(cluster: Cluster, groupId: string, deadline: number, callName: string, retryBackoffMs = 100): Promise<Coordinator> {
  let last: KafkaError | undefined;
  for (;;) {
    const conn = await cluster.anyConnection(deadline, callName);
    const body: any = await conn.send(ApiKey.FindCoordinator, { key: groupId, keyType: 0 });
    if (body.errorCode === ErrorCode.NONE) {
      if (!cluster.brokers.has(body.nodeId)) {
        cluster.brokers.set(body.nodeId, { nodeId: body.nodeId, host: body.host, port: body.port, rack: null });
      }
      return { nodeId: body.nodeId, conn: await cluster.connectionTo(body.nodeId) };
    }
    last = KafkaError.from(body.errorCode, body.errorMessage ?? null);
    if (!TRANSIENT.has(body.errorCode)) throw last;
    if (Date.now() + retryBackoffMs >= deadline) {
      throw new TimeoutError(`Timed out waiting for a node assignment. Call: ${callName}`);
    }
    await new Promise((r) => setTimeout(r, retryBackoffMs));
  }
}
