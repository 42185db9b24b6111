// Coordinator lookup (FindCoordinator, key type 0 = group, 1 = transaction), shared by the group
// member, the consumer-groups and transactions admin calls and the transactional producer. Retries the transient answers a broker gives while the
// offsets topic is being created or loaded, until the caller's deadline.
import { BrokerConnection } from './connection';
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

/**
 * The group's coordinator. With `dedicated`, on a connection of its own rather than the one
 * shared with fetches (as the Java consumer, which keys it `Integer.MAX_VALUE - nodeId`): group
 * requests then never queue behind a long-polling Fetch to the same broker. The caller closes a
 * dedicated connection.
 */
export async function findCoordinator(
  cluster: Cluster, groupId: string, deadline: number, callName: string, retryBackoffMs = 100, dedicated = false,
  onUnreachable?: (nodeId: number, host: string, port: number) => Promise<void> | void,
  keyType: 0 | 1 = 0,
): Promise<Coordinator> {
  let last: KafkaError | undefined;
  for (;;) {
    const conn = await cluster.anyConnection(deadline, callName);
    const body: any = await conn.send(ApiKey.FindCoordinator, { key: groupId, keyType });
    if (body.errorCode === ErrorCode.NONE) {
      if (!cluster.brokers.has(body.nodeId)) {
        cluster.brokers.set(body.nodeId, { nodeId: body.nodeId, host: body.host, port: body.port, rack: null });
      }
      if (!dedicated) return { nodeId: body.nodeId, conn: await cluster.connectionTo(body.nodeId) };
      const conn = new BrokerConnection(body.host, body.port, cluster.opts.clientId, body.nodeId, cluster.opts.network);
      try {
        await conn.connect(Math.max(1, Math.min(cluster.opts.connectTimeoutMs ?? 10000, deadline - Date.now())));
      } catch (e) {
        conn.close();
        // A coordinator that is gone but not yet fenced (its broker killed): the caller logs
        // it as Java's NetworkClient does, then looks the coordinator up again.
        await onUnreachable?.(body.nodeId, body.host, body.port);
        throw e;
      }
      return { nodeId: body.nodeId, conn };
    }
    last = KafkaError.from(body.errorCode, body.errorMessage ?? null);
    if (!TRANSIENT.has(body.errorCode)) throw last;
    if (Date.now() + retryBackoffMs >= deadline) {
      throw new TimeoutError(`Timed out waiting for a node assignment. Call: ${callName}`);
    }
    await new Promise((r) => setTimeout(r, retryBackoffMs));
  }
}

/** A transactional id's coordinator (FindCoordinator key type 1), on the shared connection. */
export function findTransactionCoordinator(cluster: Cluster, transactionalId: string, deadline: number, callName: string, retryBackoffMs = 100): Promise<Coordinator> {
  return findCoordinator(cluster, transactionalId, deadline, callName, retryBackoffMs, false, undefined, 1);
}
