// Client metrics subscriptions of Kafka 4.4 (ClientMetricsConfigs): what kafka-configs
// --entity-type client-metrics describes and alters, with Kafka's checks and messages.
import { ConfigValidationError, define, parseType, type ConfigDef } from './types';

export const CLIENT_METRICS_CONFIGS: readonly ConfigDef[] = [
  define('interval.ms', 'int', '300000'),
  define('match', 'list', ''),
  define('metrics', 'list', ''),
];

const BY_NAME = new Map(CLIENT_METRICS_CONFIGS.map((d) => [d.name, d]));

export function clientMetricsConfigDef(name: string): ConfigDef | undefined {
  return BY_NAME.get(name);
}

/** ClientMetricsConfigs' matching selectors. */
const MATCH_NAMES = new Set(['client_instance_id', 'client_id', 'client_software_name', 'client_software_version', 'client_source_address', 'client_source_port']);

/** ClientMetricsConfigs.validate. Throws ConfigValidationError with Kafka's texts and kinds. */
export function validateClientMetricsConfigs(props: ReadonlyMap<string, string>): void {
  for (const name of props.keys()) {
    if (!BY_NAME.has(name)) throw new ConfigValidationError(`Unknown client metrics configuration: ${name}`, 'InvalidRequestException');
  }
  const parsed = new Map<string, unknown>();
  try {
    for (const def of CLIENT_METRICS_CONFIGS) if (props.has(def.name)) parsed.set(def.name, parseType(def.name, props.get(def.name) as string, def.type));
  } catch (e) {
    if (e instanceof ConfigValidationError) throw new ConfigValidationError(e.message, 'InvalidConfigurationException');
    throw e;
  }
  const interval = parsed.get('interval.ms') as number | undefined;
  if (interval !== undefined && (interval < 100 || interval > 3600000)) {
    throw new ConfigValidationError(`Invalid value ${interval} for interval.ms, interval must be between 100 and 3600000 (1 hour)`, 'InvalidRequestException');
  }
  for (const pattern of (parsed.get('match') as string[] | undefined) ?? []) {
    const eq = pattern.indexOf('=');
    const ok = eq > 0 && MATCH_NAMES.has(pattern.slice(0, eq).trim()) && (() => {
      try {
        new RegExp(pattern.slice(eq + 1).trim());
        return true;
      } catch {
        return false;
      }
    })();
    if (!ok) throw new ConfigValidationError(`Illegal client matching pattern: ${pattern}`, 'InvalidConfigurationException');
  }
}
