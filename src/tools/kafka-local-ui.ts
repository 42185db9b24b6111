// kafka-local ui: a live view of the cluster in the browser, for learning Kafka. Our own command,
// not a Kafka tool: it parses, starts the poller (ui/poller.ts, through our client only) and the
// loopback HTTP server (ui/server.ts), prints where the page is, and runs until Ctrl-C / SIGTERM.
import * as path from 'node:path';
import type { ToolIO } from '../cli/io';
import { clusterClients, parseLocalCommand } from './local-command';
import { parseUiOptions, USAGE } from './ui/options';
import { Poller } from './ui/poller';
import { UiServer } from './ui/server';

const PREFIX = 'kafka-local ui: ';
/** Where `npm run build` puts the page. */
export const ASSET_DIR = path.join(__dirname, '..', 'ui');

export async function main(argv: string[], io: ToolIO): Promise<number> {
  const parsed = parseLocalCommand(argv, io, PREFIX, USAGE, parseUiOptions);
  if (typeof parsed === 'number') return parsed;
  const { opts, bootstrap } = parsed;
  const clients = clusterClients(bootstrap, 'kafka-local-ui', opts.timeoutMs);
  const { admin } = clients;
  const server = new UiServer(ASSET_DIR);
  const poller = new Poller(clients, opts, () => server.shownTopics(), () => server.broadcast());
  server.attach(poller);
  let port: number;
  try {
    port = await server.listen(opts.port);
  } catch (e) {
    admin.close();
    io.stderr(`${PREFIX}cannot serve on 127.0.0.1:${opts.port}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  io.stdout(`kafka-local ui: the cluster at ${opts.bootstrap}, live at http://127.0.0.1:${port}/ (Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  poller.stop();
  await server.close();
  admin.close();
  return 0;
}
