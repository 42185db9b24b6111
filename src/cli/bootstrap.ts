// Bootstrap address lists (`host1:9092,host2:9092`).
//
// validateBootstrapServers mirrors Kafka 4.x ToolsUtils.validateBootstrapServer (console producer,
// get-offsets): each comma-separated element must match Utils' HOST_PORT_PATTERN
// `.*?\[?([0-9a-zA-Z\-%._:]*)\]?:([0-9]+)` (whole string). Java's split(",") drops trailing empty
// elements, so `h:1,` passes; `,h:1` does not. Failures are usage errors whose message includes
// Kafka's trailing newline.
//
// parseBootstrap mirrors the client's bootstrap.servers handling (ConfigDef LIST + ClientUtils):
// elements split on commas with surrounding whitespace, empty ones skipped, `[v6]:port` unwrapped.

import { JavaException, UsageError } from './errors';
import { clusterBrokerAddresses } from '../engine/metadata/cluster-location';

export const INVALID_HOST_PORT_MESSAGE = 'Please provide valid host:port like host1:9091,host2:9092\n';
export const INVALID_BOOTSTRAP_MESSAGE = 'Error while validating the bootstrap address\n';

const HOST_PORT_PATTERN = /^.*?\[?([0-9a-zA-Z\-%._:]*)\]?:([0-9]+)$/;

/** Kafka's Utils.getHost: the host part (without IPv6 brackets), or null. */
export function getHost(address: string): string | null {
  const m = HOST_PORT_PATTERN.exec(address);
  return m ? m[1] : null;
}

/**
 * Kafka's Utils.getPort: the port, or null when the address does not match. A port that does not
 * fit in a Java int throws like Integer.parseInt (`java.lang.NumberFormatException`).
 */
export function getPort(address: string): number | null {
  const m = HOST_PORT_PATTERN.exec(address);
  if (!m) return null;
  const digits = m[2];
  if (digits.length > 10 || Number(digits) > 2147483647) {
    throw new JavaException('java.lang.NumberFormatException', `For input string: "${digits}"`);
  }
  return Number(digits);
}

/** Java String.split(regex) with limit 0: trailing empty strings removed. */
function javaSplit(s: string, sep: string): string[] {
  const parts = s.split(sep);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/**
 * ToolsUtils.validateBootstrapServer (Kafka 4.x): throws UsageError with
 * `Error while validating the bootstrap address\n` for a missing/blank value and
 * `Please provide valid host:port like host1:9091,host2:9092\n` for any invalid element.
 */
export function validateBootstrapServers(list: string | undefined | null): void {
  if (list === undefined || list === null || list.trim() === '') throw new UsageError(INVALID_BOOTSTRAP_MESSAGE);
  const hostPorts = list.includes(',') ? javaSplit(list, ',') : [list];
  const valid = hostPorts.filter((hp) => getPort(hp) !== null);
  if (valid.length === 0 || valid.length !== hostPorts.length) throw new UsageError(INVALID_HOST_PORT_MESSAGE);
}

export interface HostPort {
  /** Host name or address, IPv6 without brackets (`::1`). */
  host: string;
  port: number;
}

/**
 * The addresses of a bootstrap.servers value. Throws a ConfigException-shaped JavaException:
 * `Invalid url in bootstrap.servers: <url>` for an element without host:port, and
 * `No resolvable bootstrap urls given in bootstrap.servers` when the list is empty.
 */
export function parseBootstrap(list: string): HostPort[] {
  const trimmed = list.trim();
  const urls = trimmed === '' ? [] : trimmed.split(/\s*,\s*/);
  const out: HostPort[] = [];
  for (const url of urls) {
    if (url === '') continue;
    const host = getHost(url);
    let port: number | null;
    try {
      port = getPort(url);
    } catch {
      port = null;
    }
    if (host === null || port === null || host === '') {
      throw new JavaException('org.apache.kafka.common.config.ConfigException', `Invalid url in bootstrap.servers: ${url}`);
    }
    if (port > 65535) {
      throw new JavaException('java.lang.IllegalArgumentException', `port out of range:${port}`);
    }
    out.push({ host, port });
  }
  if (out.length === 0) {
    throw new JavaException(
      'org.apache.kafka.common.config.ConfigException',
      'No resolvable bootstrap urls given in bootstrap.servers',
    );
  }
  return out;
}

/** `host:port`, with brackets around an IPv6 host (Kafka's Utils.formatAddress). */
export function formatAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * Broker addresses for a ZooKeeper connect string: the brokers of the local cluster that names
 * this address (zookeeper.connect), else the same hosts with port 2181 (or none) meaning 9092.
 */
export function brokersForZookeeper(connect: string): HostPort[] {
  const cluster = clusterBrokerAddresses(connect);
  if (cluster) return cluster;
  const slash = connect.indexOf('/');
  const hosts = (slash >= 0 ? connect.slice(0, slash) : connect).split(',').map((s) => s.trim()).filter((s) => s !== '');
  const out: HostPort[] = [];
  for (const h of hosts) {
    const m = /^(.*?)(?::(\d+))?$/.exec(h)!;
    let host = m[1];
    if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
    const zkPort = m[2] === undefined ? 2181 : Number(m[2]);
    out.push({ host: host || 'localhost', port: zkPort === 2181 ? 9092 : zkPort });
  }
  return out;
}
