// Kafka's own clients against a Kafka 4.4 broker and against our engine, both PLAINTEXT and
// without an authorizer: kafka-acls (Admin.describeAcls / createAcls / deleteAcls) fails with
// SECURITY_DISABLED and Kafka's texts, and a client configured for SASL is refused at the
// handshake (ILLEGAL_SASL_STATE) instead of retrying against a closed connection until it times
// out. The same output on both brokers, after masking addresses and times.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnEngine, tempDir, type ChildEngine } from '../helpers/engine';
import { startReferenceCluster, ToolRunner, type ReferenceCluster } from './lib/kafka';

let kafka: ReferenceCluster;
let ours: ChildEngine;
let runner: ToolRunner;

beforeAll(async () => {
  [kafka, ours] = await Promise.all([startReferenceCluster(1), spawnEngine()]);
  runner = new ToolRunner();
}, 300000);

afterAll(async () => {
  runner?.close();
  await Promise.all([kafka?.stop(), ours?.stop()]);
}, 60000);

const mask = (s: string, bootstrap: string): string => s
  .split(bootstrap).join('{bootstrap}')
  .replace(new RegExp(`localhost/127\\.0\\.0\\.1:${bootstrap.split(':')[1]}`, 'g'), '{address}')
  .replace(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\] /gm, '[<time>] ')
  .replace(/clientId=adminclient-\d+/g, 'clientId=adminclient-<n>')
  .replace(/^\tat .*\n/gm, '');

/** Kafka's tool on both brokers: the same exit status and texts. */
async function same(tool: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = async (bootstrap: string) => {
    const r = await runner.run(tool, ['--bootstrap-server', bootstrap, ...args], { timeoutMs: 60000 });
    return { code: r.code, stdout: mask(r.stdout, bootstrap), stderr: mask(r.stderr, bootstrap) };
  };
  const truth = await run(kafka.bootstrap);
  expect(await run(ours.bootstrap), `${tool} ${args.join(' ')}`).toEqual(truth);
  return truth;
}

describe('Kafka 4.4\'s tools on a broker without an authorizer', () => {
  it('kafka-acls --list, --add, --remove: SECURITY_DISABLED with Kafka\'s messages', async () => {
    const list = await same('kafka-acls', ['--list']);
    expect(list.code).toBe(1);
    expect(list.stdout).toContain('SecurityDisabledException: No Authorizer is configured on the broker');
    const add = await same('kafka-acls', ['--add', '--allow-principal', 'User:alice', '--operation', 'Read', '--topic', 'orders']);
    expect(add.code).toBe(1);
    const remove = await same('kafka-acls', ['--remove', '--force', '--topic', 'orders']);
    expect(remove.stdout).toContain('SecurityDisabledException: No Authorizer is configured.');
    await same('kafka-acls', ['--list', '--topic', 'orders']);
  });

  it('a SASL client on a PLAINTEXT listener is refused at the handshake', async () => {
    const dir = tempDir();
    const props = path.join(dir, 'sasl.properties');
    fs.writeFileSync(props, 'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\n'
      + 'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="a" password="b";\n');
    const r = await same('kafka-topics', ['--list', '--command-config', props]);
    expect(r.stdout + r.stderr).toContain('IllegalSaslStateException: Unexpected handshake request with client mechanism PLAIN, enabled mechanisms are []');
  });
});
