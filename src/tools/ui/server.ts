// The page's HTTP server, on 127.0.0.1 only: the built page (dist/ui: index.html, app.js,
// style.css) and /events, a Server-Sent Events stream of snapshots. Each stream names the topics
// its page shows (`?topics=a,b`, reopened when that changes); the poller fetches tails for the
// union of them and polls only while a stream is open.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Poller } from './poller';

const ASSETS: Record<string, string> = {
  '/': 'index.html', '/index.html': 'index.html', '/app.js': 'app.js', '/style.css': 'style.css',
};
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;

interface Stream {
  res: http.ServerResponse;
  topics: Set<string>;
  /** The last JSON sent, so an unchanged snapshot is not sent again. */
  last: string;
}

export class UiServer {
  private readonly server: http.Server;
  private readonly streams = new Set<Stream>();
  private poller!: Poller;
  /** HTTP requests served (the benchmark reads it). */
  requests = 0;

  constructor(private readonly assetDir: string) {
    this.server = http.createServer((req, res) => this.handle(req, res));
  }

  attach(poller: Poller): void {
    this.poller = poller;
  }

  /** The union of the topics the open pages show; null when no page is open. */
  shownTopics(): ReadonlySet<string> | null {
    if (this.streams.size === 0) return null;
    const out = new Set<string>();
    for (const s of this.streams) for (const t of s.topics) out.add(t);
    return out;
  }

  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve((this.server.address() as AddressInfo).port));
    });
  }

  /** Send the latest snapshot to every open page (what changed for it only). */
  broadcast(): void {
    for (const s of this.streams) this.send(s);
  }

  close(): Promise<void> {
    for (const s of this.streams) s.res.end();
    this.streams.clear();
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }

  private send(s: Stream): void {
    const json = JSON.stringify(this.poller.snapshot(s.topics));
    if (json === s.last) return;
    s.last = json;
    s.res.write(`data: ${json}\n\n`);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.requests++;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Only pages addressed to this machine: a web page elsewhere that rebinds its own DNS name to
    // 127.0.0.1 would send its own name as Host, and must not read the cluster through us.
    if (!LOOPBACK_HOST.test(req.headers.host ?? '')) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('kafka-local ui answers only to 127.0.0.1 or localhost\n');
      return;
    }
    if (req.method !== 'GET') {
      res.writeHead(405).end();
      return;
    }
    if (url.pathname === '/events') {
      const topics = new Set((url.searchParams.get('topics') ?? '').split(',').filter((t) => t !== ''));
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      const s: Stream = { res, topics, last: '' };
      this.streams.add(s);
      res.on('close', () => this.streams.delete(s));
      this.send(s);
      this.poller.wake();
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const asset = ASSETS[url.pathname];
    if (!asset) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    fs.readFile(path.join(this.assetDir, asset), (err, data) => {
      if (err) res.writeHead(500, { 'content-type': 'text/plain' }).end(`the page is not built (npm run build): ${err.message}\n`);
      else res.writeHead(200, { 'content-type': TYPES[path.extname(asset)], 'cache-control': 'no-store' }).end(data);
    });
  }
}
