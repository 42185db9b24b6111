// Kafka's ConnectionQuotas for one broker: max.connections (the acceptor stops taking
// connections at the bound and takes the next one when a connection closes; until then the
// connection waits unread, as it would in the kernel's accept backlog), and
// max.connections.per.ip with max.connections.per.ip.overrides (a connection over its address's
// bound is accepted, counted, logged and closed at once). Both are read at every accept, so
// kafka-configs --alter changes them on a running engine.
import * as dns from 'node:dns';
import * as net from 'node:net';
import type { Engine } from '../engine';
import { engineLog } from '../server-log';

/** IPv4 clients of a dual-stack socket show as ::ffff:a.b.c.d; Kafka counts them by their IPv4 address. */
export function clientAddress(sock: net.Socket): string {
  const a = sock.remoteAddress ?? '';
  return a.startsWith('::ffff:') && net.isIPv4(a.slice(7)) ? a.slice(7) : a;
}

export class ConnectionQuotas {
  private counts = new Map<string, number>();
  private total = 0;
  /** Accepted while the broker was at max.connections: admitted in order as slots free. */
  private waiting: net.Socket[] = [];
  private overridesSpec: string | undefined;
  private overrides = new Map<string, number>();

  constructor(private readonly engine: Engine, private readonly admit: (sock: net.Socket) => void) {}

  private int(name: string): number {
    return this.engine.configs.brokerInt(name);
  }

  /** A new socket from the listener: admitted now, made to wait for a slot, or refused. */
  offer(sock: net.Socket): void {
    if (this.total >= this.int('max.connections')) {
      // The accept backlog bounds what waits; beyond it the kernel would refuse the connection.
      if (this.waiting.length >= this.int('socket.listen.backlog.size')) {
        sock.destroy();
        return;
      }
      this.waiting.push(sock);
      sock.once('close', () => {
        const i = this.waiting.indexOf(sock);
        if (i >= 0) this.waiting.splice(i, 1);
      });
      sock.on('error', () => sock.destroy());
      return;
    }
    this.take(sock);
  }

  private take(sock: net.Socket): void {
    const ip = clientAddress(sock);
    const count = this.counts.get(ip) ?? 0;
    const max = this.maxFor(ip);
    if (count >= max) {
      engineLog('INFO', `Rejected connection from /${ip}, address already has the configured maximum of ${max} connections.`, 'kafka.network.Acceptor');
      sock.destroy();
      return;
    }
    this.counts.set(ip, count + 1);
    this.total++;
    this.admit(sock);
  }

  /** A connection closed: its slot goes to the next waiting socket still open. */
  release(sock: net.Socket): void {
    const ip = clientAddress(sock);
    const count = this.counts.get(ip) ?? 0;
    if (count <= 1) this.counts.delete(ip);
    else this.counts.set(ip, count - 1);
    this.total--;
    this.admitWaiting();
  }

  private admitWaiting(): void {
    while (this.waiting.length > 0 && this.total < this.int('max.connections')) {
      const next = this.waiting.shift()!;
      if (!next.destroyed) this.take(next);
    }
  }

  /** Close the sockets still waiting for a slot (shutdown). */
  closeWaiting(): void {
    for (const s of this.waiting.splice(0)) s.destroy();
  }

  private maxFor(ip: string): number {
    const spec = String(this.engine.configs.brokerValue('max.connections.per.ip.overrides') ?? '');
    if (spec !== this.overridesSpec) this.parseOverrides(spec);
    return this.overrides.get(ip) ?? this.int('max.connections.per.ip');
  }

  /** "host:count,host:count": hosts are addresses or names (resolved as Kafka's InetAddress.getByName). */
  private parseOverrides(spec: string): void {
    this.overridesSpec = spec;
    const overrides = new Map<string, number>();
    this.overrides = overrides;
    for (const entry of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
      const at = entry.lastIndexOf(':');
      if (at <= 0) continue;
      const host = entry.slice(0, at).trim().replace(/^\[(.*)\]$/, '$1');
      const max = Number(entry.slice(at + 1).trim());
      if (!Number.isInteger(max)) continue;
      if (net.isIP(host)) overrides.set(host, max);
      else if (host === 'localhost') { overrides.set('127.0.0.1', max); overrides.set('::1', max); }
      else {
        dns.lookup(host, { all: true }, (err, addrs) => {
          if (err || this.overrides !== overrides) return;
          for (const a of addrs) overrides.set(a.address, max);
        });
      }
    }
  }
}
