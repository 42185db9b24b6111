// kafka-console-consumer (spec/cli.md).
import type { Scenario } from '../lib/scenario';

export const consumer: Scenario[] = [];
