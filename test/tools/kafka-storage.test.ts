// kafka-storage: the quickstart's random-uuid and format, and the engine honouring the formatted
// directory (its cluster id; a directory formatted for another cluster is refused with Kafka's
// text). The texts themselves are compared with Kafka's in test/reference/scenarios/kafka-storage.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, runTool, spawnEngine, startInProcessEngine, tempDir, waitFor } from '../helpers/engine';
import { spawn } from 'node:child_process';

function propertiesFile(dir: string): string {
  const file = path.join(dir, 'server.properties');
  fs.writeFileSync(file, [
    'process.roles=broker,controller', 'node.id=1', 'controller.quorum.bootstrap.servers=localhost:9093',
    'listeners=PLAINTEXT://127.0.0.1:0,CONTROLLER://:9093', 'controller.listener.names=CONTROLLER',
    `log.dirs=${path.join(dir, 'data')}`, '',
  ].join('\n'));
  return file;
}

describe('kafka-storage', () => {
  it('random-uuid prints a new Kafka Uuid each time', async () => {
    const [a, b] = await Promise.all([runTool('kafka-storage', ['random-uuid']), runTool('kafka-storage.sh', ['random-uuid'])]);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}\n$/);
    expect(b.stdout).not.toBe(a.stdout);
  });

  it('format writes meta.properties; the engine takes its cluster id; info shows it', async () => {
    const dir = tempDir('kl-storage-');
    const file = propertiesFile(dir);
    const id = (await runTool('kafka-storage', ['random-uuid'])).stdout.trim();
    const f = await runTool('kafka-storage', ['format', '--standalone', '-t', id, '-c', file]);
    expect(f.stderr).toBe('');
    expect(f.stdout).toContain(`Formatting dynamic metadata voter directory ${path.join(dir, 'data')} with metadata.version 4.4-IV2.\n`);
    const meta = fs.readFileSync(path.join(dir, 'data', 'meta.properties'), 'utf8');
    expect(meta).toMatch(new RegExp(`^#\\n#.*\\nnode\\.id=1\\ndirectory\\.id=[A-Za-z0-9_-]{22}\\nversion=1\\ncluster\\.id=${id}\\n$`));

    const engine = await startInProcessEngine({ 'log.dirs': path.join(dir, 'data') });
    try {
      expect(engine.engine.metadata.clusterId).toBe(id);
    } finally {
      await engine.stop();
    }
    const again = await runTool('kafka-storage', ['format', '--standalone', '-t', id, '-c', file]);
    expect(again).toMatchObject({ code: 1, stdout: '' });
    expect(again.stderr).toBe(`Log directory ${path.join(dir, 'data')} is already formatted. Use --ignore-formatted to ignore this directory and format the others.\n`);
    const info = await runTool('kafka-storage', ['info', '-c', file]);
    expect(info.code).toBe(0);
    expect(info.stdout).toContain(`Found metadata: {cluster.id=${id}, directory.id=`);
  }, 30000);

  it('an engine started on an unformatted directory formats it with its own cluster id', async () => {
    const dir = tempDir('kl-storage-');
    const engine = await startInProcessEngine({ 'log.dirs': dir });
    const id = engine.engine.metadata.clusterId;
    await engine.stop();
    expect(fs.readFileSync(path.join(dir, 'meta.properties'), 'utf8')).toContain(`\ncluster.id=${id}\n`);
  }, 30000);

  it('the engine refuses a directory formatted for another cluster than its data, as Kafka does', async () => {
    const dir = tempDir('kl-storage-');
    const engine = await startInProcessEngine({ 'log.dirs': dir });
    const id = engine.engine.metadata.clusterId;
    await engine.stop();
    const file = path.join(dir, 'meta.properties');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/cluster\.id=.*/, 'cluster.id=AAAAAAAAAAAAAAAAAAAAAA'));
    const r = await runTool('kafka-server-start', ['--override', 'listeners=PLAINTEXT://127.0.0.1:0', '--override', `log.dirs=${dir}`], { env: { KAFKA_LOCAL_AUTOSTART: '0' } });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/^\[[^\]]+\] ERROR Exiting Kafka due to fatal exception \(kafka\.Kafka\$\)$/m);
    expect(r.stdout + r.stderr).toContain(`java.lang.RuntimeException: Invalid cluster.id in: ${file}. Expected ${id}, but read AAAAAAAAAAAAAAAAAAAAAA\n`);
    // Formatted back for its own cluster, it starts.
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/cluster\.id=.*/, `cluster.id=${id}`));
    const ok = await spawnEngine({ dir });
    await ok.stop();
  }, 30000);

  it('the quickstart: format with the tutorial\'s config/server.properties, then start on the same default data dir', async () => {
    // The per-user default data dir, moved into a temp dir (XDG_DATA_HOME) so no real one is touched.
    const home = tempDir('kl-storage-home-');
    const env = { XDG_DATA_HOME: home };
    const dataDir = path.join(home, 'kafka-local', 'kraft-combined-logs');
    const id = (await runTool('kafka-storage.sh', ['random-uuid'])).stdout.trim();
    const f = await runTool('kafka-storage.sh', ['format', '--standalone', '-t', id, '-c', 'config/server.properties'], { env });
    expect(f.code).toBe(0);
    expect(f.stderr).toMatch(/^kafka-local: config\/server\.properties not found; using the built-in single-node defaults/);
    expect(f.stdout).toContain(`Formatting dynamic metadata voter directory ${dataDir} with metadata.version 4.4-IV2.\n`);
    const proc = spawn(process.execPath, [path.join(BIN, 'kafka-server-start.sh'), 'config/server.properties', '--override', 'listeners=PLAINTEXT://127.0.0.1:0'], {
      stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env, KAFKA_LOCAL_AUTOSTART: '0' },
    });
    let out = '';
    proc.stdout!.on('data', (d) => { out += d; });
    proc.stderr!.on('data', (d) => { out += d; });
    const exited = new Promise((r) => proc.on('exit', r));
    try {
      await waitFor(() => out.includes('Kafka Server started'), 20000, 'the engine started');
      expect(out).toContain(`log.dirs: ${dataDir}`);
      const info = await runTool('kafka-storage', ['info', '-c', 'config/server.properties'], { env });
      expect(info.stdout).toContain(`Found log directory:\n  ${dataDir}\n\nFound metadata: {cluster.id=${id}, `);
    } finally {
      proc.kill('SIGTERM');
      await exited;
    }
  }, 60000);
});
