// The admin client settings kafka-topics honours from --command-config (AdminClientConfig):
// client.id, request.timeout.ms, default.api.timeout.ms. Other keys are accepted and ignored, as
// Kafka only mentions unused keys at INFO level. Values are parsed with Kafka's ConfigDef rules
// and messages (`Invalid value x for configuration request.timeout.ms: Not a number of type INT`).

import { JavaException } from '../../cli/errors';
import { atLeast, ConfigValidationError, define, parseConfigValue } from '../../config/types';

export interface AdminClientSettings {
  clientId: string | undefined;
  requestTimeoutMs: number;
  defaultApiTimeoutMs: number;
  /**
   * KafkaAdminClient's own construction-time check (default.api.timeout.ms given explicitly and
   * below request.timeout.ms); Kafka wraps its failure in `Failed to create new KafkaAdminClient`.
   */
  check(): void;
  /** The WARN KafkaAdminClient logs when request.timeout.ms raises the default API timeout. */
  overrideWarning: string | undefined;
}

// In AdminClientConfig definition order.
const CLIENT_ID = define('client.id', 'string', '');
const REQUEST_TIMEOUT = define('request.timeout.ms', 'int', '30000', atLeast(0));
const DEFAULT_API_TIMEOUT = define('default.api.timeout.ms', 'int', '60000', atLeast(0));

function value(props: ReadonlyMap<string, string>, def: ReturnType<typeof define>): unknown {
  const raw = props.get(def.name);
  try {
    return parseConfigValue(def, raw ?? def.default!);
  } catch (e) {
    if (e instanceof ConfigValidationError) throw new JavaException(e.javaClass, e.message);
    throw e;
  }
}

/** `new AdminClientConfig(props)`: throws ConfigException-shaped JavaExceptions. */
export function adminClientSettings(props: ReadonlyMap<string, string>): AdminClientSettings {
  const clientId = value(props, CLIENT_ID) as string;
  const requestTimeoutMs = value(props, REQUEST_TIMEOUT) as number;
  const configuredApiTimeout = value(props, DEFAULT_API_TIMEOUT) as number;
  const explicitApiTimeout = props.has(DEFAULT_API_TIMEOUT.name);
  const defaultApiTimeoutMs = configuredApiTimeout < requestTimeoutMs && !explicitApiTimeout ? requestTimeoutMs : configuredApiTimeout;
  return {
    clientId: clientId === '' ? undefined : clientId,
    requestTimeoutMs,
    defaultApiTimeoutMs,
    overrideWarning: configuredApiTimeout < requestTimeoutMs && !explicitApiTimeout
      ? `Overriding the default value for default.api.timeout.ms (${configuredApiTimeout}) with the explicitly configured request timeout ${requestTimeoutMs}`
      : undefined,
    check() {
      if (configuredApiTimeout < requestTimeoutMs && explicitApiTimeout) {
        throw new JavaException(
          'org.apache.kafka.common.config.ConfigException',
          'The specified value of default.api.timeout.ms must be no smaller than the value of request.timeout.ms.',
        );
      }
    },
  };
}
