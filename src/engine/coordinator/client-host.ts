// What the group handlers need from a request's context: the client id and the client host as
// Kafka reports it (InetAddress.toString(): "/127.0.0.1").
import type { RequestContext } from '../api/handlers';

export function clientHostOf(ctx: RequestContext): string {
  const remote = ctx.connection.remote;
  let host = remote.slice(0, remote.lastIndexOf(':'));
  if (host.startsWith('::ffff:')) host = host.slice(7);
  if (host === '::1') host = '0:0:0:0:0:0:0:1';
  return `/${host}`;
}
