// The producer settings, parsed from Java-style properties as Kafka's ProducerConfig does
// (clients/.../producer/ProducerConfig.java): same names, types, defaults, validators and
// messages, checked in ProducerConfig's definition order; then the idempotence rules of
// postProcessAndValidateIdempotenceConfigs and KafkaProducer's own construction-time checks.
//
// Keys we do not act on are accepted and ignored (Kafka only mentions unused keys at INFO).

import type { CodecName } from '../../protocol/records/compression';
import {
  atLeast, between, ConfigValidationError, define, invalidValue, parseAll, validString,
  type ConfigDef, type ConfigValue,
} from '../../config/types';

export type Acks = -1 | 0 | 1;
/** compression.type: every codec of Kafka's (the protocol layer encodes them all). */
export type ProducerCompression = CodecName;

export interface ProducerSettings {
  bootstrapServers: string[];
  clientId: string;
  acks: Acks;
  bufferMemory: number;
  retries: number;
  compression: ProducerCompression;
  /** compression.gzip.level or compression.zstd.level, whichever codec is used (our lz4 encoder has no levels). */
  compressionLevel: number;
  batchSize: number;
  partitionerIgnoreKeys: boolean;
  /** partitioner.class, when set: one of Kafka's own partitioners (see PARTITIONERS). */
  partitioner: CustomPartitioner | null;
  lingerMs: number;
  deliveryTimeoutMs: number;
  maxRequestSize: number;
  reconnectBackoffMs: number;
  reconnectBackoffMaxMs: number;
  retryBackoffMs: number;
  retryBackoffMaxMs: number;
  maxBlockMs: number;
  requestTimeoutMs: number;
  metadataMaxAgeMs: number;
  maxInFlight: number;
  connectionSetupTimeoutMs: number;
  idempotence: boolean;
  /** transactional.id: the producer is transactional (initTransactions, begin, commit, abort). */
  transactionalId: string | null;
  transactionTimeoutMs: number;
}

/** A failure Kafka reports as a Java exception: `<javaClass>: <message>`, maybe with a cause. */
export class ProducerConfigError extends Error {
  constructor(readonly javaClass: string, message: string, readonly causeLine?: string) {
    super(message);
    this.name = 'ProducerConfigError';
  }

  /** The lines printStackTrace shows without frames: the exception, then `Caused by: ...`. */
  lines(): string[] {
    const out = [`${this.javaClass}: ${this.message}`];
    if (this.causeLine) out.push(`Caused by: ${this.causeLine}`);
    return out;
  }
}

const CONFIG_EXCEPTION = 'org.apache.kafka.common.config.ConfigException';
const INT_MAX = 2147483647;

export type CustomPartitioner = 'round-robin';

/**
 * The partitioner classes Kafka ships. The deprecated DefaultPartitioner behaves as the built-in
 * partitioner, UniformStickyPartitioner as partitioner.ignore.keys=true; RoundRobinPartitioner
 * is modelled in the producer. Any other class cannot be loaded here.
 */
const PARTITIONERS = new Map<string, CustomPartitioner | 'default' | 'uniform-sticky'>([
  ['org.apache.kafka.clients.producer.RoundRobinPartitioner', 'round-robin'],
  ['org.apache.kafka.clients.producer.internals.DefaultPartitioner', 'default'],
  ['org.apache.kafka.clients.producer.UniformStickyPartitioner', 'uniform-sticky'],
]);

// The subset of ProducerConfig's definitions that matter here, in its definition order (so the
// first invalid value reported is the one Kafka reports).
const DEFS: readonly ConfigDef[] = [
  define('bootstrap.servers', 'list', ''),
  define('client.dns.lookup', 'string', 'use_all_dns_ips', validString('use_all_dns_ips', 'resolve_canonical_bootstrap_servers_only')),
  define('buffer.memory', 'long', '33554432', atLeast(0)),
  define('retries', 'int', String(INT_MAX), between(0, INT_MAX)),
  define('acks', 'string', 'all', validString('all', '-1', '0', '1')),
  define('compression.type', 'string', 'none', validString('none', 'gzip', 'snappy', 'lz4', 'zstd')),
  define('compression.gzip.level', 'int', '-1', gzipLevelValidator()),
  define('compression.lz4.level', 'int', '9', between(1, 17)),
  define('compression.zstd.level', 'int', '3', between(-131072, 22)),
  define('batch.size', 'int', '16384', atLeast(0)),
  define('partitioner.adaptive.partitioning.enable', 'boolean', 'true'),
  define('partitioner.availability.timeout.ms', 'long', '0', atLeast(0)),
  define('partitioner.ignore.keys', 'boolean', 'false'),
  define('linger.ms', 'long', '5', atLeast(0)), // 5 since Kafka 4.0 (KIP-1030)
  define('delivery.timeout.ms', 'int', '120000', atLeast(0)),
  define('client.id', 'string', ''),
  define('send.buffer.bytes', 'int', '131072', atLeast(-1)),
  define('receive.buffer.bytes', 'int', '32768', atLeast(-1)),
  define('max.request.size', 'int', '1048576', atLeast(0)),
  define('reconnect.backoff.ms', 'long', '50', atLeast(0)),
  define('reconnect.backoff.max.ms', 'long', '1000', atLeast(0)),
  define('retry.backoff.ms', 'long', '100', atLeast(0)),
  define('retry.backoff.max.ms', 'long', '1000', atLeast(0)),
  define('enable.metrics.push', 'boolean', 'true'),
  define('max.block.ms', 'long', '60000', atLeast(0)),
  define('request.timeout.ms', 'int', '30000', atLeast(0)),
  define('metadata.max.age.ms', 'long', '300000', atLeast(0)),
  define('metadata.max.idle.ms', 'long', '300000', atLeast(5000)),
  define('max.in.flight.requests.per.connection', 'int', '5', atLeast(1)),
  define('socket.connection.setup.timeout.ms', 'long', '10000'),
  define('socket.connection.setup.timeout.max.ms', 'long', '30000'),
  define('connections.max.idle.ms', 'long', '540000'),
  define('partitioner.class', 'class', null),
  define('enable.idempotence', 'boolean', 'true'),
  define('transaction.timeout.ms', 'int', '60000'),
  define('transactional.id', 'string', null),
];

function gzipLevelValidator() {
  // CompressionType.GZIP.levelValidator(): -1 (default) or 1..9.
  const inner = between(1, 9);
  return {
    kind: 'gzipLevel',
    text: '[1,...,9] or -1',
    ensureValid(name: string, value: ConfigValue, type: 'int') {
      if (value === -1) return;
      try {
        inner.ensureValid(name, value, type);
      } catch {
        throw new ConfigValidationError(`Invalid value ${value} for configuration ${name}: Value must be between 1 and 9, or -1`, 'ConfigException', name);
      }
    },
  };
}

function num(v: ConfigValue | undefined): number {
  return typeof v === 'bigint' ? Number(v) : (v as number);
}

/**
 * `new KafkaProducer(props)`: the settings, or a ProducerConfigError shaped as Kafka's
 * (ConfigException from the config parse; `KafkaException: Failed to construct kafka producer`
 * for what the constructor itself checks). `warn` receives the WARN lines Kafka logs (message,
 * logger).
 */
export function producerSettings(
  props: ReadonlyMap<string, string>,
  warn: (message: string, logger: string) => void = () => undefined,
): ProducerSettings {
  let v: Map<string, ConfigValue>;
  try {
    v = parseAll(DEFS, props);
  } catch (e) {
    if (e instanceof ConfigValidationError) throw new ProducerConfigError(e.javaClass, e.message);
    throw e;
  }
  // ConfigDef.parseType loads a CLASS value: an unknown class fails like any invalid value.
  const partitionerClass = v.get('partitioner.class') as string | null;
  let partitioner: CustomPartitioner | 'default' | 'uniform-sticky' | null = null;
  if (partitionerClass !== null) {
    partitioner = PARTITIONERS.get(partitionerClass) ?? null;
    if (partitioner === null) {
      const err = invalidValue('partitioner.class', partitionerClass, `Class ${partitionerClass} could not be found.`);
      throw new ProducerConfigError(err.javaClass, err.message);
    }
  }
  const acksText = String(v.get('acks')).trim();
  const acks = (acksText.toLowerCase() === 'all' ? -1 : Number(acksText)) as Acks;
  const retries = num(v.get('retries'));
  const maxInFlight = num(v.get('max.in.flight.requests.per.connection'));

  // postProcessAndValidateIdempotenceConfigs
  const userIdempotence = props.has('enable.idempotence');
  let idempotence = v.get('enable.idempotence') as boolean;
  if (idempotence) {
    let disable = false;
    if (retries === 0) {
      if (userIdempotence) throw new ProducerConfigError(CONFIG_EXCEPTION, 'Must set retries to non-zero when using the idempotent producer.');
      disable = true;
    }
    if (acks !== -1) {
      if (userIdempotence) {
        throw new ProducerConfigError(CONFIG_EXCEPTION, 'Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.');
      }
      disable = true;
    }
    if (maxInFlight > 5) {
      if (userIdempotence) {
        throw new ProducerConfigError(CONFIG_EXCEPTION, 'Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.');
      }
      warn(
        `Idempotence will be disabled because max.in.flight.requests.per.connection is set to ${maxInFlight}, which is greater than 5. Please note that in v4.0.0 and onward, this will become an error.`,
        'org.apache.kafka.clients.producer.ProducerConfig',
      );
      disable = true;
    }
    if (disable) idempotence = false;
  }
  const transactionalId = (v.get('transactional.id') as string | null) || null;
  if (transactionalId !== null && !idempotence) {
    throw new ProducerConfigError(CONFIG_EXCEPTION, 'Cannot set a transactional.id without also enabling idempotence.');
  }

  const compressionType = v.get('compression.type') as ProducerCompression;

  // Java names a transactional producer after its transactional id.
  const clientId = props.has('client.id') ? (v.get('client.id') as string) : transactionalId !== null ? `producer-${transactionalId}` : 'producer-1';
  const lingerMs = Math.min(num(v.get('linger.ms')), INT_MAX);
  const requestTimeoutMs = num(v.get('request.timeout.ms'));

  // Inside KafkaProducer's constructor: failures are wrapped in "Failed to construct kafka producer".
  const construct = (cause: string): ProducerConfigError =>
    new ProducerConfigError('org.apache.kafka.common.KafkaException', 'Failed to construct kafka producer', cause);

  let deliveryTimeoutMs = num(v.get('delivery.timeout.ms'));
  const lingerAndRequest = Math.min(lingerMs + requestTimeoutMs, INT_MAX);
  if (deliveryTimeoutMs < lingerAndRequest) {
    if (props.has('delivery.timeout.ms')) {
      throw construct(`${CONFIG_EXCEPTION}: delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms`);
    }
    deliveryTimeoutMs = lingerAndRequest;
    warn(
      `[Producer clientId=${clientId}] delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms. Setting it to ${deliveryTimeoutMs}.`,
      'org.apache.kafka.clients.producer.KafkaProducer',
    );
  }

  const bootstrapServers = (v.get('bootstrap.servers') as readonly string[]).filter((s) => s !== '');
  if (bootstrapServers.length === 0) {
    throw construct(`${CONFIG_EXCEPTION}: No resolvable bootstrap urls given in bootstrap.servers`);
  }

  const retryBackoffMs = num(v.get('retry.backoff.ms'));
  let retryBackoffMaxMs = num(v.get('retry.backoff.max.ms'));
  if (retryBackoffMaxMs < retryBackoffMs) retryBackoffMaxMs = retryBackoffMs;
  const reconnectBackoffMs = num(v.get('reconnect.backoff.ms'));
  let reconnectBackoffMaxMs = num(v.get('reconnect.backoff.max.ms'));
  if (reconnectBackoffMaxMs < reconnectBackoffMs) reconnectBackoffMaxMs = reconnectBackoffMs;

  return {
    bootstrapServers,
    clientId,
    acks,
    bufferMemory: num(v.get('buffer.memory')),
    retries,
    compression: compressionType,
    compressionLevel: num(v.get(compressionType === 'zstd' ? 'compression.zstd.level' : 'compression.gzip.level')),
    batchSize: num(v.get('batch.size')),
    partitionerIgnoreKeys: v.get('partitioner.ignore.keys') as boolean || partitioner === 'uniform-sticky',
    partitioner: partitioner === 'round-robin' ? partitioner : null,
    lingerMs,
    deliveryTimeoutMs,
    maxRequestSize: num(v.get('max.request.size')),
    reconnectBackoffMs,
    reconnectBackoffMaxMs,
    retryBackoffMs,
    retryBackoffMaxMs,
    maxBlockMs: num(v.get('max.block.ms')),
    requestTimeoutMs,
    metadataMaxAgeMs: num(v.get('metadata.max.age.ms')),
    maxInFlight,
    connectionSetupTimeoutMs: num(v.get('socket.connection.setup.timeout.ms')),
    idempotence,
    transactionalId,
    transactionTimeoutMs: num(v.get('transaction.timeout.ms')),
  };
}
