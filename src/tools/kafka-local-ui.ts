// kafka-local ui: a live view of the cluster in the browser, for learning Kafka. Our own command,
// not a Kafka tool: it parses, starts the poller (ui/poller.ts, through our client only) and the
// loopback HTTP server (ui/server.ts), prints where the page is, and runs until Ctrl-C / SIGTERM.
import * as path from 'node:path';
import { parseBootstrap } from '../cli/bootstrap';
import type { ToolIO } from '../cli/io';
import { Admin } from '../client/admin';
import { GroupAdmin } from '../client/group-admin';
import { ReplicaAdmin } from '../client/replica-admin';
import { parseUiOptions, UiUsageError, USAGE, type UiOptions } from './ui/options';
import { Poller } from './ui/poller';
import { UiServer } from './ui/server';

const PREFIX = 'kafka-local ui: ';
/** Where `npm run build` puts the page. */
export const ASSET_DIR = path.join(__dirname, '..', 'ui');

export async function main(argv: string[], io: ToolIO): Promise<number> {
  let opts: UiOptions;
  let bootstrap;
  try {
    opts = parseUiOptions(argv);
    if (opts.help) {
      io.stdout(USAGE);
      return 0;
    }
    try {
      bootstrap = parseBootstrap(opts.bootstrap);
    } catch {
      throw new UiUsageError(`--bootstrap-server is not a list of host:port: '${opts.bootstrap}'`);
    }
  } catch (e) {
    if (!(e instanceof UiUsageError)) throw e;
    io.stderr(`${PREFIX}${e.message}\n\n${USAGE}`);
    return 1;
  }
  const admin = new Admin({ bootstrap, clientId: 'kafka-local-ui', defaultApiTimeoutMs: opts.timeoutMs, requestTimeoutMs: opts.timeoutMs });
  const clients = { admin, groups: new GroupAdmin(admin.cluster), replicas: new ReplicaAdmin(admin, opts.timeoutMs) };
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
