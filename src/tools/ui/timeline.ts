// The timeline: what changed between successive snapshots, in the sentences of `kafka-local
// status --watch` (status/diff.ts: topics, partitions, leaders, ISR, members, rebalances, log
// starts moving), and what the view's own reads saw (records compaction removed from a tail),
// newest last, the last MAX_EVENTS kept.
import { diffStatus } from '../status/diff';
import type { StatusDocument } from '../status/model';
import type { TimelineEvent } from './snapshot';

const MAX_EVENTS = 200;
/** Lag moving is not an event a learner wants in the timeline: the logs show it. */
const NOISE = /^group \S+ lag on |^topic \S+ records /;

export class Timeline {
  private last: StatusDocument | null = null;
  readonly events: TimelineEvent[] = [];

  add(doc: StatusDocument, at = Date.now()): void {
    if (this.last) {
      for (const text of diffStatus(this.last, doc)) if (!NOISE.test(text)) this.events.push({ at, text });
    } else {
      this.events.push({ at, text: `watching ${doc.cluster.brokers.length} broker(s), ${doc.topics.length} topic(s), ${doc.groups.length} group(s)` });
    }
    this.trim();
    this.last = doc;
  }

  /** An event the snapshots do not show (e.g. compaction: the log start and end stay). */
  note(text: string, at = Date.now()): void {
    this.events.push({ at, text });
    this.trim();
  }

  private trim(): void {
    if (this.events.length > MAX_EVENTS) this.events.splice(0, this.events.length - MAX_EVENTS);
  }
}
