// kcat (librdkafka 2.0.2 from Debian) against the engine: metadata, gzip produce of keyed
// messages, and reading them back byte for byte.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import { startInProcessEngine, TestEngine, ROOT } from '../helpers/engine';
import { runKcat, type KcatResult } from '../helpers/kcat';

const { partitionForKey } = require(path.join(ROOT, 'dist/protocol/murmur2'));

let engine: TestEngine;
beforeAll(async () => { engine = await startInProcessEngine(); });
afterAll(async () => { await engine.stop(); });

function kcat(args: string[], input?: string): Promise<KcatResult> {
  return runKcat(engine.bootstrap, args, input);
}

describe('kcat against the engine', () => {
  it('-L lists brokers and topics', async () => {
    const c = await kcat(['-P', '-t', 'kcat-meta'], 'x\n');
    expect(c.code).toBe(0);
    const r = await kcat(['-L']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`broker 1 at 127.0.0.1:${engine.port} (controller)`);
    expect(r.stdout).toMatch(/topic "kcat-meta" with 1 partitions:\n\s+partition 0, leader 1, replicas: 1, isrs: 1/);
  });

  it('-P -z gzip of 10k keyed messages, -C -e reads them back byte for byte', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 10000; i++) lines.push(`key-${i}:value ${i} ${'x'.repeat(i % 50)} é`);
    const input = lines.join('\n') + '\n';
    const p = await kcat(['-P', '-t', 'kcat-gzip', '-z', 'gzip', '-K', ':'], input);
    expect(p.code).toBe(0);
    const c = await kcat(['-C', '-t', 'kcat-gzip', '-e', '-o', 'beginning', '-K', ':', '-q']);
    expect(c.code).toBe(0);
    expect(c.stdout).toBe(input);
  });

  it('keys land on the partitions Java murmur2 gives (murmur2_random partitioner)', async () => {
    const create = await kcat(['-L', '-t', 'kcat-keys']);
    expect(create.code).toBe(0);
    // Create a 3-partition topic through the protocol (kcat cannot create topics).
    const { Admin } = require(path.join(ROOT, 'dist/client/admin'));
    const admin = new Admin({ bootstrap: [{ host: '127.0.0.1', port: engine.port }] });
    const res = await admin.createTopics([{ name: 'kcat-keys3', numPartitions: 3, replicationFactor: 1 }]);
    expect(res.get('kcat-keys3')).toBeUndefined();
    admin.close();
    const keys = Array.from({ length: 200 }, (_, i) => `k${i}`);
    const p = await kcat(['-P', '-t', 'kcat-keys3', '-K', ':', '-X', 'topic.partitioner=murmur2_random'], keys.map((k) => `${k}:v`).join('\n') + '\n');
    expect(p.code).toBe(0);
    const c = await kcat(['-C', '-t', 'kcat-keys3', '-e', '-o', 'beginning', '-q', '-f', '%k %p\n']);
    const got = c.stdout.trim().split('\n').map((l) => l.split(' '));
    expect(got.length).toBe(200);
    for (const [k, part] of got) expect(Number(part)).toBe(partitionForKey(Buffer.from(k), 3));
  });
});
