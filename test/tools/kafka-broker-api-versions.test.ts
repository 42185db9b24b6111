// kafka-broker-api-versions (Kafka 4.4's BrokerApiVersionsCommand) against an engine of this
// file's own: the ranges printed are the ones the engine advertises, checked against what
// librdkafka (kcat -d feature) read from the same broker, and `[usable: N]` is the version
// Kafka 4.4's client would use.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, type TestEngine } from '../helpers/engine';
import { runKcat } from '../helpers/kcat';
import { runMasked, useEngine } from '../helpers/tools';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { formatApiVersions } = require(path.join(ROOT, 'dist/tools/kafka-broker-api-versions'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { nodeOrder } = require(path.join(ROOT, 'dist/tools/broker-api-versions/node-order'));

let engine: TestEngine;
useEngine((e) => { engine = e; });

describe('kafka-broker-api-versions', () => {
  it('prints the broker and every API of Kafka 4.4\'s client, by id, with the engine\'s ranges as librdkafka saw them', async () => {
    const r = await runMasked('kafka-broker-api-versions', ['--bootstrap-server', engine.bootstrap]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`127.0.0.1:${engine.port} (id: 1 rack: null isFenced: false) -> (`);
    expect(lines.at(-2)).toBe(')');
    const body = lines.slice(1, -2);
    expect(body.length).toBe(79);
    const ours = new Map<number, string>();
    for (const l of body) {
      const m = /^\t(\w+)\((\d+)\): (.*?),?$/.exec(l);
      expect(m, l).not.toBeNull();
      ours.set(Number(m![2]), m![3]);
    }
    expect([...ours.keys()]).toEqual([...ours.keys()].sort((a, b) => a - b));
    const kcat = await runKcat(engine.bootstrap, ['-L', '-d', 'feature']);
    const seen = [...kcat.stderr.matchAll(/ApiKey (\w+) \((\d+)\) Versions (\d+)\.\.(\d+)/g)];
    expect(seen.length).toBeGreaterThan(20);
    for (const [, , id, min, max] of seen) {
      const text = ours.get(Number(id));
      if (text === undefined) continue; // an API Kafka 4.4's client does not know
      const range = min === max ? min : `${min} to ${max}`;
      expect(text.startsWith(`${range} [usable: `), `api ${id}: ${text}`).toBe(true);
    }
    expect(ours.get(0)).toBe('0 to 12 [usable: 12]');
    // On a PLAINTEXT listener without an authorizer, as Kafka 4.4's broker advertises them; the
    // ACL APIs from v0, which Kafka 3.9 still served.
    expect(ours.get(17)).toBe('0 to 1 [usable: 1]');
    expect(ours.get(29)).toBe('0 to 3 [usable: 3]');
    expect(ours.get(36)).toBe('0 to 2 [usable: 2]');
    expect(ours.get(27)).toBe('0 to 2 [usable: 2]');
    expect(ours.get(35)).toBe('0 to 4 [usable: 4]');
    expect(ours.get(55)).toBe('0 to 2 [usable: 2]');
  });

  it('usable is the lower of the client\'s and the broker\'s maximum; unusable ranges are named', () => {
    const text: string = formatApiVersions(new Map([[0, { min: 0, max: 99 }], [1, { min: 0, max: 3 }], [18, { min: 9, max: 9 }], [200, { min: 0, max: 1 }]]));
    expect(text.split('\n').slice(1, 3)).toEqual(['\tProduce(0): 0 to 99 [usable: 13],', '\tFetch(1): 0 to 3 [unusable: node too old],']);
    expect(text).toContain('\tApiVersions(18): 9 [unusable: node too new],');
    expect(text).toContain('\tUNKNOWN(200): 0 to 1\n)');
  });

  it('orders brokers as Kafka\'s HashMap of Node does (ids 3, 2, 1 on the reference cluster)', () => {
    const nodes = [[1, 45963], [2, 40745], [3, 42189]].map(([nodeId, port]) => ({ nodeId, port, host: 'localhost', rack: null }));
    expect(nodeOrder(nodes, (n: { nodeId: number }) => n).map((n: { nodeId: number }) => n.nodeId)).toEqual([3, 2, 1]);
  });

  it('usage errors as Kafka', async () => {
    const r = await runMasked('kafka-broker-api-versions', ['--command-config', '/nonexistent/x.properties']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('Missing required argument "[bootstrap-server]"');
    const missing = await runMasked('kafka-broker-api-versions', ['--bootstrap-server', engine.bootstrap, '--command-config', '/nonexistent/x.properties']);
    expect(missing).toEqual({ code: 1, stdout: '', stderr: '/nonexistent/x.properties\njava.nio.file.NoSuchFileException: /nonexistent/x.properties\n\n' });
  });
});
