// Connect's REST API, its read-only part, with Connect's JSON shapes: GET / (version, commit,
// cluster id), /connectors (?expand=status|info), /connectors/<name>, /<name>/config,
// /<name>/status, /<name>/tasks, /connector-plugins. Other methods answer 405: connectors are
// managed through the files given on the command line here.
import * as http from 'node:http';
import { KAFKA_VERSION } from '../../cli/version';
import type { ConnectLog } from './log';
import type { RestListener } from './worker-config';
import { FILE_SINK_CLASS, FILE_SOURCE_CLASS, type Connector, type Worker } from './worker';

/** The commit id Kafka 4.4.0's Connect reports at GET /. */
export const KAFKA_COMMIT_ID = '1156b2752aaa28ea';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Jetty's request log time: `07/Dec/2026:10:30:22 +0000`. */
function requestLogTime(d: Date): string {
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

export class RestServer {
  private readonly servers: http.Server[] = [];
  /** `host:port` of the first listener as advertised (the worker id in statuses). */
  workerId = '';
  advertisedUrl = '';

  constructor(private readonly worker: Worker, private readonly clusterId: () => string, private readonly log: ConnectLog) {}

  async start(listeners: RestListener[], advertisedHost: string): Promise<void> {
    for (const l of listeners) {
      const server = http.createServer((req, res) => this.handle(req, res));
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(l.port, l.host || undefined, () => resolve());
      });
      this.servers.push(server);
      const port = (server.address() as { port: number }).port;
      if (this.workerId === '') {
        const host = l.host || advertisedHost;
        this.workerId = `${host}:${port}`;
        this.advertisedUrl = `http://${host}:${port}/`;
      }
    }
  }

  private status(name: string, c: Connector): unknown {
    const task: Record<string, unknown> = { id: 0, state: c.task.status.state, worker_id: this.workerId, version: KAFKA_VERSION };
    if (c.task.status.trace) task.trace = c.task.status.trace;
    return {
      name,
      connector: { state: c.state, worker_id: this.workerId, version: KAFKA_VERSION },
      tasks: [task],
      type: c.config.type,
    };
  }

  private info(name: string, c: Connector): unknown {
    return { name, config: Object.fromEntries(c.config.props), tasks: [{ connector: name, task: 0 }], type: c.config.type };
  }

  private route(method: string, url: URL): [number, unknown] {
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const notFound: [number, unknown] = [404, { error_code: 404, message: 'HTTP 404 Not Found' }];
    const known = parts.length === 0 || parts[0] === 'connectors' || (parts[0] === 'connector-plugins' && parts.length === 1);
    if (!known) return notFound;
    if (method !== 'GET') return [405, { error_code: 405, message: 'HTTP 405 Method Not Allowed' }];
    const connectors = this.worker.connectors;
    if (parts.length === 0) return [200, { version: KAFKA_VERSION, commit: KAFKA_COMMIT_ID, kafka_cluster_id: this.clusterId() }];
    if (parts[0] === 'connector-plugins') {
      return [200, [
        { class: FILE_SINK_CLASS, type: 'sink', version: KAFKA_VERSION },
        { class: FILE_SOURCE_CLASS, type: 'source', version: KAFKA_VERSION },
      ]];
    }
    if (parts.length === 1) {
      const expand = url.searchParams.getAll('expand');
      if (expand.length === 0) return [200, [...connectors.keys()]];
      const out: Record<string, Record<string, unknown>> = {};
      for (const [name, c] of connectors) {
        out[name] = {};
        if (expand.includes('status')) out[name].status = this.status(name, c);
        if (expand.includes('info')) out[name].info = this.info(name, c);
      }
      return [200, out];
    }
    const name = parts[1];
    const c = connectors.get(name);
    const sub = parts.slice(2).join('/');
    if (sub === 'status') return c ? [200, this.status(name, c)] : [404, { error_code: 404, message: `No status found for connector ${name}` }];
    if (!['', 'config', 'tasks'].includes(sub)) return notFound;
    if (!c) return [404, { error_code: 404, message: `Connector ${name} not found` }];
    if (sub === 'config') return [200, Object.fromEntries(c.config.props)];
    if (sub === 'tasks') {
      return [200, [{ id: { connector: name, task: 0 }, config: { ...Object.fromEntries(c.config.props), 'task.class': this.worker.taskClass(c) } }]];
    }
    return [200, this.info(name, c)];
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const started = Date.now();
    let code: number;
    let body: unknown;
    try {
      [code, body] = this.route(req.method ?? 'GET', new URL(req.url ?? '/', 'http://localhost'));
    } catch (e) {
      [code, body] = [500, { error_code: 500, message: (e as Error).message }];
    }
    const text = JSON.stringify(body);
    res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(req.method === 'HEAD' ? undefined : text);
    const ua = req.headers['user-agent'] ?? '';
    const referer = req.headers.referer ?? '';
    this.log('INFO', `${req.socket.remoteAddress?.replace(/^::ffff:/, '')} - - [${requestLogTime(new Date(started))}] "${req.method} ${req.url} HTTP/${req.httpVersion}" ` +
      `${code} ${Buffer.byteLength(text)} "${referer}" "${ua}" ${Date.now() - started}`, 'org.apache.kafka.connect.runtime.rest.RestServer:57');
  }

  async stop(): Promise<void> {
    await Promise.all(this.servers.map((s) => new Promise<void>((r) => { s.closeAllConnections?.(); s.close(() => r()); })));
  }
}
