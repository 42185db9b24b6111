// The log cleaner (issue 5). Placeholder: retention and compaction run here on
// log.retention.check.interval.ms once implemented; start() arms the timer, close() clears it.
import type { Engine } from './engine';

export class LogCleaner {
  constructor(readonly engine: Engine) {}
  start(): void {}
  close(): void {}
}
