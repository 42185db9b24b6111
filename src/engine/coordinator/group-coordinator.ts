// The classic consumer-group coordinator (issue 4). Placeholder: owns group state and committed
// offsets once implemented; start() arms its timers, close() clears them.
import type { Engine } from '../engine';

export class GroupCoordinator {
  constructor(readonly engine: Engine) {}
  start(): void {}
  close(): void {}
}
