// kafka-consumer-groups (spec/cli.md).
import type { Scenario } from '../lib/scenario';

export const consumerGroups: Scenario[] = [];
