// Durability: what was acknowledged survives a graceful restart and a kill -9; a second engine on
// the same log.dirs is refused instead of sharing the database.
import { describe, it, expect } from 'vitest';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { spawnEngine, tempDir, runTool } from '../helpers/engine';

async function produce(bootstrap: string, topic: string, n: number, start = 0): Promise<void> {
  const kafka = new Kafka({ clientId: 'restart', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  await producer.send({ topic, acks: -1, messages: Array.from({ length: n }, (_, i) => ({ key: `k${start + i}`, value: `v${start + i}` })) });
  await producer.disconnect();
}

async function offsets(bootstrap: string, topic: string): Promise<{ partition: number; high: string; low: string }[]> {
  const kafka = new Kafka({ clientId: 'restart-admin', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const o = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  return o.map((x) => ({ partition: x.partition, high: x.high, low: x.low })).sort((a, b) => a.partition - b.partition);
}

describe('restart and crash safety', () => {
  it('keeps topics and records across SIGTERM and restart', async () => {
    const dir = tempDir();
    const a = await spawnEngine({ dir });
    await produce(a.bootstrap, 'durable', 100);
    expect(await a.kill('SIGTERM')).toBe(0);
    expect(a.output()).toContain('shut down completed');
    const b = await spawnEngine({ dir });
    expect(await offsets(b.bootstrap, 'durable')).toEqual([{ partition: 0, high: '100', low: '0' }]);
    await produce(b.bootstrap, 'durable', 10, 100);
    expect((await offsets(b.bootstrap, 'durable'))[0].high).toBe('110');
    await b.stop();
  });

  it('loses nothing acknowledged when killed with SIGKILL', async () => {
    const dir = tempDir();
    const a = await spawnEngine({ dir });
    for (let i = 0; i < 20; i++) await produce(a.bootstrap, 'crash', 50, i * 50);
    await a.kill('SIGKILL');
    const b = await spawnEngine({ dir });
    expect(await offsets(b.bootstrap, 'crash')).toEqual([{ partition: 0, high: '1000', low: '0' }]);
    await b.stop();
  });

  it('refuses a second engine on the same log.dirs with a clear error', async () => {
    const dir = tempDir();
    const a = await spawnEngine({ dir });
    const r = await runTool('kafka-server-start', ['--override', 'listeners=PLAINTEXT://127.0.0.1:0', '--override', `log.dirs=${dir}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Failed to acquire lock on file .lock in ${dir}. A Kafka instance in another process or thread is using this directory.`);
    await a.stop();
  });
});
