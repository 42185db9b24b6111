// kafka-storage (Kafka 4.4's StorageTool): random-uuid, format, info, version-mapping.
// Texts, streams and exit statuses as Kafka's; the command line is argparse4j's (src/cli/argparse).
import { parseArgs } from '../cli/argparse';
import type { ToolIO } from '../cli/io';
import { randomUuid } from '../protocol/uuid';
import { STORAGE_COMMAND_LINE } from './storage/command-line';
import { isLatestRelease, LATEST_LEVEL, LATEST_RELEASE, VERSION_MAPPING } from './storage/features';
import { format } from './storage/format';
import { info } from './storage/info';
import { loadNodeConfig } from './storage/node-config';

export async function main(argv: string[], io: ToolIO): Promise<number> {
  const { command, values } = parseArgs(STORAGE_COMMAND_LINE, argv, io);
  const str = (k: string) => values.get(k) as string | undefined;
  const list = (k: string) => (values.get(k) as string[] | undefined) ?? [];
  switch (command) {
    case 'random-uuid':
      io.stdout(`${randomUuid()}\n`);
      return 0;
    case 'info':
      return info(loadNodeConfig(str('config')!, io), io);
    case 'format':
      return format(loadNodeConfig(str('config')!, io), {
        clusterId: str('cluster-id')!,
        ignoreFormatted: values.has('ignore-formatted'),
        standalone: values.has('standalone'),
        noInitialControllers: values.has('no-initial-controllers'),
        initialControllers: str('initial-controllers'),
        releaseVersion: str('release-version'),
        features: list('feature'),
        scram: list('add-scram'),
      }, io);
    case 'version-mapping': {
      const r = str('release-version');
      if (r !== undefined && !isLatestRelease(r)) {
        io.stderr(`kafka-local: only ${LATEST_RELEASE} (the newest metadata version) is known here\n`);
        return 1;
      }
      io.stdout([`metadata.version=${LATEST_LEVEL} (${LATEST_RELEASE})`, ...VERSION_MAPPING.map(([n, l]) => `${n}=${l}`)].join('\n') + '\n');
      return 0;
    }
    default:
      io.stderr('kafka-local: feature-dependencies is not supported here; version-mapping shows the feature levels of the newest metadata version\n');
      return 1;
  }
}
