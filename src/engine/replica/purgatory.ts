// Requests that wait for something to happen to partitions (Kafka's DelayedOperationPurgatory):
// a produce with acks=all waits until its records are in every in-sync replica (the high
// watermark passed them), a fetch waits for data. An operation watches partition keys; whoever
// changes a partition calls checkAndComplete(key); an operation that is still waiting at its
// deadline completes anyway (expired), exactly once either way.

export interface DelayedOperation {
  /** Try to complete now: true when done (then onComplete has been arranged by the operation). */
  tryComplete(): boolean;
  /** Called once when the deadline passes first. */
  onExpiration(): void;
}

interface Watched {
  op: DelayedOperation;
  keys: string[];
  timer: NodeJS.Timeout;
  done: boolean;
}

export class Purgatory {
  private readonly watchers = new Map<string, Set<Watched>>();

  /** Complete at once if possible, else watch `keys` until it completes or `timeoutMs` passes. */
  tryCompleteElseWatch(op: DelayedOperation, keys: string[], timeoutMs: number): void {
    if (op.tryComplete()) return;
    const w: Watched = { op, keys, done: false, timer: setTimeout(() => this.expire(w), Math.max(0, timeoutMs)) };
    for (const k of keys) {
      let set = this.watchers.get(k);
      if (!set) this.watchers.set(k, (set = new Set()));
      set.add(w);
    }
  }

  /** Something changed for `key`: complete the operations watching it that now can. */
  checkAndComplete(key: string): number {
    const set = this.watchers.get(key);
    if (!set) return 0;
    let completed = 0;
    for (const w of [...set]) {
      if (w.done) continue;
      if (w.op.tryComplete()) {
        this.finish(w);
        completed++;
      }
    }
    return completed;
  }

  /** Give every waiting operation a chance to complete now (the broker stops serving). */
  checkAndCompleteAll(): number {
    let completed = 0;
    for (const k of [...this.watchers.keys()]) completed += this.checkAndComplete(k);
    return completed;
  }

  /** How many operations wait on a key (for tests and metrics). */
  watching(key: string): number {
    return this.watchers.get(key)?.size ?? 0;
  }

  private expire(w: Watched): void {
    if (w.done) return;
    this.finish(w);
    w.op.onExpiration();
  }

  private finish(w: Watched): void {
    w.done = true;
    clearTimeout(w.timer);
    for (const k of w.keys) {
      const set = this.watchers.get(k);
      set?.delete(w);
      if (set && set.size === 0) this.watchers.delete(k);
    }
  }

  /** Expire everything now (shutdown). */
  shutdown(): void {
    const all = new Set<Watched>();
    for (const set of this.watchers.values()) for (const w of set) all.add(w);
    for (const w of all) this.expire(w);
  }
}
