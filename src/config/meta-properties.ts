// A log directory's meta.properties, as Kafka's `kafka-storage format` writes it and its broker
// reads it at start: which cluster (cluster.id) and node (node.id) the directory belongs to, and
// the directory's own id. kafka-storage writes it; the engine honours it (and writes one, with its
// own cluster id, into a directory it starts on unformatted, so that `kafka-storage info` and a
// later `format` see what the directory holds).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseProperties } from '../cli/properties';
import { randomUuid } from '../protocol/uuid';

export const META_PROPERTIES = 'meta.properties';

export interface MetaProperties {
  clusterId: string;
  nodeId: number;
  directoryId: string;
}

export function metaPropertiesFile(dir: string): string {
  return path.join(dir, META_PROPERTIES);
}

/** The key/values of a directory's meta.properties; null when it has none. */
export function readMetaProperties(dir: string): Map<string, string> | null {
  let text: string;
  try {
    text = fs.readFileSync(metaPropertiesFile(dir), 'latin1');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  return parseProperties(text);
}

/** java.util.Date.toString() in UTC, the comment java.util.Properties.store writes. */
function javaDateString(d: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** Write meta.properties (version 1, Kafka's key order) into `dir`, creating it; returns what was written. */
export function writeMetaProperties(dir: string, clusterId: string, nodeId: number, directoryId = randomUuid()): MetaProperties {
  fs.mkdirSync(dir, { recursive: true });
  const text = `#\n#${javaDateString(new Date())}\nnode.id=${nodeId}\ndirectory.id=${directoryId}\nversion=1\ncluster.id=${clusterId}\n`;
  const tmp = `${metaPropertiesFile(dir)}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, metaPropertiesFile(dir));
  return { clusterId, nodeId, directoryId };
}

/** Kafka's broker refusal of a directory formatted for another cluster (MetaPropertiesEnsemble.verify). */
export function invalidClusterIdMessage(dir: string, expected: string, read: string): string {
  return `Invalid cluster.id in: ${metaPropertiesFile(dir)}. Expected ${expected}, but read ${read}`;
}
