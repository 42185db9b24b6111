// kafka-get-offsets (spec/cli.md).
import type { Scenario } from '../lib/scenario';

export const getOffsets: Scenario[] = [];
