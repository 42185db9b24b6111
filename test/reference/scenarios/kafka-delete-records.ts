// kafka-delete-records (spec/cli.md).
import type { Scenario } from '../lib/scenario';

export const deleteRecords: Scenario[] = [];
