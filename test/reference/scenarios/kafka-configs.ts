// kafka-configs (spec/cli.md).
import type { Scenario } from '../lib/scenario';

export const configs: Scenario[] = [];
