// Every differential scenario, tool by tool.
import type { Scenario } from '../lib/scenario';
import { topics } from './kafka-topics';

export const scenarios: Scenario[] = [...topics];

const seen = new Set<string>();
for (const s of scenarios) {
  if (seen.has(s.id)) throw new Error(`scenario id used twice: ${s.id}`);
  seen.add(s.id);
}
