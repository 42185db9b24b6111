import { describe, expect, test } from 'vitest';
import { formatAddress, getHost, getPort, parseBootstrap, validateBootstrapServers } from '../../src/cli/bootstrap';
import { UsageError } from '../../src/cli/errors';

function usage(v: string | undefined): string {
  try {
    validateBootstrapServers(v);
    return '';
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
}

describe('validateBootstrapServers (ToolsUtils, Kafka 4.x)', () => {
  test('valid lists', () => {
    for (const v of ['localhost:9092', 'h1:9091,h2:9092', '[::1]:9092', '127.0.0.1:9092', 'PLAINTEXT://h:9092', 'h:1,', ':9092']) {
      expect(usage(v)).toBe('');
    }
  });

  test('invalid lists', () => {
    const msg = 'Please provide valid host:port like host1:9091,host2:9092\n';
    for (const v of ['localhost', 'h:1,nope', ',h:1', 'h:', 'h:x', ',']) expect(usage(v)).toBe(msg);
    expect(usage('')).toBe('Error while validating the bootstrap address\n');
    expect(usage('  ')).toBe('Error while validating the bootstrap address\n');
    expect(usage(undefined)).toBe('Error while validating the bootstrap address\n');
  });

  test('a port beyond int range fails like Integer.parseInt', () => {
    expect(() => getPort('h:99999999999')).toThrow('For input string: "99999999999"');
  });
});

describe('host/port parsing', () => {
  test('getHost/getPort', () => {
    expect(getHost('[::1]:9092')).toBe('::1');
    expect(getPort('[::1]:9092')).toBe(9092);
    expect(getHost('localhost:9092')).toBe('localhost');
    expect(getHost('fe80::1:9092')).toBe('fe80::1');
    expect(getHost('nope')).toBeNull();
    expect(getPort('nope')).toBeNull();
  });

  test('parseBootstrap', () => {
    expect(parseBootstrap('localhost:9092, 127.0.0.1:9093 ,[::1]:9094,')).toEqual([
      { host: 'localhost', port: 9092 },
      { host: '127.0.0.1', port: 9093 },
      { host: '::1', port: 9094 },
    ]);
    expect(() => parseBootstrap('localhost')).toThrow('Invalid url in bootstrap.servers: localhost');
    expect(() => parseBootstrap(' ')).toThrow('No resolvable bootstrap urls given in bootstrap.servers');
    expect(() => parseBootstrap('h:70000')).toThrow('port out of range:70000');
  });

  test('formatAddress', () => {
    expect(formatAddress('::1', 9092)).toBe('[::1]:9092');
    expect(formatAddress('localhost', 9092)).toBe('localhost:9092');
  });
});
