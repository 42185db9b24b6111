// An N-broker local cluster for tests: each broker a separate bin/kafka-server-start process on
// an ephemeral port with its own temporary log dir; they share a metadata store because they
// name the same zookeeper.connect (nothing listens there), under a temporary KAFKA_LOCAL_HOME.
// Brokers are stopped, killed, stalled and resumed BY PID; waits are conditions with deadlines.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { BIN, ROOT, STOPPABLE, tempDir, waitFor } from './engine';

export interface ClusterBroker {
  id: number;
  dir: string;
  port: number;
  proc: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

export interface ClusterOptions {
  brokers?: number;
  /** Extra --override values for every broker. */
  overrides?: Record<string, string>;
  /** Fast liveness for tests (broker.session.timeout.ms / broker.heartbeat.interval.ms). */
  sessionTimeoutMs?: number;
  heartbeatMs?: number;
  /**
   * Start each broker from a properties FILE with this content (node.id, listeners, log.dirs and
   * the cluster's quorum setting are the file's); only the liveness settings and `overrides` go
   * on the command line.
   */
  propertiesFile?: (id: number, logDir: string) => string;
}

export class TestCluster {
  readonly home = tempDir('kl-cluster-home-');
  /** Unique per cluster, so parallel test files never share a store. */
  readonly address = `localhost:2181/${path.basename(this.home)}`;
  readonly brokers = new Map<number, ClusterBroker>();
  readonly dirs = new Map<number, string>();
  /** Pids this helper is stopping: their exit is expected. */
  private readonly killing = new Set<number>();

  constructor(readonly opts: ClusterOptions = {}) {}

  get sessionTimeoutMs(): number {
    return this.opts.sessionTimeoutMs ?? 3000;
  }

  /** Start broker `id` (again, on its old log dir, when it ran before); resolves once it is registered and serving. */
  async start(id: number): Promise<ClusterBroker> {
    let dir = this.dirs.get(id);
    if (!dir) this.dirs.set(id, (dir = tempDir(`kl-cluster-b${id}-`)));
    const file = this.opts.propertiesFile;
    const overrides: Record<string, string> = {
      ...(file ? {} : {
        'node.id': String(id), listeners: 'PLAINTEXT://127.0.0.1:0', 'advertised.listeners': '', 'log.dirs': dir,
        'zookeeper.connect': this.address,
      }),
      'broker.session.timeout.ms': String(this.sessionTimeoutMs), 'broker.heartbeat.interval.ms': String(this.opts.heartbeatMs ?? 250),
      ...this.opts.overrides,
    };
    const args = Object.entries(overrides).flatMap(([k, v]) => ['--override', `${k}=${v}`]);
    if (file) {
      const config = path.join(this.home, `server-${id}.properties`);
      fs.writeFileSync(config, file(id, dir));
      args.unshift(config);
    }
    const proc = spawn(process.execPath, [path.join(BIN, 'kafka-server-start'), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KAFKA_LOCAL_AUTOSTART: '0', KAFKA_LOCAL_HOME: this.home },
      // A process group of its own (see STOPPABLE in engine.ts): tests stall brokers with SIGSTOP.
      ...STOPPABLE,
    });
    let out = '';
    proc.stdout!.setEncoding('utf8');
    proc.stderr!.setEncoding('utf8');
    proc.stdout!.on('data', (d) => { out += d; });
    proc.stderr!.on('data', (d) => { out += d; });
    const exited = new Promise<number | null>((r) => proc.on('exit', (code, sig) => {
      // A broker that dies on its own is what a failing test needs to show: its last words.
      if (!this.killing.has(proc.pid!)) process.stderr.write(`broker ${id} (pid ${proc.pid}) exited by itself (${code ?? sig}):\n${out.slice(-6000)}\n`);
      r(code ?? (sig ? -1 : null));
    }));
    const port = await waitFor(() => {
      if (proc.exitCode !== null) throw new Error(`broker ${id} exited: ${out}`);
      const m = /Awaiting socket connections on 127\.0\.0\.1:(\d+)/.exec(out);
      return m && /Kafka Server started/.test(out) ? Number(m[1]) : 0;
    }, 30000, `broker ${id} start`);
    const b: ClusterBroker = { id, dir, port, proc, output: () => out, exited };
    this.brokers.set(id, b);
    return b;
  }

  /** Start brokers 1..N (in parallel). */
  async startAll(): Promise<void> {
    const n = this.opts.brokers ?? 3;
    await Promise.all(Array.from({ length: n }, (_, i) => this.start(i + 1)));
  }

  broker(id: number): ClusterBroker {
    const b = this.brokers.get(id);
    if (!b) throw new Error(`broker ${id} is not running`);
    return b;
  }

  bootstrap(id?: number): string {
    const ids = id !== undefined ? [id] : [...this.brokers.keys()];
    return ids.map((i) => `127.0.0.1:${this.broker(i).port}`).join(',');
  }

  /** Signal a broker by its pid; SIGKILL and SIGTERM wait until it is gone. */
  async signal(id: number, sig: NodeJS.Signals): Promise<void> {
    const b = this.broker(id);
    if (sig === 'SIGKILL' || sig === 'SIGTERM') this.killing.add(b.proc.pid!);
    process.kill(b.proc.pid!, sig);
    if (sig === 'SIGKILL' || sig === 'SIGTERM') {
      await b.exited;
      this.brokers.delete(id);
    }
  }

  /** The store file, for tests that look at the metadata log itself. */
  storeFile(): string {
    const clusters = path.join(this.home, 'clusters');
    const [name] = fs.readdirSync(clusters);
    return path.join(clusters, name, 'cluster-metadata.db');
  }

  /** Kill every broker still running (stalled ones are resumed first so they can die). */
  async stop(): Promise<void> {
    for (const b of this.brokers.values()) {
      this.killing.add(b.proc.pid!);
      try {
        process.kill(b.proc.pid!, 'SIGCONT');
        process.kill(b.proc.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await Promise.all([...this.brokers.values()].map((b) => b.exited));
    this.brokers.clear();
  }
}

export { ROOT, waitFor };
