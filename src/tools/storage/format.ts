// kafka-storage format: write meta.properties (cluster.id, node.id, a new directory.id) into each
// log directory of the node, with Kafka's checks and texts. Kafka also writes a bootstrap
// checkpoint of the metadata log (its feature levels and, for a dynamic quorum, the voters); our
// engine keeps its metadata in its own store and reads no such file, so none is written.
import * as fs from 'node:fs';
import { JavaException } from '../../cli/errors';
import type { ToolIO } from '../../cli/io';
import { invalidClusterIdMessage, readMetaProperties, writeMetaProperties } from '../../config/meta-properties';
import { javaHashMapOrder } from '../../util/java-hash';
import { bootstrapMetadataLine, isLatestRelease, LATEST_RELEASE } from './features';
import type { NodeConfig } from './node-config';

export interface FormatOptions {
  clusterId: string;
  ignoreFormatted: boolean;
  standalone: boolean;
  noInitialControllers: boolean;
  initialControllers?: string;
  releaseVersion?: string;
  features: string[];
  scram: string[];
}

export function format(config: NodeConfig, opts: FormatOptions, io: ToolIO): number {
  const controller = config.roles.includes('controller');
  const voters = config.props.get('controller.quorum.voters')?.trim();
  const dynamic = opts.standalone || opts.initialControllers !== undefined;
  if (voters && dynamic) {
    io.stderr('You cannot specify controller.quorum.voters and format the node with --initial-controllers or --standalone. If you want to use dynamic quorum, please remove controller.quorum.voters and specify controller.quorum.bootstrap.servers instead.\n');
    return 1;
  }
  if (controller && !voters && !dynamic && !opts.noInitialControllers) {
    io.stderr('Because controller.quorum.voters is not set on this controller, you must specify one of the following: --standalone, --initial-controllers, or --no-initial-controllers.\n');
    return 1;
  }
  // What our engine cannot start with: refused before anything is written.
  if (opts.releaseVersion !== undefined && !isLatestRelease(opts.releaseVersion)) {
    io.stderr(`kafka-local: only --release-version ${LATEST_RELEASE} (the newest) is supported; the engine serves that version's features\n`);
    return 1;
  }
  if (opts.features.length > 0 || opts.scram.length > 0) {
    io.stderr(`kafka-local: ${opts.features.length > 0 ? '--feature' : '--add-scram'} is not supported by kafka-storage here; create SCRAM users with kafka-configs --alter --add-config once the broker runs\n`);
    return 1;
  }
  const formatted: string[] = [];
  for (const dir of config.logDirs) {
    const meta = readMetaProperties(dir);
    if (!meta) continue;
    const read = meta.get('cluster.id');
    if (read !== undefined && read !== opts.clusterId) throw new JavaException('java.lang.RuntimeException', invalidClusterIdMessage(dir, opts.clusterId, read));
    formatted.push(dir);
  }
  if (formatted.length > 0 && !opts.ignoreFormatted) {
    io.stderr(`Log directory ${formatted[0]} is already formatted. Use --ignore-formatted to ignore this directory and format the others.\n`);
    return 1;
  }
  const empty = config.logDirs.filter((d) => !formatted.includes(d));
  if (empty.length === 0) {
    io.stdout('All of the log directories are already formatted.\n');
    return 0;
  }
  io.stdout(`${bootstrapMetadataLine()}\n`);
  // Kafka formats the directories in the order of a java.util.HashMap keyed by path.
  for (const dir of javaHashMapOrder(empty)) {
    const kind = dir !== config.metadataLogDir ? 'data directory' : dynamic && controller ? 'dynamic metadata voter directory' : 'metadata directory';
    fs.mkdirSync(dir, { recursive: true });
    writeMetaProperties(dir, opts.clusterId, config.nodeId);
    io.stdout(`Formatting ${kind} ${dir} with metadata.version ${LATEST_RELEASE}.\n`);
  }
  return 0;
}
