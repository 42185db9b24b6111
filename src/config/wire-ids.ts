// DescribeConfigs wire ids for config sources and types, shared by the engine (encoding) and
// the client (decoding). Kept apart from resolve.ts so a client needs none of the config tables.
import type { ConfigType } from './types';

export type ConfigSource =
  | 'UNKNOWN'
  | 'DYNAMIC_TOPIC_CONFIG'
  | 'DYNAMIC_BROKER_CONFIG'
  | 'DYNAMIC_DEFAULT_BROKER_CONFIG'
  | 'STATIC_BROKER_CONFIG'
  | 'DEFAULT_CONFIG'
  | 'DYNAMIC_BROKER_LOGGER_CONFIG'
  | 'DYNAMIC_CLIENT_METRICS_CONFIG'
  | 'DYNAMIC_GROUP_CONFIG';

/** DescribeConfigs wire ids (DescribeConfigsResponse.ConfigSource). */
export const CONFIG_SOURCE_ID: Readonly<Record<ConfigSource, number>> = {
  UNKNOWN: 0,
  DYNAMIC_TOPIC_CONFIG: 1,
  DYNAMIC_BROKER_CONFIG: 2,
  DYNAMIC_DEFAULT_BROKER_CONFIG: 3,
  STATIC_BROKER_CONFIG: 4,
  DEFAULT_CONFIG: 5,
  DYNAMIC_BROKER_LOGGER_CONFIG: 6,
  DYNAMIC_CLIENT_METRICS_CONFIG: 7,
  DYNAMIC_GROUP_CONFIG: 8,
};

const SOURCE_BY_ID = new Map(Object.entries(CONFIG_SOURCE_ID).map(([k, v]) => [v, k as ConfigSource]));

/** The ConfigSource for a wire id (UNKNOWN for ids not known). */
export function configSourceFromId(id: number): ConfigSource {
  return SOURCE_BY_ID.get(id) ?? 'UNKNOWN';
}

/** DescribeConfigs v3+ `configType` wire ids (DescribeConfigsResponse.ConfigType); UNKNOWN = 0. */
export const CONFIG_TYPE_ID: Readonly<Record<ConfigType, number>> = {
  boolean: 1,
  string: 2,
  int: 3,
  short: 4,
  long: 5,
  double: 6,
  list: 7,
  class: 8,
  password: 9,
};
