// Admin calls for client quotas and SCRAM credentials (kafka-configs --entity-type
// users/clients/ips), shaped like the Java AdminClient's: any broker serves them.
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import type { Admin } from './admin';
import { ApiKey } from '../protocol/apis';
import { ErrorCode, KafkaError } from '../protocol/errors';
import type { DescribeClientQuotasRequest, QuotaEntityData } from '../protocol/messages';

/** ClientQuotaFilterComponent match types. */
export const MatchType = { EXACT: 0, DEFAULT: 1, SPECIFIED: 2 } as const;

export interface QuotaEntry {
  /** entity type -> name (null: the default entity), in the broker's order. */
  entity: [string, string | null][];
  /** quota key -> value, in the broker's order. */
  values: [string, number][];
}

export interface QuotaOp {
  key: string;
  /** null: remove the key. */
  value: number | null;
}

/** SCRAM mechanisms by name: type and the Java enum's name. */
export const SCRAM_MECHANISMS: ReadonlyMap<string, { type: number; hash: 'sha256' | 'sha512'; minIterations: number; enumName: string }> = new Map([
  ['SCRAM-SHA-256', { type: 1, hash: 'sha256', minIterations: 4096, enumName: 'SCRAM_SHA_256' }],
  ['SCRAM-SHA-512', { type: 2, hash: 'sha512', minIterations: 4096, enumName: 'SCRAM_SHA_512' }],
]);
const MECHANISM_NAMES = new Map([...SCRAM_MECHANISMS].map(([name, m]) => [m.type, name]));

export interface ScramUpsertion {
  user: string;
  mechanism: string;
  iterations: number;
  password: string;
}

export class QuotaAdmin {
  constructor(private readonly admin: Admin, private readonly apiTimeoutMs = 60000) {}

  private async send<T>(apiKey: number, body: unknown, callName: string, javaApiName: string): Promise<T> {
    await this.admin.requireApi(apiKey, javaApiName, callName);
    const conn = await this.admin.cluster.anyConnection(Date.now() + this.apiTimeoutMs, callName);
    return conn.send<T>(apiKey, body);
  }

  /** DescribeClientQuotas; the broker's error is thrown. */
  async describeClientQuotas(components: DescribeClientQuotasRequest['components'], strict: boolean): Promise<QuotaEntry[]> {
    const resp: any = await this.send(ApiKey.DescribeClientQuotas, { components, strict }, 'describeClientQuotas', 'DESCRIBE_CLIENT_QUOTAS');
    if (resp.errorCode !== 0) throw KafkaError.from(resp.errorCode, resp.errorMessage ?? undefined);
    return (resp.entries ?? []).map((e: any) => ({
      entity: e.entity.map((d: QuotaEntityData) => [d.entityType, d.entityName]),
      values: e.values.map((v: { key: string; value: number }) => [v.key, v.value]),
    }));
  }

  /** AlterClientQuotas for one entity; its error is thrown. */
  async alterClientQuotas(entity: [string, string | null][], ops: readonly QuotaOp[], validateOnly = false): Promise<void> {
    const resp: any = await this.send(ApiKey.AlterClientQuotas, {
      entries: [{
        entity: entity.map(([entityType, entityName]) => ({ entityType, entityName })),
        ops: ops.map((o) => ({ key: o.key, value: o.value ?? 0, remove: o.value === null })),
      }],
      validateOnly,
    }, 'alterClientQuotas', 'ALTER_CLIENT_QUOTAS');
    for (const e of resp.entries) if (e.errorCode !== 0) throw KafkaError.from(e.errorCode, e.errorMessage ?? undefined);
  }

  /**
   * DescribeUserScramCredentials: the users that have credentials (of those named, or all when
   * none are), each with its mechanisms and iterations, in the broker's order.
   */
  async describeUserScramCredentials(users: readonly string[]): Promise<{ user: string; credentials: { mechanism: string; iterations: number }[] }[]> {
    const resp: any = await this.send(ApiKey.DescribeUserScramCredentials, { users: users.map((name) => ({ name })) },
      'describeUserScramCredentials', 'DESCRIBE_USER_SCRAM_CREDENTIALS');
    if (resp.errorCode !== 0) throw KafkaError.from(resp.errorCode, resp.errorMessage ?? undefined);
    return resp.results.filter((r: any) => r.errorCode === 0).map((r: any) => ({
      user: r.user,
      credentials: r.credentialInfos.map((c: any) => ({ mechanism: MECHANISM_NAMES.get(c.mechanism) ?? 'UNKNOWN', iterations: c.iterations })),
    }));
  }

  /**
   * AlterUserScramCredentials: the salted password is computed here, as the Java client does
   * (PBKDF2 of the password with a random salt); the first failure is thrown.
   */
  async alterUserScramCredentials(deletions: { user: string; mechanism: string }[], upsertions: ScramUpsertion[]): Promise<void> {
    const resp: any = await this.send(ApiKey.AlterUserScramCredentials, {
      deletions: deletions.map((d) => ({ name: d.user, mechanism: SCRAM_MECHANISMS.get(d.mechanism)?.type ?? 0 })),
      upsertions: upsertions.map((u) => {
        const m = SCRAM_MECHANISMS.get(u.mechanism)!;
        const salt = Buffer.from(BigInt(`0x${randomBytes(17).toString('hex')}`).toString(36), 'utf8');
        const keylen = m.hash === 'sha256' ? 32 : 64;
        return { name: u.user, mechanism: m.type, iterations: u.iterations, salt, saltedPassword: pbkdf2Sync(u.password, salt, u.iterations, keylen, m.hash) };
      }),
    }, 'alterUserScramCredentials', 'ALTER_USER_SCRAM_CREDENTIALS');
    for (const r of resp.results) if (r.errorCode !== 0) throw KafkaError.from(r.errorCode, r.errorMessage ?? undefined);
  }
}

export { ErrorCode };
