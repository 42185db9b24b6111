// Client quotas (DescribeClientQuotas / AlterClientQuotas): the quota values of users, client ids,
// (user, client id) pairs and IPs, each possibly the default entity of its type, with the checks
// and texts of a KRaft controller (ClientQuotaControlManager) and the filter rules of its metadata
// image. Kept as metadata records (the controller writes them, every broker's image has them);
// stored and reported, not enforced: brokers do not throttle clients by them.
import type { MetadataImage } from './metadata/image';
import { quotaEntityKey } from './metadata/image';
import type { MetadataRecord } from './metadata/records';
import { ErrorCode, KafkaError } from '../protocol/errors';
import { javaHashMapOrderByHash, javaQuotaEntityHashCode } from '../util/java-hash';
import type {
  AlterClientQuotasRequest, AlterClientQuotasResponse, DescribeClientQuotasRequest, DescribeClientQuotasResponse, QuotaEntityData,
} from '../protocol/messages';

export const USER = 'user';
export const CLIENT_ID = 'client-id';
export const IP = 'ip';

/** QuotaConfig's keys and types: user / client-id entities, and IP entities. */
const USER_CLIENT_KEYS = new Map<string, 'long' | 'double'>([
  ['producer_byte_rate', 'long'], ['consumer_byte_rate', 'long'], ['request_percentage', 'double'], ['controller_mutation_rate', 'double'],
]);
const IP_KEYS = new Map<string, 'int'>([['connection_creation_rate', 'int']]);

const MATCH_EXACT = 0;
const MATCH_DEFAULT = 1;
const MATCH_SPECIFIED = 2;

/** entity type -> name (null: the default entity). */
type Entity = Map<string, string | null>;

interface Quotas {
  entity: Entity;
  values: Map<string, number>;
}

function invalid(message: string): never {
  throw KafkaError.from(ErrorCode.INVALID_REQUEST, message);
}

/** ClientQuotaEntity.toString: `ClientQuotaEntity(entries={user=alice})`. */
function entityText(entity: Entity): string {
  return `ClientQuotaEntity(entries={${[...entity].map(([t, n]) => `${t}=${n}`).join(', ')}})`;
}

/** The key an entity is stored under: its entries sorted by type. */
function entityKey(entity: Entity): string {
  return quotaEntityKey([...entity]);
}

/** A literal IP address or a host name (no lookups: InetAddress.getByName would resolve). */
function isValidIpEntity(ip: string | null): boolean {
  return ip === null || /^[0-9A-Za-z.:%_-]+$/.test(ip);
}

/** Where quotas live: the metadata image, and the controller that appends records to it. */
export interface QuotaMetadata {
  image: MetadataImage;
  write(records: MetadataRecord[]): void;
}

export class ClientQuotas {
  constructor(private readonly metadata: QuotaMetadata) {}

  /** Entities in the order their first quota was set. */
  private get byKey(): Map<string, Quotas> {
    const out = new Map<string, Quotas>();
    for (const [k, q] of this.metadata.image.clientQuotas) out.set(k, { entity: new Map(q.entity), values: q.values });
    return out;
  }

  /** ClientQuotasImage.describe: the entities the filter matches, with their values. */
  describe(req: DescribeClientQuotasRequest): DescribeClientQuotasResponse {
    const ok = (entries: DescribeClientQuotasResponse['entries']) => ({ throttleTimeMs: 0, errorCode: 0, errorMessage: null, entries });
    try {
      const exact = new Map<string, string | null>();
      const typeMatch = new Set<string>();
      for (const c of req.components) {
        if (c.entityType === '') invalid('Invalid empty entity type.');
        if (exact.has(c.entityType) || typeMatch.has(c.entityType)) invalid(`Entity type ${c.entityType} cannot appear more than once in the filter.`);
        if (![IP, USER, CLIENT_ID].includes(c.entityType)) throw KafkaError.from(ErrorCode.UNSUPPORTED_VERSION, `Unsupported entity type ${c.entityType}`);
        if (c.matchType === MATCH_EXACT) {
          if (c.match === null) invalid('Request specified MATCH_TYPE_EXACT, but set match string to null.');
          exact.set(c.entityType, c.match);
        } else if (c.matchType === MATCH_DEFAULT) {
          if (c.match !== null) invalid('Request specified MATCH_TYPE_DEFAULT, but also specified a match string.');
          exact.set(c.entityType, null);
        } else if (c.matchType === MATCH_SPECIFIED) {
          if (c.match !== null) invalid('Request specified MATCH_TYPE_SPECIFIED, but also specified a match string.');
          typeMatch.add(c.entityType);
        } else {
          invalid(`Unknown match type ${c.matchType}`);
        }
      }
      const has = (t: string) => exact.has(t) || typeMatch.has(t);
      if (has(IP) && (has(USER) || has(CLIENT_ID))) {
        invalid('Invalid entity filter component combination. IP filter component should not be used with user or clientId filter component.');
      }
      const entries = [];
      // A KRaft broker answers from its metadata image, a HashMap of the entities (the order Java
      // clients then see collisions in); each entity's values in the order they were set.
      const all = javaHashMapOrderByHash([...this.byKey.values()], (q) => javaQuotaEntityHashCode(q.entity));
      for (const q of all) {
        if (req.strict && q.entity.size !== exact.size + typeMatch.size) continue;
        if ([...exact].some(([t, n]) => !q.entity.has(t) || q.entity.get(t) !== n)) continue;
        if ([...typeMatch].some((t) => !q.entity.has(t))) continue;
        entries.push({
          entity: [...q.entity].map(([entityType, entityName]) => ({ entityType, entityName })),
          values: [...q.values].map(([key, value]) => ({ key, value })),
        });
      }
      return ok(entries);
    } catch (e) {
      const ke = KafkaError.wrap(e);
      return { throttleTimeMs: 0, errorCode: ke.code, errorMessage: ke.message, entries: null };
    }
  }

  /** ClientQuotaControlManager.alterClientQuotas: each entry validated and applied on its own. */
  alter(req: AlterClientQuotasRequest): AlterClientQuotasResponse {
    const seen = new Set<string>();
    const entries = req.entries.map((e) => {
      const result = (code: number, message: string | null) => ({ errorCode: code, errorMessage: message, entity: e.entity });
      try {
        const entity = this.validateEntity(e.entity);
        const key = entityKey(entity);
        const ops = new Map<string, number | null>();
        for (const op of e.ops) {
          if (ops.has(op.key)) invalid(`Duplicate quota key ${op.key} not updating quota for this entity ${entityText(entity)}`);
          ops.set(op.key, op.remove ? null : op.value);
        }
        if (seen.has(key)) invalid(`Ignoring duplicate entity ${entityText(entity)}`);
        seen.add(key);
        const keys = this.configKeys(entity);
        for (const [k, v] of ops) if (v !== null) this.validateValue(keys, k, v);
        if (!req.validateOnly) this.apply(key, entity, ops);
        return result(0, null);
      } catch (err) {
        const ke = KafkaError.wrap(err);
        return result(ke.code, ke.message);
      }
    });
    return { throttleTimeMs: 0, entries };
  }

  private validateEntity(data: readonly QuotaEntityData[]): Entity {
    if (data.length === 0) invalid('Invalid empty client quota entity');
    const entity: Entity = new Map();
    for (const { entityType, entityName } of data) {
      if (entity.has(entityType)) invalid(`Invalid client quota entity, duplicate entity entry ${entityType}`);
      if (![USER, CLIENT_ID, IP].includes(entityType)) invalid(`Unhandled client quota entity type: ${entityType}`);
      if (entityName === '') invalid(`Empty ${entityType} not supported`);
      entity.set(entityType, entityName);
    }
    return entity;
  }

  private configKeys(entity: Entity): ReadonlyMap<string, string> {
    if (entity.has(IP)) {
      if (entity.has(USER) || entity.has(CLIENT_ID)) invalid('Invalid quota entity combination, IP entity shouldnot be combined with User or ClientId');
      const ip = entity.get(IP) ?? null;
      if (!isValidIpEntity(ip)) invalid(`${ip} is not a valid IP or resolvable host.`);
      return IP_KEYS;
    }
    return USER_CLIENT_KEYS;
  }

  private validateValue(keys: ReadonlyMap<string, string>, key: string, value: number): void {
    const type = keys.get(key);
    if (!type) invalid(`Invalid configuration key ${key}`);
    if (value <= 0) invalid(`Quota ${key} must be greater than 0`);
    if (type === 'double') return;
    if (type === 'int' && value > 2147483647) invalid(`Proposed value for ${key} is too large for an INT.`);
    if (type === 'long' && value > 9223372036854775807) invalid(`Proposed value for ${key} is too large for a LONG.`);
    if (Math.abs(value % 1) > 1e-6) invalid(`${key} cannot be a fractional value.`);
  }

  private apply(_key: string, entity: Entity, ops: ReadonlyMap<string, number | null>): void {
    this.metadata.write([...ops].map(([key, value]): MetadataRecord => ({ type: 'ClientQuota', entity: [...entity], key, value })));
  }
}
