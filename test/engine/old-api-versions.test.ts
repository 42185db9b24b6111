// Every advertised version of the admin, group and transaction APIs that old-clients.test.ts and
// legacy-wire.test.ts do not cover, on the wire: an old client (Kafka 3.9 still accepted v0 of
// all of them) gets a decodable answer with the right error codes, on a connection that stays
// open for its next request.
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startInProcessEngine, type TestEngine } from '../helpers/engine';

const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { ADVERTISED, ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));

let engine: TestEngine;
let conn: any;

beforeAll(async () => {
  engine = await startInProcessEngine();
  conn = new BrokerConnection('127.0.0.1', engine.port, 'old-api-versions');
  await conn.connect();
});
afterAll(async () => { conn?.close(); await engine?.stop(); });

/** Every version the engine advertises for the API. */
function versions(apiKey: number): number[] {
  const r = ADVERTISED.get(apiKey);
  const out: number[] = [];
  for (let v = r.min; v <= r.max; v++) out.push(v);
  return out;
}

const createTopic = async (name: string, version = 0, partitions = 1) =>
  (await conn.request(ApiKey.CreateTopics, version, {
    topics: [{ name, numPartitions: partitions, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false,
  })).topics[0];

describe('old and every other advertised version, one connection throughout', () => {
  it('starts at v0 for every API Kafka 3.9 served', () => {
    for (const key of [ApiKey.DescribeGroups, ApiKey.ListGroups, ApiKey.LeaveGroup, ApiKey.CreateTopics, ApiKey.DeleteTopics, ApiKey.DeleteRecords,
      ApiKey.DescribeConfigs, ApiKey.AlterConfigs, ApiKey.CreatePartitions, ApiKey.DeleteGroups, ApiKey.InitProducerId, ApiKey.OffsetForLeaderEpoch,
      ApiKey.ApiVersions, ApiKey.DescribeAcls, ApiKey.CreateAcls, ApiKey.DeleteAcls, ApiKey.SaslHandshake, ApiKey.SaslAuthenticate, ApiKey.WriteTxnMarkers]) {
      expect(ADVERTISED.get(key).min, `API ${key}`).toBe(0);
    }
  });

  it('ApiVersions', async () => {
    for (const v of versions(ApiKey.ApiVersions)) {
      const r = await conn.request(ApiKey.ApiVersions, v, { clientSoftwareName: 'old', clientSoftwareVersion: '0.1', clusterId: null, nodeId: -1 });
      expect(r.errorCode, `v${v}`).toBe(0);
      expect(r.apiKeys.find((k: any) => k.apiKey === ApiKey.ApiVersions), `v${v}`).toMatchObject({ minVersion: 0 });
    }
  });

  it('CreateTopics, DescribeConfigs, AlterConfigs, CreatePartitions, DeleteRecords, OffsetForLeaderEpoch, DeleteTopics', async () => {
    for (const v of versions(ApiKey.CreateTopics)) {
      expect((await createTopic(`old-${v}`, v)).errorCode, `CreateTopics v${v}`).toBe(0);
      expect((await createTopic(`old-${v}`, v)).errorCode, `CreateTopics v${v} again`).toBe(36); // TOPIC_ALREADY_EXISTS
    }
    for (const v of versions(ApiKey.DescribeConfigs)) {
      const r = await conn.request(ApiKey.DescribeConfigs, v, {
        resources: [{ resourceType: 2, resourceName: 'old-0', configurationKeys: null }, { resourceType: 2, resourceName: 'no-such', configurationKeys: null }],
        includeSynonyms: true, includeDocumentation: false,
      });
      expect(r.results.map((x: any) => x.errorCode), `DescribeConfigs v${v}`).toEqual([0, 3]);
      expect(r.results[0].configs.find((c: any) => c.name === 'retention.ms'), `DescribeConfigs v${v}`).toMatchObject({ value: '604800000' });
    }
    for (const v of versions(ApiKey.AlterConfigs)) {
      const r = await conn.request(ApiKey.AlterConfigs, v, {
        resources: [{ resourceType: 2, resourceName: 'old-0', configs: [{ name: 'retention.ms', value: String(1000 + v) }] },
          { resourceType: 2, resourceName: 'old-1', configs: [{ name: 'retention.ms', value: 'soon' }] }],
        validateOnly: false,
      });
      expect(r.responses.map((x: any) => x.errorCode), `AlterConfigs v${v}`).toEqual([0, 40]); // INVALID_CONFIG
    }
    for (const v of versions(ApiKey.CreatePartitions)) {
      const r = await conn.request(ApiKey.CreatePartitions, v, {
        topics: [{ name: `old-${v}`, count: 2, assignments: null }, { name: 'no-such', count: 2, assignments: null }], timeoutMs: 5000, validateOnly: false,
      });
      expect(r.results.map((x: any) => x.errorCode), `CreatePartitions v${v}`).toEqual([0, 3]);
    }
    for (const v of versions(ApiKey.DeleteRecords)) {
      const r = await conn.request(ApiKey.DeleteRecords, v, {
        topics: [{ name: 'old-0', partitions: [{ partitionIndex: 0, offset: 0 }, { partitionIndex: 9, offset: 0 }] }], timeoutMs: 5000,
      });
      expect(r.topics[0].partitions.map((p: any) => [p.partitionIndex, p.errorCode]), `DeleteRecords v${v}`).toEqual([[0, 0], [9, 3]]);
    }
    for (const v of versions(ApiKey.OffsetForLeaderEpoch)) {
      const r = await conn.request(ApiKey.OffsetForLeaderEpoch, v, {
        replicaId: -1, topics: [{ topic: 'old-0', partitions: [{ partition: 0, currentLeaderEpoch: -1, leaderEpoch: 0 }] }, { topic: 'no-such', partitions: [{ partition: 0, currentLeaderEpoch: -1, leaderEpoch: 0 }] }],
      });
      expect(r.topics.map((t: any) => [t.partitions[0].errorCode, t.partitions[0].endOffset]), `OffsetForLeaderEpoch v${v}`).toEqual([[0, 0], [3, -1]]);
    }
    for (const v of versions(ApiKey.DeleteTopics)) {
      const r = await conn.request(ApiKey.DeleteTopics, v, { topicNames: [`old-${v}`, 'no-such'], timeoutMs: 5000 });
      expect(r.responses.map((x: any) => [x.name, x.errorCode]), `DeleteTopics v${v}`).toEqual([[`old-${v}`, 0], ['no-such', 3]]);
    }
  });

  it('groups: ListGroups, DescribeGroups, LeaveGroup, DeleteGroups', async () => {
    for (const v of versions(ApiKey.ListGroups)) {
      const r = await conn.request(ApiKey.ListGroups, v, { statesFilter: [], typesFilter: [] });
      expect(r.errorCode, `ListGroups v${v}`).toBe(0);
    }
    for (const v of versions(ApiKey.DescribeGroups)) {
      const r = await conn.request(ApiKey.DescribeGroups, v, { groups: ['no-such-group'], includeAuthorizedOperations: false });
      // An unknown group is Dead with no error until v6, which names it (GROUP_ID_NOT_FOUND, KIP-1043).
      expect([r.groups[0].errorCode, r.groups[0].groupState], `DescribeGroups v${v}`).toEqual([v >= 6 ? 69 : 0, 'Dead']);
    }
    for (const v of versions(ApiKey.LeaveGroup)) {
      const r = await conn.request(ApiKey.LeaveGroup, v, { groupId: 'no-such-group', memberId: 'm-1', members: [{ memberId: 'm-1', groupInstanceId: null }] });
      expect(r.errorCode, `LeaveGroup v${v}`).toBe(25); // UNKNOWN_MEMBER_ID
    }
    for (const v of versions(ApiKey.DeleteGroups)) {
      const r = await conn.request(ApiKey.DeleteGroups, v, { groupsNames: ['no-such-group', ''] });
      expect(r.results.map((x: any) => x.errorCode), `DeleteGroups v${v}`).toEqual([69, 24]); // GROUP_ID_NOT_FOUND, INVALID_GROUP_ID
    }
  });

  it('InitProducerId: an idempotent producer id at every version', async () => {
    const ids = new Set<number>();
    for (const v of versions(ApiKey.InitProducerId)) {
      const r = await conn.request(ApiKey.InitProducerId, v, { transactionalId: null, transactionTimeoutMs: 60000, producerId: -1, producerEpoch: -1 });
      expect([r.errorCode, r.producerEpoch], `InitProducerId v${v}`).toEqual([0, 0]);
      ids.add(r.producerId);
    }
    expect(ids.size).toBe(versions(ApiKey.InitProducerId).length);
  });

  it('WriteTxnMarkers from v0 (Kafka 4 starts at 1)', async () => {
    for (const v of versions(ApiKey.WriteTxnMarkers)) {
      const r = await conn.request(ApiKey.WriteTxnMarkers, v, { markers: [] });
      expect(r.markers, `WriteTxnMarkers v${v}`).toEqual([]);
    }
  });

  it('the ACL and SASL APIs at every version, as a PLAINTEXT broker without an authorizer', async () => {
    const filter = { resourceTypeFilter: 1, resourceNameFilter: null, patternTypeFilter: 1, principalFilter: null, hostFilter: null, operation: 1, permissionType: 1 };
    for (const v of versions(ApiKey.DescribeAcls)) {
      expect(await conn.request(ApiKey.DescribeAcls, v, filter), `DescribeAcls v${v}`)
        .toMatchObject({ errorCode: 54, errorMessage: 'No Authorizer is configured on the broker', resources: [] });
      const created = await conn.request(ApiKey.CreateAcls, v, { creations: [{ resourceType: 2, resourceName: 't', resourcePatternType: 3, principal: 'User:a', host: '*', operation: 3, permissionType: 3 }] });
      expect(created.results, `CreateAcls v${v}`).toEqual([{ errorCode: 54, errorMessage: 'No Authorizer is configured.' }]);
      const deleted = await conn.request(ApiKey.DeleteAcls, v, { filters: [filter, filter] });
      expect(deleted.filterResults, `DeleteAcls v${v}`).toEqual([1, 2].map(() => ({ errorCode: 54, errorMessage: 'No Authorizer is configured.', matchingAcls: [] })));
    }
    for (const v of versions(ApiKey.SaslHandshake)) {
      expect(await conn.request(ApiKey.SaslHandshake, v, { mechanism: 'PLAIN' }), `SaslHandshake v${v}`).toEqual({ errorCode: 34, mechanisms: [] });
    }
    for (const v of versions(ApiKey.SaslAuthenticate)) {
      expect(await conn.request(ApiKey.SaslAuthenticate, v, { authBytes: Buffer.from('\0a\0b') }), `SaslAuthenticate v${v}`)
        .toMatchObject({ errorCode: 34, errorMessage: 'SaslAuthenticate request received after successful authentication' });
    }
  });

  it('an ACL binding or filter with an UNKNOWN (0, or a code Kafka does not know) element closes its connection, as Kafka does', async () => {
    const filter = { resourceTypeFilter: 2, resourceNameFilter: null, patternTypeFilter: 3, principalFilter: null, hostFilter: null, operation: 1, permissionType: 1 };
    for (const [key, body] of [
      [ApiKey.DescribeAcls, { ...filter, operation: 0 }],
      [ApiKey.DeleteAcls, { filters: [{ ...filter, resourceTypeFilter: 0 }] }],
      [ApiKey.DescribeAcls, { ...filter, resourceTypeFilter: 99 }],
      [ApiKey.DescribeAcls, { ...filter, permissionType: 4 }],
      [ApiKey.CreateAcls, { creations: [{ resourceType: 2, resourceName: 't', resourcePatternType: 0, principal: 'User:a', host: '*', operation: 3, permissionType: 3 }] }],
    ] as const) {
      const other = new BrokerConnection('127.0.0.1', engine.port, 'unknown-acl-element');
      await other.connect();
      await expect(other.request(key, 1, body), `API ${key}`).rejects.toThrow(/closed/);
      other.close();
    }
    expect((await conn.request(ApiKey.DescribeAcls, 1, filter)).errorCode).toBe(54);
  });
});
