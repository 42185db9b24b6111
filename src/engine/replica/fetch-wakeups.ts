// Wake-ups of long-polling fetches by partition (the watch keys of Kafka's delayed-fetch
// purgatory): a waiting fetch watches the partitions it names, by topic name and index, so that
// partitions this broker does not host (yet) can be watched too; whoever changes what a fetch
// could read there (an append, the high watermark, the log start, leadership) touches the key.
// Touches are gathered and the watchers run once per key in a microtask: after the write's
// commit (the write is synchronous), however many batches a produce group appended, and as
// early as a wake-up used to be (a resolved promise also ran its waiter in a microtask).

/** A watcher: `force` when everything must be looked at again (deletion, shutdown, reload). */
export type FetchWake = (force: boolean) => void;

export const fetchKey = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

export class FetchWakeups {
  private readonly watchers = new Map<string, Set<FetchWake>>();
  private dirty = new Set<string>();
  private scheduled = false;

  /** Watch `keys` until the returned function is called. */
  watch(keys: readonly string[], wake: FetchWake): () => void {
    for (const k of keys) {
      let set = this.watchers.get(k);
      if (!set) this.watchers.set(k, (set = new Set()));
      set.add(wake);
    }
    return () => {
      for (const k of keys) {
        const set = this.watchers.get(k);
        if (set?.delete(wake) && set.size === 0) this.watchers.delete(k);
      }
    };
  }

  /** Something a fetch could read changed at `key` (cheap: called per appended batch). */
  touch(key: string): void {
    if (!this.watchers.has(key)) return;
    this.dirty.add(key);
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => this.flush());
  }

  /** Wake every waiting fetch now, to look at everything again. */
  wakeAll(): void {
    const all = new Set<FetchWake>();
    for (const set of this.watchers.values()) for (const w of set) all.add(w);
    for (const w of all) w(true);
  }

  /** How many fetches watch a key (tests). */
  watching(key: string): number {
    return this.watchers.get(key)?.size ?? 0;
  }

  private flush(): void {
    this.scheduled = false;
    const keys = this.dirty;
    if (keys.size === 0) return;
    this.dirty = new Set();
    // A fetch watching several touched partitions looks once.
    const woken = new Set<FetchWake>();
    for (const k of keys) {
      const set = this.watchers.get(k);
      if (set) for (const w of set) woken.add(w);
    }
    for (const w of woken) w(false);
  }
}
