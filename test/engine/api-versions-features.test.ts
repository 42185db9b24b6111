// ApiVersions' features (KIP-584) as a Kafka 4.4 broker reports them (compared field by field with
// Kafka 4.4.0's answer): the supported ranges (v3 leaves out those starting at 0, KAFKA-17011) and
// the finalized levels of a cluster formatted with 4.4-IV2, transaction.version 2 among them,
// which makes Kafka's 4.x clients use transactions v2. Our client reads it from the connection.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startInProcessEngine, TestEngine } from '../helpers/engine';
import { connect } from './coordinator-wire';
import { ApiKey } from '../../src/protocol/apis';

let engine: TestEngine;
let c: any;
beforeAll(async () => {
  engine = await startInProcessEngine();
  c = await connect(engine.port);
});
afterAll(async () => {
  c?.close();
  await engine?.stop();
});

const KAFKA_FINALIZED = [
  ['group.version', 1], ['kraft.version', 1], ['share.version', 2], ['metadata.version', 33], ['streams.version', 1],
  ['transaction.version', 2], ['eligible.leader.replicas.version', 1],
].map(([name, level]) => ({ name, maxVersionLevel: level, minVersionLevel: level }));

const KAFKA_SUPPORTED = [
  ['group.version', 0, 1], ['kraft.version', 0, 1], ['metadata.version', 7, 33], ['share.version', 0, 2],
  ['streams.version', 0, 1], ['transaction.version', 0, 2], ['eligible.leader.replicas.version', 0, 1],
].map(([name, minVersion, maxVersion]) => ({ name, minVersion, maxVersion }));

describe('ApiVersions features', () => {
  it('v4+: every supported feature and the finalized levels, as Kafka 4.4', async () => {
    const r = await c.request(ApiKey.ApiVersions, 4, { clientSoftwareName: 't', clientSoftwareVersion: '1' });
    expect({ supported: r.supportedFeatures, finalized: r.finalizedFeatures, zk: r.zkMigrationReady }).toEqual({ supported: KAFKA_SUPPORTED, finalized: KAFKA_FINALIZED, zk: false });
    expect(r.finalizedFeaturesEpoch).toBeGreaterThanOrEqual(0);
  });

  it('v3: only the supported features whose minimum is above 0 (older clients reject 0)', async () => {
    const r = await c.request(ApiKey.ApiVersions, 3, { clientSoftwareName: 't', clientSoftwareVersion: '1' });
    expect(r.supportedFeatures).toEqual([{ name: 'metadata.version', minVersion: 7, maxVersion: 33 }]);
    expect(r.finalizedFeatures).toEqual(KAFKA_FINALIZED);
  });

  it('advertises the transactions v2 versions (Produce 12, EndTxn 5, TxnOffsetCommit 5) and our client sees transaction.version 2', async () => {
    expect([ApiKey.Produce, ApiKey.EndTxn, ApiKey.TxnOffsetCommit].map((k) => c.apiVersions.get(k).max)).toEqual([12, 5, 5]);
    expect(c.finalizedFeature('transaction.version')).toBe(2);
  });
});
