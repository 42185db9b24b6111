// kafka-console-producer (spec/cli.md).
import type { Scenario } from '../lib/scenario';

export const producer: Scenario[] = [];
