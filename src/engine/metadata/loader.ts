// A broker's view of the metadata log: it tails the store by offset, applies each new record to
// the image and hands the resulting changes to the publishers (replica manager, coordinators,
// configs), as a KRaft broker's MetadataLoader does. The controller of this process applies
// what it appends through the same path, so its own broker sees every change once and at once.
import type { MetadataStore } from './store';
import type { MetadataLogEntry } from './records';
import { MetadataImage, type MetadataChange } from './image';

export type MetadataPublisher = (changes: MetadataChange[], image: MetadataImage) => void;

export class MetadataLoader {
  readonly image = new MetadataImage();
  private readonly publishers: MetadataPublisher[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Publishers are running: a catch-up asked for from inside them waits for the next one. */
  private applying = false;

  constructor(private readonly store: MetadataStore) {}

  /** Publishers run in the order they were added (the replica manager before the coordinators). */
  addPublisher(p: MetadataPublisher): void {
    this.publishers.push(p);
  }

  /** Read and apply everything the log has beyond the image. */
  catchUp(): void {
    if (this.applying) return;
    for (;;) {
      const entries = this.store.readAfter(this.image.offset);
      if (entries.length === 0) return;
      this.apply(entries);
    }
  }

  /** Apply entries (from the log, or just appended by this process's controller). */
  apply(entries: readonly MetadataLogEntry[]): void {
    const changes = this.image.apply(entries);
    if (changes.length === 0) return;
    const nested = this.applying;
    this.applying = true;
    try {
      for (const p of this.publishers) p(changes, this.image);
    } finally {
      this.applying = nested;
    }
  }

  /** Tail the log every `intervalMs` (the timer never keeps the process alive). */
  start(intervalMs: number, onError: (e: unknown) => void): void {
    this.timer = setInterval(() => {
      try {
        this.catchUp();
      } catch (e) {
        onError(e);
      }
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
