// BROKER_LOGGER config resources on the wire (DescribeConfigs / IncrementalAlterConfigs type 8):
// Kafka 4.4's answers (codes and texts observed on a Kafka 4.4 broker) for what kafka-configs
// cannot send, and the levels taking effect on what the engine logs.
import * as path from 'node:path';
import * as net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, spawnEngine, waitFor, type ChildEngine } from '../helpers/engine';
import { withBrokerLoggersHere } from '../../src/engine/api/handlers/broker-loggers';

const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));

const LOGGER = 8;
const SET = 0;
const DELETE = 1;
let engine: ChildEngine;
let conn: any;

beforeAll(async () => {
  engine = await spawnEngine();
  conn = new BrokerConnection('127.0.0.1', engine.port, 'broker-loggers');
  await conn.connect();
}, 30000);
afterAll(async () => { conn?.close(); await engine?.stop(); });

const describeLoggers = async (name: string, keys: string[] | null) =>
  (await conn.request(ApiKey.DescribeConfigs, 3, { resources: [{ resourceType: LOGGER, resourceName: name, configurationKeys: keys }], includeSynonyms: true })).results[0];

const alter = async (ops: { name: string; configOperation: number; value: string | null }[], name = '1', validateOnly = false) => {
  const r = await conn.request(ApiKey.IncrementalAlterConfigs, 0, { resources: [{ resourceType: LOGGER, resourceName: name, configs: ops }], validateOnly });
  return { errorCode: r.responses[0].errorCode, errorMessage: r.responses[0].errorMessage };
};

const levelOf = async (logger: string) => (await describeLoggers('1', [logger])).configs[0]?.value;

describe('broker loggers on the wire', () => {
  it('describes one logger, several or none, as DYNAMIC_BROKER_LOGGER_CONFIG', async () => {
    const r = await describeLoggers('1', ['root', 'no.such.logger']);
    expect(r.errorCode).toBe(0);
    expect(r.configs).toEqual([{
      name: 'root', value: 'INFO', readOnly: false, isDefault: false, configSource: 6, isSensitive: false, synonyms: [], configType: 0, documentation: null,
    }]);
    expect((await describeLoggers('1', ['no.such.logger'])).configs).toEqual([]);
    expect((await describeLoggers('1', null)).configs.length).toBeGreaterThan(10);
  });

  it('refuses names that are not this broker', async () => {
    expect(await describeLoggers('2', null)).toMatchObject({ errorCode: 42, errorMessage: 'Unexpected broker id, expected 1 but received 2', configs: [] });
    expect(await describeLoggers('', null)).toMatchObject({ errorCode: 42, errorMessage: 'Broker id must not be empty' });
    expect(await describeLoggers('x', null)).toMatchObject({ errorCode: 42, errorMessage: 'Broker id must be an integer, but it is: x' });
    const op = [{ name: 'root', configOperation: SET, value: 'INFO' }];
    expect(await alter(op, '2')).toEqual({ errorCode: 42, errorMessage: 'Unexpected node id. Expected 1, but received 2' });
    expect(await alter(op, '')).toEqual({ errorCode: 42, errorMessage: 'Node id must be an integer, but it is: ' });
  });

  it('refuses what Kafka refuses, changing nothing', async () => {
    expect(await alter([{ name: 'no.such.logger', configOperation: SET, value: 'DEBUG' }]))
      .toEqual({ errorCode: 40, errorMessage: 'Logger no.such.logger does not exist!' });
    expect(await alter([{ name: 'no.such.logger', configOperation: DELETE, value: null }]))
      .toEqual({ errorCode: 40, errorMessage: 'Logger no.such.logger does not exist!' });
    expect(await alter([{ name: 'kafka.server.ReplicaManager', configOperation: SET, value: 'DEBUG' }, { name: 'root', configOperation: SET, value: 'ALL' }]))
      .toEqual({ errorCode: 40, errorMessage: 'Cannot set the log level of root to ALL as it is not a supported log level. Valid log levels are DEBUG, ERROR, FATAL, INFO, TRACE, WARN' });
    expect(await levelOf('kafka.server.ReplicaManager')).toBe('INFO');
    expect(await alter([{ name: 'root', configOperation: 2, value: 'INFO' }])).toEqual({ errorCode: 42, errorMessage: 'APPEND operation is not allowed for the BROKER_LOGGER resource' });
    expect(await alter([{ name: 'root', configOperation: 3, value: 'INFO' }])).toEqual({ errorCode: 42, errorMessage: 'SUBTRACT operation is not allowed for the BROKER_LOGGER resource' });
    expect(await alter([{ name: 'root', configOperation: 7, value: 'INFO' }])).toEqual({ errorCode: 42, errorMessage: 'Unknown operation type 7 is not allowed for the BROKER_LOGGER resource' });
    expect(await alter([{ name: 'root', configOperation: SET, value: null }])).toEqual({ errorCode: 42, errorMessage: 'Null value not supported for : root' });
    expect(await alter([{ name: 'root', configOperation: SET, value: 'INFO' }, { name: 'root', configOperation: SET, value: 'WARN' }]))
      .toEqual({ errorCode: 42, errorMessage: 'Error due to duplicate config keys' });
    expect(await alter([{ name: 'root', configOperation: DELETE, value: null }]))
      .toEqual({ errorCode: 42, errorMessage: 'Removing the log level of the root logger is not allowed' });
    expect(await alter([{ name: 'kafka.server.ReplicaManager', configOperation: SET, value: 'TRACE' }], '1', true)).toEqual({ errorCode: 0, errorMessage: null });
    expect(await levelOf('kafka.server.ReplicaManager')).toBe('INFO');
  });

  it('legacy AlterConfigs does not know the type; a mixed request alters both resources', async () => {
    const legacy = await conn.request(ApiKey.AlterConfigs, 1, { resources: [{ resourceType: LOGGER, resourceName: '1', configs: [{ name: 'root', value: 'INFO' }] }], validateOnly: false });
    expect(legacy.responses[0]).toMatchObject({ errorCode: 42, errorMessage: 'Unknown resource type 8' });
    const mixed = await conn.request(ApiKey.IncrementalAlterConfigs, 0, { validateOnly: false, resources: [
      { resourceType: 2, resourceName: 'no-such-topic', configs: [{ name: 'retention.ms', configOperation: SET, value: '1000' }] },
      { resourceType: LOGGER, resourceName: '1', configs: [{ name: 'kafka.log.LogCleaner', configOperation: SET, value: 'WARN' }] },
      { resourceType: 4, resourceName: '1', configs: [{ name: 'log.cleaner.threads', configOperation: DELETE, value: null }] },
    ] });
    expect(mixed.responses.map((r: any) => [r.resourceType, r.errorCode])).toEqual([[2, 3], [8, 0], [4, 0]]);
    expect(await levelOf('kafka.log.LogCleaner')).toBe('WARN');
    expect(await alter([{ name: 'kafka.log.LogCleaner', configOperation: DELETE, value: null }])).toEqual({ errorCode: 0, errorMessage: null });
    expect(await levelOf('kafka.log.LogCleaner')).toBe('INFO');
  });

  it('a level changes what the engine logs', async () => {
    // An unknown API key closes the connection with a WARN line of kafka.network.Processor.
    const badRequest = async (apiKey: number) => {
      const s = net.connect(engine.port, '127.0.0.1');
      const frame = Buffer.alloc(14);
      frame.writeInt32BE(10, 0); frame.writeInt16BE(apiKey, 4); frame.writeInt16BE(0, 6); frame.writeInt32BE(1, 8); frame.writeInt16BE(-1, 12);
      s.write(frame);
      await new Promise<void>((resolve) => { s.on('close', () => resolve()); s.on('error', () => resolve()); });
    };
    const logged = (apiKey: number) => engine.output().includes(`due to unknown API key ${apiKey} (version 0)`);
    await badRequest(9001);
    await waitFor(() => logged(9001), 10000, 'the WARN line');
    expect(await alter([{ name: 'kafka.network.Processor', configOperation: SET, value: 'ERROR' }])).toEqual({ errorCode: 0, errorMessage: null });
    await badRequest(9002);
    expect(await alter([{ name: 'kafka.network.Processor', configOperation: DELETE, value: null }])).toEqual({ errorCode: 0, errorMessage: null });
    await badRequest(9003);
    // Lines come out in order: once the third is there, the second would have been before it.
    await waitFor(() => logged(9003), 10000, 'the WARN line again');
    expect(logged(9002)).toBe(false);
  });
});

describe('on a cluster', () => {
  it('the receiving broker answers for its loggers; the other resources go on (to the controller) in order', async () => {
    const passedOn: unknown[] = [];
    const rest = async (_e: unknown, req: any) => {
      passedOn.push(req.resources.map((r: any) => r.resourceName));
      return { throttleTimeMs: 0, responses: req.resources.map((r: any) => ({ errorCode: 0, errorMessage: null, resourceType: r.resourceType, resourceName: r.resourceName })) };
    };
    const handler = withBrokerLoggersHere(rest);
    const engine = { settings: { nodeId: 2 } } as any;
    const ctx = { version: 0, clientId: null, correlationId: 1, connection: { id: 1, remote: 'x', isClosed: () => false, whenClosed: () => () => undefined } };
    const r: any = await handler(engine, { validateOnly: true, resources: [
      { resourceType: 2, resourceName: 't', configs: [{ name: 'retention.ms', configOperation: SET, value: '1' }] },
      { resourceType: LOGGER, resourceName: '2', configs: [{ name: 'root', configOperation: SET, value: 'DEBUG' }] },
      { resourceType: LOGGER, resourceName: '1', configs: [{ name: 'root', configOperation: SET, value: 'DEBUG' }] },
      { resourceType: 4, resourceName: '2', configs: [{ name: 'log.cleaner.threads', configOperation: SET, value: '2' }] },
    ] }, ctx);
    expect(passedOn).toEqual([['t', '2']]);
    expect(r.responses.map((x: any) => [x.resourceType, x.resourceName, x.errorCode])).toEqual([[2, 't', 0], [8, '2', 0], [8, '1', 42], [4, '2', 0]]);
    // Only loggers: nothing goes on.
    await handler(engine, { validateOnly: true, resources: [{ resourceType: LOGGER, resourceName: '2', configs: [] }] }, ctx);
    expect(passedOn).toHaveLength(1);
  });
});
