// The server properties kafka-storage reads (-c): the user's file, or our built-in defaults for the
// tutorials' config/server.properties that nobody here has (as kafka-server-start does), and what
// formatting needs from them: roles, quorum settings and log directories as the engine uses them.
import * as fs from 'node:fs';
import type { ToolIO } from '../../cli/io';
import { JavaException } from '../../cli/errors';
import { loadPropertiesFile } from '../../cli/properties';
import { buildStaticConfig, TUTORIAL_CONFIG_FILE } from '../../config/server-properties';
import { defaultDataDir } from '../../engine/settings';

export interface NodeConfig {
  props: Map<string, string>;
  nodeId: number;
  roles: string[];
  /** The log directories, the first holding the metadata (or metadata.log.dir when set). */
  logDirs: string[];
  metadataLogDir: string;
}

export function loadNodeConfig(file: string, io: ToolIO): NodeConfig {
  let fileProps: Map<string, string> | null = null;
  if (fs.existsSync(file) || !TUTORIAL_CONFIG_FILE.test(file)) fileProps = loadPropertiesFile(file);
  else io.stderr(`kafka-local: ${file} not found; using the built-in single-node defaults (Kafka's stock server.properties).\n`);
  const props = buildStaticConfig({ file: fileProps });
  const roles = props.get('process.roles');
  if (roles === undefined) {
    throw new JavaException('org.apache.kafka.common.config.ConfigException', 'Missing required configuration "process.roles" which has no default value.');
  }
  const dirs = (props.get('log.dirs') ?? props.get('log.dir') ?? defaultDataDir()).split(',').map((s) => s.trim()).filter(Boolean);
  const metadataLogDir = props.get('metadata.log.dir')?.trim() || dirs[0];
  const logDirs = dirs.includes(metadataLogDir) ? dirs : [...dirs, metadataLogDir];
  return {
    props,
    nodeId: Number(props.get('node.id') ?? props.get('broker.id') ?? '1'),
    roles: roles.split(',').map((s) => s.trim()).filter(Boolean),
    logDirs,
    metadataLogDir,
  };
}
