// The feature levels a new cluster starts with, as Kafka 4.4's kafka-storage prints them (the
// newest metadata version, 4.4-IV2 = level 33). Only this version is offered: our engine serves
// one set of features.
export const LATEST_RELEASE = '4.4-IV2';
export const LATEST_LEVEL = 33;

/** Feature levels of LATEST_RELEASE, in the order Kafka writes the bootstrap records. */
export const BOOTSTRAP_FEATURES: readonly [string, number][] = [
  ['metadata.version', LATEST_LEVEL],
  ['eligible.leader.replicas.version', 1],
  ['group.version', 1],
  ['share.version', 2],
  ['streams.version', 1],
  ['transaction.version', 2],
];

/** Feature levels in the order version-mapping prints them. */
export const VERSION_MAPPING: readonly [string, number][] = [
  ['kraft.version', 1],
  ['transaction.version', 2],
  ['group.version', 1],
  ['eligible.leader.replicas.version', 1],
  ['share.version', 2],
  ['streams.version', 1],
];

export function bootstrapMetadataLine(): string {
  const records = BOOTSTRAP_FEATURES.map(([name, level]) => `ApiMessageAndVersion(FeatureLevelRecord(name='${name}', featureLevel=${level}) at version 0)`);
  return `Bootstrap metadata: BootstrapMetadata(records=[${records.join(', ')}], metadataVersionLevel=${LATEST_LEVEL}, source=format command)`;
}

/** Whether a --release-version names the newest version (Kafka accepts `4.4` for `4.4-IV2`). */
export function isLatestRelease(v: string): boolean {
  return v === LATEST_RELEASE || v === '4.4';
}
