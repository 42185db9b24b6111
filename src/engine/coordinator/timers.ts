// Keyed one-shot timers for the coordinator (session expiry, rebalance and sync timeouts, the
// initial rebalance delay, offset retention). Scheduling a key replaces its previous timer, as
// Kafka's coordinator timer does. Timers are unref'd so they never keep the process alive, and
// clear() cancels them all on close.
import { engineLog } from '../server-log';

export class CoordinatorTimers {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  schedule(key: string, delayMs: number, fn: () => void): void {
    if (this.closed) return;
    this.cancel(key);
    const t = setTimeout(() => {
      if (this.timers.get(key) === t) this.timers.delete(key);
      try {
        fn();
      } catch (e: any) {
        engineLog('ERROR', `Coordinator timer ${key} failed: ${e?.stack ?? e}`, 'org.apache.kafka.coordinator.group.GroupCoordinatorShard');
      }
    }, Math.max(0, Math.min(delayMs, 2147483647)));
    t.unref();
    this.timers.set(key, t);
  }

  cancel(key: string): void {
    const t = this.timers.get(key);
    if (t) {
      clearTimeout(t);
      this.timers.delete(key);
    }
  }

  clear(): void {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
