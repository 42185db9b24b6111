// Client quotas, SCRAM credentials, and group and client metrics configs in the engine, at the
// protocol level: the filter rules of DescribeClientQuotas, the checks and texts of
// AlterClientQuotas / AlterUserScramCredentials (a KRaft controller's), ListConfigResources, and
// persistence across a restart on the same log.dirs.
import * as path from 'node:path';
import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import { ROOT, spawnEngine, tempDir, type ChildEngine } from '../helpers/engine';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));

const dir = tempDir('kl-quotas-');
let engine: ChildEngine;

beforeAll(async () => {
  engine = await spawnEngine({ dir });
});

afterAll(async () => {
  await engine?.stop();
});

async function send(apiKey: number, body: unknown): Promise<any> {
  const conn = new BrokerConnection('127.0.0.1', engine.port, 'quotas-test');
  await conn.connect();
  try {
    return await conn.send(apiKey, body);
  } finally {
    conn.close();
  }
}

type Entity = [string, string | null][];
const entityData = (e: Entity) => e.map(([entityType, entityName]) => ({ entityType, entityName }));

async function alter(entity: Entity, ops: { key: string; value?: number; remove?: boolean }[]): Promise<{ code: number; message: string | null }> {
  const r = await send(ApiKey.AlterClientQuotas, {
    entries: [{ entity: entityData(entity), ops: ops.map((o) => ({ key: o.key, value: o.value ?? 0, remove: !!o.remove })) }],
    validateOnly: false,
  });
  return { code: r.entries[0].errorCode, message: r.entries[0].errorMessage };
}

/** Describe with a filter: [type, 'exact' name | 'default' | 'any'][]; entries as `type=name,...: key=value,...`. */
async function describeQuotas(components: [string, string][], strict: boolean): Promise<string[]> {
  const r = await send(ApiKey.DescribeClientQuotas, {
    components: components.map(([entityType, m]) => (m === 'default' ? { entityType, matchType: 1, match: null }
      : m === 'any' ? { entityType, matchType: 2, match: null } : { entityType, matchType: 0, match: m })),
    strict,
  });
  if (r.errorCode !== 0) return [`error ${r.errorCode}: ${r.errorMessage}`];
  return r.entries.map((e: any) => `${e.entity.map((d: any) => `${d.entityType}=${d.entityName}`).sort().join(',')}: ${e.values.map((v: any) => `${v.key}=${v.value}`).join(',')}`).sort();
}

describe('client quotas', () => {
  it('set, filter (exact, default, any; strict or not), remove', async () => {
    expect(await alter([['user', 'alice']], [{ key: 'producer_byte_rate', value: 100 }])).toEqual({ code: 0, message: null });
    expect((await alter([['user', 'alice'], ['client-id', 'c1']], [{ key: 'consumer_byte_rate', value: 300 }])).code).toBe(0);
    expect((await alter([['client-id', null]], [{ key: 'request_percentage', value: 12.5 }])).code).toBe(0);
    expect(await describeQuotas([['user', 'any']], true)).toEqual(['user=alice: producer_byte_rate=100']);
    expect(await describeQuotas([['user', 'alice']], false)).toEqual(['client-id=c1,user=alice: consumer_byte_rate=300', 'user=alice: producer_byte_rate=100']);
    expect(await describeQuotas([['client-id', 'default']], true)).toEqual(['client-id=null: request_percentage=12.5']);
    expect(await describeQuotas([], false)).toHaveLength(3);
    expect((await alter([['client-id', null]], [{ key: 'request_percentage', remove: true }])).code).toBe(0);
    expect(await describeQuotas([['client-id', 'default']], true)).toEqual([]);
  });

  it('refuses bad entities, keys and values with Kafka\'s texts', async () => {
    expect(await alter([], [{ key: 'producer_byte_rate', value: 1 }])).toEqual({ code: 42, message: 'Invalid empty client quota entity' });
    expect(await alter([['group', 'g']], [{ key: 'producer_byte_rate', value: 1 }])).toEqual({ code: 42, message: 'Unhandled client quota entity type: group' });
    expect(await alter([['user', '']], [{ key: 'producer_byte_rate', value: 1 }])).toEqual({ code: 42, message: 'Empty user not supported' });
    expect(await alter([['ip', '1.2.3.4'], ['user', 'u']], [{ key: 'connection_creation_rate', value: 1 }]))
      .toEqual({ code: 42, message: 'Invalid quota entity combination, IP entity shouldnot be combined with User or ClientId' });
    expect(await alter([['user', 'u']], [{ key: 'connection_creation_rate', value: 1 }])).toEqual({ code: 42, message: 'Invalid configuration key connection_creation_rate' });
    expect(await alter([['user', 'u']], [{ key: 'producer_byte_rate', value: 0 }])).toEqual({ code: 42, message: 'Quota producer_byte_rate must be greater than 0' });
    expect(await alter([['ip', '1.2.3.4']], [{ key: 'connection_creation_rate', value: 2.5 }])).toEqual({ code: 42, message: 'connection_creation_rate cannot be a fractional value.' });
    expect(await alter([['user', 'u']], [{ key: 'producer_byte_rate', value: 1 }, { key: 'producer_byte_rate', value: 2 }]))
      .toEqual({ code: 42, message: 'Duplicate quota key producer_byte_rate not updating quota for this entity ClientQuotaEntity(entries={user=u})' });
    expect(await describeQuotas([['ip', 'any'], ['user', 'any']], false)).toEqual([
      'error 42: Invalid entity filter component combination. IP filter component should not be used with user or clientId filter component.',
    ]);
    expect(await describeQuotas([['user', 'any'], ['user', 'default']], false)).toEqual(['error 42: Entity type user cannot appear more than once in the filter.']);
    expect(await describeQuotas([['group', 'any']], false)).toEqual(['error 35: Unsupported entity type group']);
  });
});

describe('SCRAM credentials', () => {
  const upsert = (name: string, mechanism: number, iterations = 8192) => ({ name, mechanism, iterations, salt: Buffer.from('salt'), saltedPassword: Buffer.alloc(32, 7) });

  it('upsert, describe, delete; one change per user and request', async () => {
    let r = await send(ApiKey.AlterUserScramCredentials, { deletions: [], upsertions: [upsert('bob', 1), upsert('carol', 2, 5000)] });
    expect(r.results.map((x: any) => [x.user, x.errorCode])).toEqual([['bob', 0], ['carol', 0]]);
    r = await send(ApiKey.DescribeUserScramCredentials, { users: null });
    expect(r.results.map((x: any) => [x.user, x.credentialInfos.map((c: any) => `${c.mechanism}:${c.iterations}`)]).sort())
      .toEqual([['bob', ['1:8192']], ['carol', ['2:5000']]]);
    r = await send(ApiKey.DescribeUserScramCredentials, { users: [{ name: 'dave' }, { name: 'bob' }, { name: 'bob' }] });
    expect(r.results.map((x: any) => [x.user, x.errorCode, x.errorMessage]).sort()).toEqual([
      ['bob', 92, 'Cannot describe SCRAM credentials for the same user twice in a single request: bob'],
      ['dave', 91, 'Attempt to describe a user credential that does not exist: dave'],
    ]);
    r = await send(ApiKey.AlterUserScramCredentials, { deletions: [{ name: 'bob', mechanism: 1 }], upsertions: [upsert('bob', 2)] });
    expect(r.results.map((x: any) => [x.user, x.errorCode, x.errorMessage])).toEqual([['bob', 92, 'A user credential cannot be altered twice in the same request']]);
    r = await send(ApiKey.AlterUserScramCredentials, { deletions: [{ name: 'bob', mechanism: 2 }], upsertions: [upsert('erin', 1, 100), upsert('', 1), upsert('fay', 3)] });
    expect(r.results.map((x: any) => [x.user, x.errorCode, x.errorMessage]).sort()).toEqual([
      ['', 93, 'Username must not be empty'],
      ['bob', 91, 'Attempt to delete a user credential that does not exist'],
      ['erin', 93, 'Too few iterations'],
      ['fay', 33, 'Unknown SCRAM mechanism'],
    ]);
    r = await send(ApiKey.AlterUserScramCredentials, { deletions: [{ name: 'carol', mechanism: 2 }], upsertions: [] });
    expect(r.results[0].errorCode).toBe(0);
  });
});

describe('group and client metrics configs', () => {
  it('are stored per resource and listed by ListConfigResources', async () => {
    const r = await send(ApiKey.IncrementalAlterConfigs, {
      resources: [
        { resourceType: 32, resourceName: 'keep-group', configs: [{ name: 'consumer.heartbeat.interval.ms', configOperation: 0, value: '6000' }] },
        { resourceType: 16, resourceName: 'keep-metrics', configs: [{ name: 'metrics', configOperation: 2, value: 'org.apache.kafka.producer.' }] },
      ],
      validateOnly: false,
    });
    expect(r.responses.map((x: any) => x.errorCode)).toEqual([0, 0]);
    const list = await send(ApiKey.ListConfigResources, { resourceTypes: [32, 16] });
    expect(list.configResources).toEqual([{ resourceName: 'keep-metrics', resourceType: 16 }, { resourceName: 'keep-group', resourceType: 32 }]);
    const d = await send(ApiKey.DescribeConfigs, {
      resources: [{ resourceType: 32, resourceName: 'keep-group', configurationKeys: ['consumer.heartbeat.interval.ms'] }], includeSynonyms: true, includeDocumentation: false,
    });
    expect(d.results[0].configs[0]).toMatchObject({ name: 'consumer.heartbeat.interval.ms', value: '6000', configSource: 8 });
  });
});

describe('persistence', () => {
  it('quotas, credentials and group configs survive a restart', async () => {
    expect((await alter([['client-id', 'keep']], [{ key: 'producer_byte_rate', value: 4096 }])).code).toBe(0);
    await engine.stop();
    engine = await spawnEngine({ dir });
    expect(await describeQuotas([['client-id', 'keep']], true)).toEqual(['client-id=keep: producer_byte_rate=4096']);
    const r = await send(ApiKey.DescribeUserScramCredentials, { users: [{ name: 'bob' }] });
    expect(r.results[0].credentialInfos).toEqual([{ mechanism: 1, iterations: 8192 }]);
    const list = await send(ApiKey.ListConfigResources, { resourceTypes: [32] });
    expect(list.configResources).toEqual([{ resourceName: 'keep-group', resourceType: 32 }]);
  });
});
