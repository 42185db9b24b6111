// Hostile input: each kind of bad frame gets Kafka's treatment (connection closed, or an error
// response) while another client on the same engine keeps working.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as net from 'node:net';
import { startInProcessEngine, TestEngine, ROOT } from '../helpers/engine';
import * as path from 'node:path';

const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));

let engine: TestEngine;
beforeAll(async () => { engine = await startInProcessEngine({ 'socket.request.max.bytes': '1048576' }); });
afterAll(async () => { await engine.stop(); });

/** Send raw bytes and report whether the server closed the connection and what it sent back. */
function rawExchange(bytes: Buffer, waitForClose = true): Promise<{ closed: boolean; data: Buffer }> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port: engine.port });
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      s.destroy();
      resolve({ closed, data: Buffer.concat(chunks) });
    };
    // Upper bound only: the condition we wait for is the close (or a full reply).
    const timer = setTimeout(() => finish(false), 3000);
    s.on('data', (d) => {
      chunks.push(d);
      const all = Buffer.concat(chunks);
      if (!waitForClose && all.length >= 4 && all.length >= 4 + all.readInt32BE(0)) finish(false);
    });
    s.on('close', () => finish(true));
    s.on('error', () => finish(true));
    s.write(bytes);
  });
}

function frame(body: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length);
  return Buffer.concat([size, body]);
}

function header(apiKey: number, version: number, correlationId: number, clientId = 'x'): Buffer {
  const b = Buffer.alloc(10 + clientId.length);
  b.writeInt16BE(apiKey, 0);
  b.writeInt16BE(version, 2);
  b.writeInt32BE(correlationId, 4);
  b.writeInt16BE(clientId.length, 8);
  b.write(clientId, 10);
  return b;
}

async function healthy(): Promise<void> {
  const conn = new BrokerConnection('127.0.0.1', engine.port, 'healthy');
  await conn.connect();
  const md = await conn.send(ApiKey.Metadata, { topics: null, allowAutoTopicCreation: false });
  expect(md.brokers.length).toBe(1);
  conn.close();
}

describe('engine robustness', () => {
  it('closes a connection that sends random bytes', async () => {
    const junk = Buffer.from('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n');
    const r = await rawExchange(junk);
    expect(r.closed).toBe(true);
    expect(r.data.length).toBe(0);
    await healthy();
  });

  it('closes a connection announcing a 2 GiB frame without buffering it', async () => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(0x7fffffff);
    const r = await rawExchange(b);
    expect(r.closed).toBe(true);
    await healthy();
  });

  it('refuses frames over socket.request.max.bytes', async () => {
    const b = Buffer.alloc(4);
    b.writeInt32BE(1048577);
    expect((await rawExchange(b)).closed).toBe(true);
    await healthy();
  });

  it('closes a connection whose frame body is truncated garbage', async () => {
    // A Metadata v1 request claiming a topic array longer than the frame.
    const body = Buffer.concat([header(3, 1, 7), Buffer.from([0, 0, 1, 0])]);
    const r = await rawExchange(frame(body));
    expect(r.closed).toBe(true);
    expect(r.data.length).toBe(0);
    await healthy();
  });

  it('keeps waiting on a partial frame and serves it once complete', async () => {
    const body = header(18, 0, 42);
    const full = frame(body);
    const s = net.connect({ host: '127.0.0.1', port: engine.port });
    await new Promise((r) => s.once('connect', r));
    const got = new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      s.on('data', (d) => {
        chunks.push(d);
        const all = Buffer.concat(chunks);
        if (all.length >= 4 && all.length >= 4 + all.readInt32BE(0)) resolve(all);
      });
    });
    s.write(full.subarray(0, 3));
    await new Promise((r) => setImmediate(r));
    s.write(full.subarray(3));
    const resp = await got;
    expect(resp.readInt32BE(4)).toBe(42); // correlation id
    expect(resp.readInt16BE(8)).toBe(0); // no error
    s.destroy();
  });

  it('closes the connection on an unknown API key', async () => {
    const r = await rawExchange(frame(header(999, 0, 1)));
    expect(r.closed).toBe(true);
    expect(r.data.length).toBe(0);
    await healthy();
  });

  it('closes the connection on an unsupported version of a normal API', async () => {
    const r = await rawExchange(frame(Buffer.concat([header(3, 99, 1), Buffer.alloc(8)])));
    expect(r.closed).toBe(true);
    await healthy();
  });

  it('answers ApiVersions with a too-new version with UNSUPPORTED_VERSION in a v0 body', async () => {
    const r = await rawExchange(frame(header(18, 9, 5)), false);
    const d = r.data;
    expect(d.readInt32BE(4)).toBe(5);
    expect(d.readInt16BE(8)).toBe(35);
    expect(d.readInt32BE(10)).toBe(1); // one entry: ApiVersions itself
    expect(d.readInt16BE(14)).toBe(18);
    expect(d.readInt16BE(16)).toBe(0);
    expect(d.readInt16BE(18)).toBe(5);
    await healthy();
  });

  it('answers a Produce v2 with no records or a broken message set per partition and keeps serving', async () => {
    const conn = new BrokerConnection('127.0.0.1', engine.port, 'old');
    await conn.connect();
    await conn.send(ApiKey.CreateTopics, { topics: [{ name: 'old-bad', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000 });
    const garbage = Buffer.alloc(40, 0xab);
    garbage.writeInt8(1, 16); // magic 1, so it is read as a message set
    const resp = await conn.request(ApiKey.Produce, 2, {
      acks: 1, timeoutMs: 1000, topicData: [{ name: 'old-bad', partitionData: [{ index: 0, records: Buffer.alloc(0) }, { index: 1, records: garbage }] }],
    });
    expect(resp.responses[0].partitionResponses.map((p: any) => p.errorCode)).toEqual([87, 3]);
    const resp2 = await conn.request(ApiKey.Produce, 2, {
      acks: 1, timeoutMs: 1000, topicData: [{ name: 'old-bad', partitionData: [{ index: 0, records: garbage }] }],
    });
    expect(resp2.responses[0].partitionResponses[0].errorCode).toBe(2); // CORRUPT_MESSAGE
    conn.close();
    await healthy();
  });

  it('serves pipelined requests in order', async () => {
    const conn = new BrokerConnection('127.0.0.1', engine.port, 'pipeline');
    await conn.connect();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      i % 2 === 0 ? conn.send(ApiKey.ApiVersions, {}) : conn.send(ApiKey.Metadata, { topics: null })));
    results.forEach((r: any, i) => expect(i % 2 === 0 ? r.apiKeys.length > 0 : Array.isArray(r.brokers)).toBe(true));
    conn.close();
  });
});
