// Kafka-specific validators used by topic and broker config definitions (3.9):
// BrokerCompressionType names, CompressionType level validators, MetadataVersionValidator,
// ThrottledReplicaListValidator.

import { between, customValidator, invalidValue, javaTrim, javaValueToString, validString, type Validator } from './types';

/** BrokerCompressionType.names(), in enum order (the order of Kafka's message). */
export const BROKER_COMPRESSION_TYPES = ['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer'] as const;

export function compressionTypeValidator(): Validator {
  return validString(...BROKER_COMPRESSION_TYPES);
}

/** CompressionType.GZIP.levelValidator(): 1..9 or -1 (Deflater.DEFAULT_COMPRESSION). */
export function gzipLevelValidator(): Validator {
  return customValidator('gzipLevel', '[1,...,9] or -1', (name, value) => {
    if (value === null) throw invalidValue(name, 'null', 'Value must be non-null');
    const level = Number(value);
    if (level > 9 || (level < 1 && level !== -1)) throw invalidValue(name, String(value), 'Value must be between 1 and 9 or equal to -1');
  });
}

/** CompressionType.LZ4.levelValidator(). */
export function lz4LevelValidator(): Validator {
  return between(1, 17);
}

/** CompressionType.ZSTD.levelValidator(). */
export function zstdLevelValidator(): Validator {
  return between(-131072, 22);
}

/** MetadataVersion (3.9) enum, in order: [ibpVersion, release]. Production = up to 3.9-IV0. */
const METADATA_VERSIONS: readonly (readonly [string, string])[] = [
  ['0.8.0', '0.8.0'], ['0.8.1', '0.8.1'], ['0.8.2', '0.8.2'], ['0.9.0', '0.9.0'],
  ['0.10.0-IV0', '0.10.0'], ['0.10.0-IV1', '0.10.0'], ['0.10.1-IV0', '0.10.1'], ['0.10.1-IV1', '0.10.1'],
  ['0.10.1-IV2', '0.10.1'], ['0.10.2-IV0', '0.10.2'], ['0.11.0-IV0', '0.11.0'], ['0.11.0-IV1', '0.11.0'],
  ['0.11.0-IV2', '0.11.0'], ['1.0-IV0', '1.0'], ['1.1-IV0', '1.1'], ['2.0-IV0', '2.0'], ['2.0-IV1', '2.0'],
  ['2.1-IV0', '2.1'], ['2.1-IV1', '2.1'], ['2.1-IV2', '2.1'], ['2.2-IV0', '2.2'], ['2.2-IV1', '2.2'],
  ['2.3-IV0', '2.3'], ['2.3-IV1', '2.3'], ['2.4-IV0', '2.4'], ['2.4-IV1', '2.4'], ['2.5-IV0', '2.5'],
  ['2.6-IV0', '2.6'], ['2.7-IV0', '2.7'], ['2.7-IV1', '2.7'], ['2.7-IV2', '2.7'], ['2.8-IV0', '2.8'],
  ['2.8-IV1', '2.8'], ['3.0-IV0', '3.0'], ['3.0-IV1', '3.0'], ['3.1-IV0', '3.1'], ['3.2-IV0', '3.2'],
  ['3.3-IV0', '3.3'], ['3.3-IV1', '3.3'], ['3.3-IV2', '3.3'], ['3.3-IV3', '3.3'], ['3.4-IV0', '3.4'],
  ['3.5-IV0', '3.5'], ['3.5-IV1', '3.5'], ['3.5-IV2', '3.5'], ['3.6-IV0', '3.6'], ['3.6-IV1', '3.6'],
  ['3.6-IV2', '3.6'], ['3.7-IV0', '3.7'], ['3.7-IV1', '3.7'], ['3.7-IV2', '3.7'], ['3.7-IV3', '3.7'],
  ['3.7-IV4', '3.7'], ['3.8-IV0', '3.8'], ['3.9-IV0', '3.9'], ['4.0-IV0', '4.0'], ['4.0-IV1', '4.0'],
];
const LATEST_PRODUCTION = '3.9-IV0';

/** MetadataVersion.IBP_VERSIONS: every ibpVersion, plus each production release -> its latest version. */
const IBP_VERSIONS: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  const maxInRelease = new Map<string, string>();
  let production = true;
  for (const [ibp, release] of METADATA_VERSIONS) {
    if (production) maxInRelease.set(release, ibp);
    m.set(ibp, ibp);
    if (ibp === LATEST_PRODUCTION) production = false;
  }
  for (const [k, v] of maxInRelease) m.set(k, v);
  return m;
})();

/**
 * MetadataVersion.fromVersionString: the canonical version ("3.0" -> "3.0-IV1", "0.10.0.1" ->
 * "0.10.0-IV1"), or null where Kafka throws `Version <v> is not a valid version`.
 */
export function metadataVersionFromString(versionString: string): string | null {
  // Java String.split drops trailing empty strings.
  const segments = versionString.split('.');
  while (segments.length > 0 && segments[segments.length - 1] === '') segments.pop();
  const numSegments = versionString.startsWith('0.') ? 3 : 2;
  const key = numSegments >= segments.length ? versionString : segments.slice(0, numSegments).join('.');
  return IBP_VERSIONS.get(key) ?? null;
}

/** MetadataVersionValidator (message.format.version, log.message.format.version, inter.broker.protocol.version). */
export function metadataVersionValidator(): Validator {
  return customValidator('metadataVersion', `[${METADATA_VERSIONS.map((v) => v[0]).join(', ')}]`, (name, value) => {
    const s = String(value);
    if (metadataVersionFromString(s) === null) throw invalidValue(name, s, `Version ${s} is not a valid version`);
  });
}

/** ThrottledReplicaListValidator (leader/follower.replication.throttled.replicas). */
export function throttledReplicaListValidator(): Validator {
  return customValidator('throttledReplicaList', '[partitionId]:[brokerId],[partitionId]:[brokerId],...', (name, value, type) => {
    const list = (value ?? []) as readonly string[];
    const proposed = list.map((e) => javaTrim(e));
    if (!(proposed.every((s) => /^(?:[0-9]+:[0-9]+)?$/.test(s)) || proposed.join('') === '*')) {
      throw invalidValue(
        name,
        javaValueToString(value, type),
        `${name} must be the literal '*' or a list of replicas in the following format: [partitionId]:[brokerId],[partitionId]:[brokerId],...`,
      );
    }
  });
}
