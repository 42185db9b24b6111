// The view's only contact with the cluster: one status gather (status/gather.ts, the requests
// `kafka-local status` makes) every interval, then the tails and log end offsets of the shown
// partitions and, when overrides changed, their defaults. Bounded: one poll at a time, the next one `intervalMs` after
// the last one ended, and none at all while no page is open.
import type { Admin } from '../../client/admin';
import { gatherStatus, type Clients, type GatherCache } from '../status/gather';
import type { StatusDocument } from '../status/model';
import { byDeadline } from '../../util/by-deadline';
import { ConfigDefaults } from './config-defaults';
import type { UiSnapshot } from './snapshot';
import { LogEnds } from './log-ends';
import { TailReader } from './tail';
import { Timeline } from './timeline';

export interface PollerOptions {
  bootstrap: string;
  intervalMs: number;
  timeoutMs: number;
}

export class Poller {
  private readonly tails: TailReader;
  private readonly logEnds: LogEnds;
  private readonly defaults: ConfigDefaults;
  private readonly timeline = new Timeline();
  private status: StatusDocument | null = null;
  private error: string | null = null;
  private at = 0;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  /**
   * Topic configs, replica sizes and the offsets of topics no page draws open: asked every 5 s,
   * not every poll (they cost the brokers most; on 1,000 partitions a full gather is ~15 ms of the
   * engine's CPU, one with these reused ~3 ms).
   */
  private readonly cache: GatherCache = { everyMs: 5000 };
  private stopped = false;
  /** Polls completed (the benchmark reads it). */
  polls = 0;

  constructor(
    private readonly clients: Clients & { admin: Admin },
    private readonly opts: PollerOptions,
    /** The topics some open page shows (their tails are fetched); null: no page open, no polling. */
    private readonly shown: () => ReadonlySet<string> | null,
    private readonly onUpdate: () => void,
  ) {
    this.tails = new TailReader(clients.admin.cluster);
    this.logEnds = new LogEnds(clients.admin.cluster);
    this.defaults = new ConfigDefaults(clients.admin);
  }

  get fetchRequests(): number {
    return this.tails.requests;
  }

  /** Poll now (a page just opened or changed what it shows) unless a poll is under way. */
  wake(): void {
    if (this.stopped || this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    void this.poll();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private async poll(): Promise<void> {
    const shown = this.shown();
    if (shown === null) return; // woken again when a page opens
    this.running = true;
    try {
      const doc = await gatherStatus(this.clients, {
        topic: null, group: null, timeoutMs: this.opts.timeoutMs, cache: this.cache, hotTopics: shown,
        hotOffsets: (parts, deadline) => this.tails.readOffsets(parts, deadline),
      });
      const now = this.shown() ?? shown;
      const deadline = Date.now() + this.opts.timeoutMs;
      await Promise.all([
        this.tails.update(doc, now, deadline), this.logEnds.update(doc, now, deadline).catch(() => undefined),
        byDeadline(this.defaults.update(doc), deadline, 'describeConfigs').catch(() => undefined),
      ]);
      this.timeline.add(doc);
      for (const r of this.tails.takeRemovals()) this.timeline.note(`compaction removed ${r.count} record${r.count === 1 ? '' : 's'} from ${r.topic}-${r.partition}`);
      this.status = doc;
      this.error = null;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.running = false;
    }
    this.at = Date.now();
    this.polls++;
    if (this.stopped) return;
    this.onUpdate();
    this.timer = setTimeout(() => { this.timer = null; void this.poll(); }, this.opts.intervalMs);
  }

  /** The latest snapshot with the tails of `topics`. */
  snapshot(topics: ReadonlySet<string>): UiSnapshot {
    const tails: UiSnapshot['tails'] = {};
    const logEnds: UiSnapshot['logEnds'] = {};
    const accounted: UiSnapshot['accounted'] = {};
    for (const t of this.status?.topics ?? []) {
      if (!topics.has(t.name)) continue;
      for (const p of t.partitions) {
        tails[`${t.name}:${p.partition}`] = this.tails.records(t.name, p.partition);
        const leo = this.logEnds.of(t.name, p.partition);
        if (leo !== undefined) logEnds[`${t.name}:${p.partition}`] = leo;
        const range = this.tails.accounted(t.name, p.partition);
        if (range) accounted[`${t.name}:${p.partition}`] = range;
      }
    }
    return {
      bootstrap: this.opts.bootstrap, at: this.at, pollMs: this.opts.intervalMs, status: this.status, error: this.error,
      tails, accounted, logEnds, defaults: this.defaults.all(), timeline: this.timeline.events,
    };
  }
}
