// kafka-console-producer when the broker is not there, goes away, or stops answering: Kafka's
// log lines and errors, bounded by max.block.ms / delivery.timeout.ms / request.timeout.ms,
// never a hang. Engines run as child processes so they can be killed and stopped.
import { describe, it, expect, afterEach } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { spawnEngine, runTool, mask, waitFor, BIN, type ChildEngine } from '../helpers/engine';

const engines: ChildEngine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) {
    try { e.proc.kill('SIGCONT'); } catch { /* gone */ }
    await e.kill('SIGKILL');
  }
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function kcatCount(bootstrap: string, topic: string, format = '%s\\n'): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn('kcat', ['-b', bootstrap, '-C', '-t', topic, '-e', '-q', '-o', 'beginning', '-f', format]);
    let out = '';
    p.stdout.setEncoding('utf8');
    p.stdout.on('data', (d) => { out += d; });
    p.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`kcat exited ${code}`))));
  });
}

interface Running {
  proc: ChildProcess;
  stderr: () => string;
  exited: Promise<{ code: number | null; ms: number }>;
}

/** A producer with stdin left open, so the test decides when lines arrive and when EOF comes. */
function startProducer(args: string[]): Running {
  const proc = spawn(process.execPath, [path.join(BIN, 'kafka-console-producer'), ...args], {
    stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, KAFKA_LOCAL_AUTOSTART: '0' },
  });
  let err = '';
  proc.stderr!.setEncoding('utf8');
  proc.stderr!.on('data', (d) => { err += d; });
  const t0 = Date.now();
  const exited = new Promise<{ code: number | null; ms: number }>((resolve) => proc.on('exit', (code) => resolve({ code, ms: Date.now() - t0 })));
  return { proc, stderr: () => err, exited };
}

describe('no broker at the address', () => {
  it('each record fails after max.block.ms with Kafka\'s TimeoutException; NetworkClient warns on every attempt; exit 0', async () => {
    const port = await freePort();
    const t0 = Date.now();
    const r = await runTool('kafka-console-producer', ['--bootstrap-server', `127.0.0.1:${port}`, '--topic', 'gone', '--max-block-ms', '800'], { input: 'a\nbb\n', timeoutMs: 20000 });
    const ms = Date.now() - t0;
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(ms).toBeLessThan(8000);
    const lines = mask(r.stderr).split('\n').filter(Boolean);
    const connect = `[<ts>] WARN [Producer clientId=console-producer] Connection to node -1 (/127.0.0.1:${port}) could not be established. Node may not be available. (org.apache.kafka.clients.NetworkClient)`;
    const bootstrap = `[<ts>] WARN [Producer clientId=console-producer] Bootstrap broker 127.0.0.1:${port} (id: -1 rack: null isFenced: false) disconnected (org.apache.kafka.clients.NetworkClient)`;
    const errors = lines.filter((l) => !l.includes(' WARN '));
    expect(errors).toEqual([
      '[<ts>] ERROR Error when sending message to topic gone with key: null, value: 1 bytes with error: (org.apache.kafka.clients.producer.internals.ErrorLoggingCallback)',
      'org.apache.kafka.common.errors.TimeoutException: Topic gone not present in metadata after 800 ms.',
      '[<ts>] ERROR Error when sending message to topic gone with key: null, value: 2 bytes with error: (org.apache.kafka.clients.producer.internals.ErrorLoggingCallback)',
      'org.apache.kafka.common.errors.TimeoutException: Topic gone not present in metadata after 800 ms.',
    ]);
    const warns = lines.filter((l) => l.includes(' WARN '));
    expect(warns.length).toBeGreaterThanOrEqual(4);
    for (let i = 0; i + 1 < warns.length; i += 2) expect([warns[i], warns[i + 1]]).toEqual([connect, bootstrap]);
  });
});

describe('the broker goes away', () => {
  it('records that cannot be delivered expire after delivery.timeout.ms with Kafka\'s message; exit 0', async () => {
    const engine = await spawnEngine();
    engines.push(engine);
    const p = startProducer(['--bootstrap-server', engine.bootstrap, '--topic', 'dies', '--timeout', '10',
      '--request-timeout-ms', '500', '--command-property', 'delivery.timeout.ms=1500']);
    p.proc.stdin!.write('before\n');
    await waitFor(async () => (await kcatCount(engine.bootstrap, 'dies')) === 'before\n', 15000, 'first record stored');
    await engine.kill('SIGKILL');
    p.proc.stdin!.write('after1\nafter22\n');
    p.proc.stdin!.end();
    const { code, ms } = await p.exited;
    expect(code).toBe(0);
    expect(ms).toBeLessThan(15000);
    const err = mask(p.stderr());
    expect(err).toMatch(new RegExp(`\\[<ts>\\] WARN \\[Producer clientId=console-producer\\] Connection to node 1 \\(/127\\.0\\.0\\.1:${engine.port}\\) could not be established\\. Node may not be available\\. \\(org\\.apache\\.kafka\\.clients\\.NetworkClient\\)\\n`));
    expect(err).toMatch(/\[<ts>\] ERROR Error when sending message to topic dies with key: null, value: 6 bytes with error: \(org\.apache\.kafka\.clients\.producer\.internals\.ErrorLoggingCallback\)\norg\.apache\.kafka\.common\.errors\.TimeoutException: Expiring 2 record\(s\) for dies-0:\d+ ms has passed since batch creation\n/);
    expect(err).toMatch(/value: 7 bytes with error: \(org\.apache\.kafka\.clients\.producer\.internals\.ErrorLoggingCallback\)\norg\.apache\.kafka\.common\.errors\.TimeoutException: Expiring 2 record\(s\) for dies-0:/);
  });

  it('a broker that stops answering: request.timeout.ms disconnects, the batch is retried and stored once when it answers again', async () => {
    const engine = await spawnEngine();
    engines.push(engine);
    const p = startProducer(['--bootstrap-server', engine.bootstrap, '--topic', 'stalls', '--timeout', '10', '--request-timeout-ms', '400']);
    p.proc.stdin!.write('one\n');
    await waitFor(async () => (await kcatCount(engine.bootstrap, 'stalls')) === 'one\n', 15000, 'first record stored');
    engine.proc.kill('SIGSTOP');
    p.proc.stdin!.write('two\n');
    await waitFor(() => p.stderr().includes('due to timeout'), 10000, 'request timeout');
    engine.proc.kill('SIGCONT');
    p.proc.stdin!.end();
    const { code } = await p.exited;
    expect(code).toBe(0);
    const err = mask(p.stderr());
    expect(err).toMatch(/\[<ts>\] WARN \[Producer clientId=console-producer\] Got error produce response with correlation id \d+ on topic-partition stalls-0, retrying \(2 attempts left\)\. Error: REQUEST_TIMED_OUT\. Error Message: Disconnected from node 1 due to timeout \(org\.apache\.kafka\.clients\.producer\.internals\.Sender\)\n/);
    expect(err).not.toContain('ERROR');
    // Idempotence: the stalled request and its retry leave one copy.
    expect(await kcatCount(engine.bootstrap, 'stalls')).toBe('one\ntwo\n');
  });

  it('the broker restarts on the same port: pending records are retried and delivered', async () => {
    const first = await spawnEngine();
    engines.push(first);
    const p = startProducer(['--bootstrap-server', first.bootstrap, '--topic', 'restart', '--timeout', '10', '--request-timeout-ms', '1000']);
    p.proc.stdin!.write('r1\n');
    await waitFor(async () => (await kcatCount(first.bootstrap, 'restart')) === 'r1\n', 15000, 'first record stored');
    await first.kill('SIGTERM');
    const before = p.stderr().length;
    p.proc.stdin!.write('r2\n');
    // r2 is pending: the producer has tried the stopped broker for it.
    await waitFor(() => p.stderr().slice(before).includes('could not be established'), 15000, 'the producer tried the stopped broker');
    const second = await spawnEngine({ dir: first.dir, port: first.port });
    engines.push(second);
    p.proc.stdin!.end();
    const { code } = await p.exited;
    expect(code).toBe(0);
    expect(p.stderr()).not.toContain('ERROR');
    expect(await kcatCount(second.bootstrap, 'restart')).toBe('r1\nr2\n');
  });
});
