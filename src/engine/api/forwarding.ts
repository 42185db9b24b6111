// Requests that change the cluster's metadata are decided by the active controller. A broker
// that is not the controller forwards them over the Kafka protocol (our client's connection) and
// relays the controller's answer, as a KRaft broker forwards admin requests
// (ForwardingManager); the same goes for the broker's own needs (auto-created topics, producer
// id blocks).
import type { Engine } from '../engine';
import type { Handler } from './handlers';
import { BrokerConnection } from '../../client/connection';
import { ApiKey } from '../../protocol/apis';
import { ErrorCode, KafkaError } from '../../protocol/errors';
import type { CreateTopicInput } from '../topic-admin';
import type { AlterPartitionRequest, AlterPartitionResponse } from '../../protocol/messages/alter-partition';
import { handleAlterPartition } from './handlers/alter-partition';
import type { ConnectionContext } from './dispatch';

const LOCAL_CONNECTION: ConnectionContext = { id: -1, remote: 'local', isClosed: () => false, whenClosed: () => () => undefined };

/**
 * The client id of forwarded requests, followed by `-<node id>` of the broker that forwarded
 * them: a controller that lost its lease answers them itself (NOT_CONTROLLER) instead of
 * forwarding again, and a per-broker config is that broker's (as Kafka checks the resource
 * name against the receiving broker before it forwards).
 */
export const FORWARDING_CLIENT_ID = 'kafka-local-forwarding';

export function isForwarded(clientId: string | null): boolean {
  return clientId !== null && clientId.startsWith(FORWARDING_CLIENT_ID);
}

/** The broker a request reached first: the forwarding broker, or this one. */
export function receivingNodeId(engine: Engine, clientId: string | null): number {
  const m = clientId !== null ? /^kafka-local-forwarding-(-?\d+)$/.exec(clientId) : null;
  return m ? Number(m[1]) : engine.settings.nodeId;
}

/** AllocateProducerIds: an inter-broker API (served, never advertised to clients). */
export const ALLOCATE_PRODUCER_IDS = 67;

const FORWARD_TIMEOUT_MS = 30000;

export class ControllerForwarder {
  private conn: { nodeId: number; host: string; port: number; c: BrokerConnection } | undefined;

  constructor(private readonly engine: Engine) {}

  /** The active controller's connection; undefined when this broker took the lease meanwhile. */
  private async connection(deadline: number): Promise<BrokerConnection | undefined> {
    for (;;) {
      if (this.engine.controller.isActive()) return undefined;
      const id = this.engine.controller.activeControllerId();
      const ep = id >= 0 ? this.engine.loader.image.brokers.get(id)?.endpoints[0] : undefined;
      if (ep && id !== this.engine.settings.nodeId) {
        const cur = this.conn;
        if (cur && cur.nodeId === id && cur.host === ep.host && cur.port === ep.port) return cur.c;
        cur?.c.close();
        this.conn = undefined;
        const c = new BrokerConnection(ep.host, ep.port, `${FORWARDING_CLIENT_ID}-${this.engine.settings.nodeId}`, id);
        try {
          await c.connect(Math.max(100, Math.min(5000, deadline - Date.now())));
          this.conn = { nodeId: id, host: ep.host, port: ep.port, c };
          return c;
        } catch {
          c.close();
        }
      }
      if (Date.now() > deadline) throw KafkaError.from(ErrorCode.REQUEST_TIMED_OUT, 'Timed out waiting for the active controller.');
      await new Promise((r) => setTimeout(r, 100));
      this.engine.loader.catchUp();
    }
  }

  /**
   * Send a request to the active controller at the given version; its answer, as decoded. When
   * this broker becomes the active controller while waiting (the old one stopped), `local`
   * answers it here: waiting for a controller other than ourselves would only time out.
   */
  async send<T = any>(apiKey: number, version: number, body: unknown, local?: () => T | Promise<T>): Promise<T> {
    const deadline = Date.now() + FORWARD_TIMEOUT_MS;
    for (;;) {
      const c = await this.connection(deadline);
      if (!c) {
        if (local) return local();
        throw KafkaError.from(ErrorCode.NOT_CONTROLLER, 'This broker became the active controller.');
      }
      try {
        return await c.request<T>(apiKey, version, body);
      } catch (e) {
        if (e instanceof KafkaError && e.code !== ErrorCode.NETWORK_EXCEPTION) throw e;
        if (this.conn?.c === c) this.conn = undefined;
        c.close();
        if (Date.now() > deadline) throw KafkaError.from(ErrorCode.REQUEST_TIMED_OUT, 'Timed out forwarding to the active controller.');
      }
    }
  }

  /** Auto-creation on a broker that is not the controller: the controller creates it; nobody waits. */
  createTopicInBackground(input: CreateTopicInput): void {
    this.send(ApiKey.CreateTopics, 4, {
      topics: [{
        name: input.name, numPartitions: input.numPartitions, replicationFactor: input.replicationFactor,
        assignments: input.assignments, configs: [...input.configs].map(([name, value]) => ({ name, value })),
      }],
      timeoutMs: FORWARD_TIMEOUT_MS, validateOnly: false,
    }).catch(() => undefined);
  }

  async allocateProducerIds(): Promise<{ first: number; count: number }> {
    const brokerId = this.engine.settings.nodeId;
    const local = () => {
      const b = this.engine.controller.allocateProducerIds(brokerId, this.engine.lifecycle.brokerEpoch());
      return { errorCode: 0, producerIdStart: b.first, producerIdLen: b.count };
    };
    const resp = await this.send(ALLOCATE_PRODUCER_IDS, 0, { brokerId, brokerEpoch: this.engine.lifecycle.brokerEpoch() }, local);
    if (resp.errorCode !== 0) throw KafkaError.from(resp.errorCode);
    return { first: Number(resp.producerIdStart), count: resp.producerIdLen };
  }

  /**
   * The AlterPartitionSender the replica side uses (a leader shrinking or expanding an ISR): the
   * request as AlterPartition v3 (topic ids, ISR members with their broker epochs), answered by
   * this process's controller when it is the active one, else by the active controller.
   */
  async alterPartition(request: AlterPartitionRequest): Promise<AlterPartitionResponse> {
    const local = () => handleAlterPartition(this.engine, request, { version: 3, clientId: FORWARDING_CLIENT_ID, correlationId: -1, connection: LOCAL_CONNECTION });
    if (this.engine.controller.isActive()) return local();
    return this.send<AlterPartitionResponse>(ApiKey.AlterPartition, 3, request, local);
  }

  close(): void {
    this.conn?.c.close();
    this.conn = undefined;
  }
}

/**
 * A handler that runs on the active controller: on any other member of a cluster the request is
 * forwarded (a one-broker cluster is always its own controller).
 */
export function onController(apiKey: number, handler: Handler): Handler {
  return (engine, request, ctx) => {
    if (engine.settings.cluster === null || engine.controller.isActive() || isForwarded(ctx.clientId)) {
      return handler(engine, request, ctx);
    }
    return engine.forwarder.send(apiKey, ctx.version, request, () => handler(engine, request, ctx));
  };
}
