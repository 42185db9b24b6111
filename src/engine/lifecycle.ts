// Starting and stopping one engine: lock the data directory (a second engine on the same
// log.dirs is refused instead of sharing the database), open storage, bind listeners, and on
// stop finish in-flight requests before closing the database.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadZstdEncoder } from '../protocol/records/zstd';
import { Engine } from './engine';
import { KafkaServer } from './network/server';
import { EngineSettings } from './settings';
import { engineLog } from './server-log';

export class LockError extends Error {}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e: any) {
    return e.code === 'EPERM';
  }
}

/** Take <dir>/.lock (O_EXCL); a lock left by a dead process is taken over. */
export function acquireLock(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, '.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => {
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (e: any) {
      if (e.code !== 'EEXIST') throw e;
      const owner = Number(fs.readFileSync(file, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && pidAlive(owner)) break;
      fs.rmSync(file, { force: true });
    }
  }
  throw new LockError(
    `Failed to acquire lock on file .lock in ${dir}. A Kafka instance in another process or thread is using this directory.`,
  );
}

export interface RunningEngine {
  engine: Engine;
  server: KafkaServer;
  bound: { host: string; port: number }[];
  stop(): Promise<void>;
}

export async function startEngine(settings: EngineSettings): Promise<RunningEngine> {
  const release = acquireLock(settings.logDir);
  let engine: Engine | undefined;
  try {
    engine = new Engine(settings);
    const server = new KafkaServer(engine);
    const bound = await server.listen(settings.listeners);
    if (settings.advertised.port === 0 && bound.length > 0) settings.advertised.port = bound[0].port;
    // Register with the cluster's controller and wait to be unfenced (at once in a one-broker cluster).
    await engine.register();
    engine.start();
    // The log cleaner recompresses the batches it rewrites with their codec; zstd's encoder is
    // WebAssembly, instantiated in the background (until then a rewritten zstd batch is stored
    // uncompressed, which every reader accepts).
    loadZstdEncoder().catch(() => undefined);
    const listeners = settings.listeners.map((l) => `${l.name}://${l.host.includes(':') ? `[${l.host}]` : l.host}:${bound[0]?.port ?? l.port}`);
    for (const b of bound) {
      engineLog('INFO', `Awaiting socket connections on ${b.host.includes(':') ? `[${b.host}]` : b.host}:${b.port}.`, 'kafka.network.DataPlaneAcceptor');
    }
    engineLog('INFO', `[KafkaRaftServer nodeId=${settings.nodeId}] Kafka Server started (listeners: ${listeners.join(',')}, log.dirs: ${settings.logDir})`,
      'kafka.server.KafkaRaftServer');
    let stopping: Promise<void> | undefined;
    const e = engine;
    return {
      engine, server, bound,
      stop: () => {
        stopping ??= (async () => {
          engineLog('INFO', `[KafkaRaftServer nodeId=${settings.nodeId}] shutting down`, 'kafka.server.KafkaRaftServer');
          e.coordinator.shutdown(); // parked JoinGroup/SyncGroup requests would hold the drain up
          await e.lifecycle.shutdown(); // controlled shutdown: leaderships move before the listener closes
          e.replicaManager.stopServing(); // what still waits for the ISR is answered now, not at its timeout
          e.forwarder.close();
          await server.close();
          e.close();
          release();
          engineLog('INFO', `[KafkaRaftServer nodeId=${settings.nodeId}] shut down completed`, 'kafka.server.KafkaRaftServer');
        })();
        return stopping;
      },
    };
  } catch (err) {
    try {
      await engine?.lifecycle.shutdown();
      engine?.close();
    } finally {
      release();
    }
    throw err;
  }
}
