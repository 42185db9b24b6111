// kafka-storage info: the node's log directories, the meta.properties found in them, and Kafka's
// list of problems (exit 1 when there is any).
import * as fs from 'node:fs';
import type { ToolIO } from '../../cli/io';
import { readMetaProperties } from '../../config/meta-properties';
import type { NodeConfig } from './node-config';

export function info(config: NodeConfig, io: ToolIO): number {
  const found: string[] = [];
  const problems: string[] = [];
  let first: Map<string, string> | undefined;
  const clusterIds = new Set<string>();
  for (const dir of [...config.logDirs].sort()) {
    if (!fs.existsSync(dir)) {
      problems.push(`${dir} does not exist`);
      continue;
    }
    found.push(dir);
    const meta = readMetaProperties(dir);
    if (!meta) {
      problems.push(`${dir} is not formatted.`);
      continue;
    }
    first ??= meta;
    const id = meta.get('cluster.id');
    if (id !== undefined) clusterIds.add(id);
  }
  if (clusterIds.size > 1) problems.push('Mismatched cluster IDs between storage directories.');
  let out = '';
  if (found.length > 0) out += `Found log director${found.length === 1 ? 'y' : 'ies'}:\n${found.map((d) => `  ${d}\n`).join('')}\n`;
  if (first) out += `Found metadata: {${[...first].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join(', ')}}\n\n`;
  if (problems.length > 0) out += `Found problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  ${p}\n`).join('')}\n`;
  io.stdout(out);
  return problems.length > 0 ? 1 : 0;
}
