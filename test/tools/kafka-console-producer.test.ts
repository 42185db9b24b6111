// kafka-console-producer transcripts: piped stdin, exact stdout/stderr (timestamps masked), exit
// codes, and what the engine stored, read back with kcat (and the engine's database for batch
// attributes).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startInProcessEngine, runTool, tempDir, mask, waitFor, TestEngine, ROOT, BIN } from '../helpers/engine';

const { partitionForKey } = require(path.join(ROOT, 'dist/protocol/murmur2'));

let engine: TestEngine;
beforeAll(async () => { engine = await startInProcessEngine(); });
afterAll(async () => { await engine.stop(); });

const LOGGER_CB = '(org.apache.kafka.clients.producer.internals.ErrorLoggingCallback)';

function produce(args: string[], input: string | Buffer, env?: Record<string, string>) {
  return runTool('kafka-console-producer', ['--bootstrap-server', engine.bootstrap, ...args], { input, env });
}

function topics(args: string[]) {
  return runTool('kafka-topics', ['--bootstrap-server', engine.bootstrap, ...args]);
}

/**
 * Every record of a topic, via kcat, one formatted line each (partition order, then offset).
 * Asynchronous: the engine runs in this process.
 */
function consume(topic: string, format = '%p %o %k=%s\\n'): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn('kcat', ['-b', engine.bootstrap, '-C', '-t', topic, '-e', '-q', '-o', 'beginning', '-f', format], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.setEncoding('utf8');
    p.stderr.setEncoding('utf8');
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => { p.kill('SIGKILL'); reject(new Error(`kcat timed out: ${err}`)); }, 30000);
    p.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`kcat failed: ${err}`));
      else resolve(out);
    });
  });
}

function sortedLines(s: string): string[] {
  return s.split('\n').filter((l) => l !== '').sort();
}

/** The codec bits of every stored batch of a topic, from the engine's database. */
function storedCodecs(topic: string): number[] {
  const Database = require('better-sqlite3');
  const db = new Database(path.join(engine.dir, 'kafka-local.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT b.bytes FROM batches b JOIN topics t ON t.tk = b.tk WHERE t.name = ? ORDER BY b.partition, b.base_offset').pluck().all(topic) as Buffer[];
    return rows.map((b) => b.readInt16BE(21) & 7);
  } finally {
    db.close();
  }
}

const metadataWarn = (topic: string) =>
  `[<ts>] WARN [Producer clientId=console-producer] The metadata response from the cluster reported a recoverable issue with correlation id 2 : {${topic}=UNKNOWN_TOPIC_OR_PARTITION} (org.apache.kafka.clients.NetworkClient)\n`;

describe('plain lines', () => {
  it('each line is a record; an auto-created topic logs Kafka\'s metadata WARN once; exit 0', async () => {
    const input = 'first\n\nthird line é ✓\n  spaces  \nlast without newline';
    const r = await produce(['--topic', 'plain'], input);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(mask(r.stderr)).toBe(metadataWarn('plain'));
    expect(await consume('plain', '%o [%s]\\n')).toBe('0 [first]\n1 []\n2 [third line é ✓]\n3 [  spaces  ]\n4 [last without newline]\n');
    expect(await (await consume('plain', '%K %S\\n')).split('\n')[0]).toBe('-1 5'); // null key
  });

  it('an existing topic: nothing on stdout or stderr', async () => {
    expect((await topics(['--create', '--topic', 'existing'])).code).toBe(0);
    const r = await produce(['--topic', 'existing'], 'a\r\nb\rc\n');
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await consume('existing', '%s|')).toBe('a|b|c|');
  });

  it('empty input sends nothing and exits 0 at once', async () => {
    const r = await produce(['--topic', 'never-created'], '');
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    const list = await topics(['--list']);
    expect(list.stdout).not.toContain('never-created');
  });

  it('100k lines with null keys are spread over the partitions by the sticky partitioner, all stored in order per partition', async () => {
    expect((await topics(['--create', '--topic', 'many', '--partitions', '3'])).code).toBe(0);
    const lines: string[] = [];
    for (let i = 0; i < 100000; i++) lines.push(`m${i}`);
    const r = await produce(['--topic', 'many'], lines.join('\n') + '\n');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = (await consume('many', '%p %s\\n')).split('\n').filter(Boolean);
    expect(out.length).toBe(100000);
    const perPartition = new Map<string, number[]>();
    for (const l of out) {
      const [p, v] = l.split(' ');
      if (!perPartition.has(p)) perPartition.set(p, []);
      perPartition.get(p)!.push(Number(v.slice(1)));
    }
    expect(perPartition.size).toBe(3);
    for (const seq of perPartition.values()) {
      for (let i = 1; i < seq.length; i++) expect(seq[i]).toBeGreaterThan(seq[i - 1]);
    }
  });
});

describe('reader properties', () => {
  it('parse.key: keys land on the partitions Java\'s murmur2 gives', async () => {
    expect((await topics(['--create', '--topic', 'keyed', '--partitions', '5'])).code).toBe(0);
    const keys = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'é', '', 'key-with-dashes', 'x'.repeat(300)];
    const input = keys.map((k, i) => `${k}\tvalue ${i}`).join('\n') + '\n';
    const r = await produce(['--topic', 'keyed', '--reader-property', 'parse.key=true'], input);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    const got = sortedLines(await consume('keyed', '%p|%k|%s\\n'));
    const want = sortedLines(keys.map((k, i) => `${partitionForKey(Buffer.from(k, 'utf8'), 5)}|${k}|value ${i}`).join('\n'));
    expect(got).toEqual(want);
  });

  it('key.separator, parse.headers, headers.separator, headers.key.separator, null.marker', async () => {
    const props = ['--reader-property', 'parse.key=true', '--reader-property', 'key.separator=::', '--reader-property', 'parse.headers=true',
      '--reader-property', 'headers.delimiter=|', '--reader-property', 'headers.separator=;', '--reader-property', 'headers.key.separator==',
      '--reader-property', 'null.marker=<nil>'];
    const input = 'h1=v1;h2=v2|k1::v1\nh=<nil>|<nil>::<nil>\n<nil>|k3::a::b\n';
    const r = await produce(['--topic', 'headers', ...props], input);
    expect(r.code).toBe(0);
    expect(await consume('headers', '%o hdr=[%h] key=%K:[%k] value=%S:[%s]\\n')).toBe(
      'hdr=[h1=v1,h2=v2] key=2:[k1] value=2:[v1]\n'.replace(/^/, '0 ') +
      '1 hdr=[h=NULL] key=-1:[] value=-1:[]\n' + // kcat shows a null header value as NULL
      '2 hdr=[] key=2:[k3] value=4:[a::b]\n',
    );
  });

  it('a line without key separator: Kafka\'s exception, the lines before it are stored, exit 1', async () => {
    const r = await produce(['--topic', 'abort', '--reader-property', 'parse.key=true'], 'a\t1\nb\t2\nno separator\nc\t3\n');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(mask(r.stderr)).toBe(metadataWarn('abort') + "org.apache.kafka.common.KafkaException: No key separator found on line number 3: 'no separator'\n");
    expect(await consume('abort', '%k=%s\\n')).toBe('a=1\nb=2\n');
  });

  it('ignore.error=true keeps going: null key, whole line as value', async () => {
    const r = await produce(['--topic', 'ignore', '--reader-property', 'parse.key=true', '--reader-property', 'ignore.error=true'], 'a\t1\nplain\n');
    expect(r.code).toBe(0);
    expect(await consume('ignore', '%K|%k|%s\\n')).toBe('1|a|1\n-1||plain\n');
  });

  it('configure checks fail before anything is sent', async () => {
    const r = await produce(['--topic', 'cfg', '--reader-property', 'null.marker=\t'], 'x\n');
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'org.apache.kafka.common.KafkaException: null.marker and key.separator may not be equal\n' });
    const r2 = await produce(['--topic', 'cfg', '--reader-property', 'headers.delimiter=,'], 'x\n');
    expect(r2.stderr).toBe('org.apache.kafka.common.KafkaException: headers.delimiter and headers.separator may not be equal\n');
  });

  it('--reader-config file, with --property winning over it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'reader.properties');
    fs.writeFileSync(file, 'parse.key=true\nkey.separator=,\n');
    const r = await produce(['--topic', 'readercfg', '--reader-config', file, '--reader-property', 'key.separator=;'], 'k;v,w\n');
    expect(r.code).toBe(0);
    expect(await consume('readercfg', '%k|%s\\n')).toBe('k|v,w\n');
  });
});

describe('producer settings', () => {
  it('acks 0, 1 and all all store the records', async () => {
    for (const acks of ['0', '1', 'all', '-1']) {
      const r = await produce(['--topic', 'acks', '--request-required-acks', acks], `a${acks}\nb${acks}\n`);
      expect(r.code).toBe(0);
    }
    expect(await consume('acks', '%s ')).toBe('a0 b0 a1 b1 aall ball a-1 b-1 ');
  });

  it('--compression-codec without a value means gzip; none is the default', async () => {
    const r = await produce(['--topic', 'gz', '--compression-codec'], 'g1\ng2\n');
    expect(r.code).toBe(0);
    const r2 = await produce(['--topic', 'gz', '--compression-codec', 'none'], 'n1\n');
    expect(r2.code).toBe(0);
    const r3 = await produce(['--topic', 'gz', '--command-property', 'compression.type=gzip'], 'p1\n');
    expect(r3.code).toBe(0);
    expect(await consume('gz', '%s ')).toBe('g1 g2 n1 p1 ');
    // --compression-codec is always set, so it wins over compression.type from --producer-property.
    expect(storedCodecs('gz')).toEqual([1, 0, 0]);
  });

  it('zstd is produced as zstd batches (level from compression.zstd.level) that kcat reads back', async () => {
    const lines = Array.from({ length: 200 }, (_, i) => `zstd line ${i} ${'x'.repeat(i % 30)}`);
    const r = await produce(['--topic', 'zs', '--compression-codec', 'zstd', '--command-property', 'compression.zstd.level=19'], lines.join('\n') + '\n');
    expect({ code: r.code, stderr: mask(r.stderr) }).toEqual({ code: 0, stderr: metadataWarn('zs') });
    expect(new Set(storedCodecs('zs'))).toEqual(new Set([4]));
    expect(await consume('zs', '%s\n')).toBe(lines.join('\n') + '\n');
  });

  it('snappy and lz4 batches (xerial snappy, LZ4 frame) read back; an unknown codec is refused at start', async () => {
    const input = Array.from({ length: 200 }, (_, i) => `line ${i} ${'abc'.repeat(i % 7)}`).join('\n') + '\n';
    for (const codec of ['snappy', 'lz4']) {
      expect((await topics(['--create', '--topic', `codec-${codec}`])).code).toBe(0);
      const r = await produce(['--topic', `codec-${codec}`, '--compression-codec', codec], input);
      expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
      expect(await consume(`codec-${codec}`, '%s\\n')).toBe(input);
      expect(storedCodecs(`codec-${codec}`)).toEqual([codec === 'snappy' ? 2 : 3]);
    }
    const bad = await produce(['--topic', 'nocodec', '--compression-codec', 'brotli'], 'x\n');
    expect(bad.stderr).toBe('org.apache.kafka.common.config.ConfigException: Invalid value brotli for configuration compression.type: String must be one of: none, gzip, snappy, lz4, zstd\n');
  });

  it('partitioner.class=RoundRobinPartitioner spreads records as Kafka 3.9 does (the partitioner is asked twice when a record opens a batch)', async () => {
    expect((await topics(['--create', '--topic', 'rr', '--partitions', '3'])).code).toBe(0);
    const lines = Array.from({ length: 9 }, (_, i) => `r${i + 1}`);
    const r = await produce(['--topic', 'rr', '--command-property', 'partitioner.class=org.apache.kafka.clients.producer.RoundRobinPartitioner'], lines.join('\n') + '\n');
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    // Counter 0 -> p0 has no batch: asked again, 1 -> p1 (new batch). r2: 2 -> p2 no batch, 3 -> p0.
    // r3: 4 -> p1 (open batch). r4: 5 -> p2 no batch, 6 -> p0 ... so p2 gets nothing (KAFKA-9965).
    expect(sortedLines(await consume('rr', '%p %s\n'))).toEqual(sortedLines(
      '1 r1\n0 r2\n1 r3\n0 r4\n1 r5\n0 r6\n1 r7\n0 r8\n1 r9\n'));
    const bad = await produce(['--topic', 'rr', '--command-property', 'partitioner.class=com.example.Nope'], 'x\n');
    expect({ code: bad.code, stderr: bad.stderr }).toEqual({ code: 1,
      stderr: 'org.apache.kafka.common.config.ConfigException: Invalid value com.example.Nope for configuration partitioner.class: Class com.example.Nope could not be found.\n' });
  });

  it('invalid producer properties: ConfigException as Kafka words it, exit 1', async () => {
    const cases: [string[], string][] = [
      [['--command-property', 'acks=2'], 'org.apache.kafka.common.config.ConfigException: Invalid value 2 for configuration acks: String must be one of: all, -1, 0, 1\n'],
      [['--request-required-acks', 'some'], 'org.apache.kafka.common.config.ConfigException: Invalid value some for configuration acks: String must be one of: all, -1, 0, 1\n'],
      [['--command-property', 'batch.size=big'], 'org.apache.kafka.common.config.ConfigException: Invalid value big for configuration batch.size: Not a number of type INT\n'],
      [['--command-property', 'linger.ms=-1', '--timeout', '-1'], 'org.apache.kafka.common.config.ConfigException: Invalid value -1 for configuration linger.ms: Value must be at least 0\n'],
      [['--command-property', 'enable.idempotence=true', '--request-required-acks', '1'], 'org.apache.kafka.common.config.ConfigException: Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.\n'],
      [['--command-property', 'delivery.timeout.ms=100'], 'org.apache.kafka.common.KafkaException: Failed to construct kafka producer\nCaused by: org.apache.kafka.common.config.ConfigException: delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms\n'],
    ];
    for (const [args, stderr] of cases) {
      const r = await produce(['--topic', 'badprops', ...args], 'x\n');
      expect({ args, code: r.code, stderr: r.stderr }).toEqual({ args, code: 1, stderr });
    }
  });

  it('--producer.config file, with --producer-property winning over it, and CLI options only when given', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'producer.properties');
    // max.block.ms from the file is used because --max-block-ms was not given.
    fs.writeFileSync(file, 'max.block.ms=700\nmax.request.size=100\n');
    const r = await runTool('kafka-console-producer', ['--bootstrap-server', '127.0.0.1:1', '--topic', 'x', '--command-config', file,
      '--command-property', 'max.request.size=200000'], { input: 'y\n' });
    expect(r.code).toBe(0);
    expect(mask(r.stderr).split('\n').filter((l) => l.includes('ERROR') || l.startsWith('org.'))).toEqual([
      `[<ts>] ERROR Error when sending message to topic x with key: null, value: 1 bytes with error: ${LOGGER_CB}`,
      'org.apache.kafka.common.errors.TimeoutException: Topic x not present in metadata after 700 ms.',
    ]);
    // An explicit option wins over the file.
    const r2 = await runTool('kafka-console-producer', ['--bootstrap-server', '127.0.0.1:1', '--topic', 'x', '--command-config', file,
      '--max-block-ms', '300'], { input: 'y\n' });
    expect(r2.stderr).toContain('org.apache.kafka.common.errors.TimeoutException: Topic x not present in metadata after 300 ms.\n');
  });

  it('a record over max.request.size fails client-side with Kafka\'s text; the others are stored', async () => {
    const big = 'x'.repeat(1048600);
    const r = await produce(['--topic', 'toolarge'], `before\n${big}\nafter\n`);
    expect(r.code).toBe(0);
    expect(mask(r.stderr)).toBe(metadataWarn('toolarge') +
      `[<ts>] ERROR Error when sending message to topic toolarge with key: null, value: 1048600 bytes with error: ${LOGGER_CB}\n` +
      'org.apache.kafka.common.errors.RecordTooLargeException: The message is 1048688 bytes when serialized which is larger than 1048576, which is the value of the max.request.size configuration.\n');
    expect(await consume('toolarge', '%s\\n')).toBe('before\nafter\n');
  });

  it('a batch over the topic\'s max.message.bytes is split and retried; a single record too large fails with the broker\'s error', async () => {
    expect((await topics(['--create', '--topic', 'small', '--config', 'max.message.bytes=1000'])).code).toBe(0);
    const r = await produce(['--topic', 'small', '--reader-property', 'parse.key=true'], `k1\ta\nk2\t${'x'.repeat(2000)}\nk3\tb\n`);
    expect(r.code).toBe(0);
    const lines = mask(r.stderr).split('\n');
    expect(lines.filter((l) => l.includes('splitting and retrying')).length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.includes('splitting'))[0]).toMatch(/^\[<ts>\] WARN \[Producer clientId=console-producer\] Got error produce response in correlation id \d+ on topic-partition small-0, splitting and retrying \(3 attempts left\)\. Error: MESSAGE_TOO_LARGE \(org\.apache\.kafka\.clients\.producer\.internals\.Sender\)$/);
    expect(lines.slice(-3)).toEqual([
      `[<ts>] ERROR Error when sending message to topic small with key: 2 bytes, value: 2000 bytes with error: ${LOGGER_CB}`,
      'org.apache.kafka.common.errors.RecordTooLargeException: The request included a message larger than the max message size the server will accept.',
      '',
    ]);
    expect(await consume('small', '%k=%s\\n')).toBe('k1=a\nk3=b\n');
  });

  it('--sync: each record is acknowledged before the next line; a failure ends the tool with the ExecutionException', async () => {
    const ok = await produce(['--topic', 'sync', '--sync', '--timeout', '5'], 's1\ns2\n');
    expect(ok.code).toBe(0);
    expect(await consume('sync', '%s ')).toBe('s1 s2 ');
    const r = await produce(['--topic', 'sync', '--sync', '--command-property', 'max.request.size=150'], `s3\n${'y'.repeat(200)}\ns4\n`);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.RecordTooLargeException: The message is 286 bytes when serialized which is larger than 150, which is the value of the max.request.size configuration.\n');
    expect(await consume('sync', '%s ')).toBe('s1 s2 s3 ');
  });

  it('an invalid topic name: InvalidTopicException per record', async () => {
    const r = await produce(['--topic', 'bad topic'], 'a\nb\n');
    expect(r.code).toBe(0);
    expect(mask(r.stderr)).toBe(
      '[<ts>] WARN [Producer clientId=console-producer] The metadata response from the cluster reported a recoverable issue with correlation id 2 : {bad topic=INVALID_TOPIC_EXCEPTION} (org.apache.kafka.clients.NetworkClient)\n' +
      '[<ts>] ERROR [Producer clientId=console-producer] Metadata response reported invalid topics [bad topic] (org.apache.kafka.clients.Metadata)\n' +
      `[<ts>] ERROR Error when sending message to topic bad topic with key: null, value: 1 bytes with error: ${LOGGER_CB}\n` +
      'org.apache.kafka.common.errors.InvalidTopicException: Invalid topics: [bad topic]\n' +
      `[<ts>] ERROR Error when sending message to topic bad topic with key: null, value: 1 bytes with error: ${LOGGER_CB}\n` +
      'org.apache.kafka.common.errors.InvalidTopicException: bad topic\n');
  });
});

describe('command line', () => {
  it('no arguments and --help: the help table on stderr, exit 1; --version on stdout', async () => {
    const none = await runTool('kafka-console-producer', []);
    expect(none.code).toBe(1);
    expect(none.stdout).toBe('');
    expect(none.stderr.split('\n')[0]).toBe('This tool helps to read data from standard input and publish it to Kafka.');
    expect(none.stderr.split('\n')[1]).toMatch(/^Option +Description +$/);
    expect(none.stderr).toContain('--bootstrap-server <String: server to');
    expect(none.stderr).toMatch(/--timeout <Long: timeout_ms> +Longest time/);
    const help = await runTool('kafka-console-producer', ['--help']);
    expect(help).toEqual(none);
    const v = await runTool('kafka-console-producer', ['--version']);
    expect(v).toEqual({ code: 0, stdout: '4.4.0\n', stderr: '' });
  });

  it('usage errors: missing topic, bad or missing bootstrap address, unknown option, missing value', async () => {
    const topic = await runTool('kafka-console-producer', ['--bootstrap-server', 'localhost:9092']);
    expect(topic.code).toBe(1);
    expect(topic.stderr.split('\n')[0]).toBe('Missing required argument "[topic]"');
    const noBs = await runTool('kafka-console-producer', ['--topic', 't']);
    expect(noBs.stderr.split('\n').slice(0, 3)).toEqual(['Error while validating the bootstrap address', '', 'Option                                   Description                            ']);
    const bad = await runTool('kafka-console-producer', ['--topic', 't', '--bootstrap-server', 'nohostport']);
    expect(bad.code).toBe(1);
    expect(bad.stderr.split('\n').slice(0, 2)).toEqual(['Please provide valid host:port like host1:9091,host2:9092', '']);
    const unknown = await runTool('kafka-console-producer', ['--topic', 't', '--zookeeper', 'x']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.split('\n')[0]).toBe('zookeeper is not a recognized option');
    const missing = await runTool('kafka-console-producer', ['--topic']);
    expect(missing.stderr.split('\n')[0]).toBe('Option topic requires an argument');
    const twice = await runTool('kafka-console-producer', ['--topic', 'a', '--topic', 'b', '--bootstrap-server', 'h:1']);
    expect(twice).toEqual({ code: 1, stdout: '', stderr: 'Found multiple arguments for option topic, but you asked for only one\n' });
  });

  it('--broker-list still works, with a one-line hint naming --bootstrap-server', async () => {
    expect((await topics(['--create', '--topic', 'via-broker-list'])).code).toBe(0);
    const r = await runTool('kafka-console-producer', ['--broker-list', engine.bootstrap, '--topic', 'via-broker-list'], { input: 'from-broker-list\n' });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('kafka-local: --broker-list is the pre-4.0 spelling (removed in Kafka 4.0); use --bootstrap-server instead.\n');
    expect(await consume('via-broker-list', '%s|')).toBe('from-broker-list|');
  });

  it('--line-reader other than the line reader: ClassNotFoundException', async () => {
    const r = await produce(['--topic', 't', '--line-reader', 'com.example.MyReader'], 'x\n');
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'java.lang.ClassNotFoundException: com.example.MyReader\n' });
  });
});

describe('terminal and signals', () => {
  it('prints > before every line read when stdin and stdout are a terminal (script(1))', async () => {
    const hasScript = spawnSync('sh', ['-c', 'command -v script']).status === 0;
    if (!hasScript) return;
    expect((await topics(['--create', '--topic', 'tty'])).code).toBe(0);
    const cmd = `${process.execPath} ${path.join(BIN, 'kafka-console-producer')} --bootstrap-server ${engine.bootstrap} --topic tty`;
    const out = await new Promise<string>((resolve, reject) => {
      const p = spawn('script', ['-qec', cmd, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, KAFKA_LOCAL_AUTOSTART: '0' } });
      let o = '';
      p.stdout.setEncoding('utf8');
      p.stdout.on('data', (d) => { o += d; });
      const timer = setTimeout(() => { p.kill('SIGKILL'); reject(new Error(`script timed out: ${o}`)); }, 20000);
      p.on('close', () => { clearTimeout(timer); resolve(o); });
      // Type the lines one at a time, each after the previous prompt, then Ctrl-D.
      let typed = 0;
      const lines = ['one\n', 'two\n', '\x04'];
      const poll = setInterval(() => {
        if ((o.match(/>/g) ?? []).length > typed && typed < lines.length) p.stdin.write(lines[typed++]);
        if (typed === lines.length) { clearInterval(poll); }
      }, 20);
    });
    // Terminal echo and prompts, in order: one prompt per read (two lines, then the EOF read).
    expect(out.replace(/\r/g, '')).toBe('>one\n>two\n>');
    expect(await consume('tty', '%s|')).toBe('one|two|');
  });

  it('piped input shows no prompt', async () => {
    expect((await topics(['--create', '--topic', 'no-prompt'])).code).toBe(0);
    const r = await produce(['--topic', 'no-prompt'], 'no-prompt\n');
    expect(r.stdout).toBe('');
  });

  it('SIGINT flushes what is pending (even within linger.ms) and exits 130', async () => {
    expect((await topics(['--create', '--topic', 'sigint'])).code).toBe(0);
    // i2 does not fit in i1's batch (batch.size 150), so i1's batch is sent when i2 opens the
    // next one: the first Produce request shows both lines were read (and the SIGINT handler set
    // up before that); i2 then waits for linger.ms (60 s), and only the flush on SIGINT sends it.
    const [i1, i2] = [`i1-${'x'.repeat(50)}`, `i2-${'x'.repeat(50)}`];
    let produceRequests = 0;
    engine.engine.requestObserver = (apiKey: number) => { if (apiKey === 0) produceRequests++; };
    try {
      const res = await new Promise<{ code: number | null; ms: number; err: string }>((resolve, reject) => {
        const p = spawn(process.execPath, [path.join(BIN, 'kafka-console-producer'), '--bootstrap-server', engine.bootstrap, '--topic', 'sigint',
          '--timeout', '60000', '--batch-size', '150'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, KAFKA_LOCAL_AUTOSTART: '0' } });
        let err = '';
        p.stderr.setEncoding('utf8');
        p.stderr.on('data', (d) => { err += d; });
        p.stdin.write(`${i1}\n${i2}\n`);
        let t0 = 0;
        p.on('exit', (code) => resolve({ code, ms: Date.now() - t0, err }));
        waitFor(() => produceRequests > 0, 30000, 'the first batch sent').then(() => {
          expect(produceRequests).toBe(1);
          t0 = Date.now();
          p.kill('SIGINT');
        }).catch((e) => { p.kill('SIGKILL'); reject(e); });
      });
      expect(res.err).toBe('');
      expect(res.code).toBe(130);
      expect(res.ms).toBeLessThan(5000);
      expect(produceRequests).toBe(2);
    } finally {
      engine.engine.requestObserver = null;
    }
    expect(await consume('sigint', '%s|')).toBe(`${i1}|${i2}|`);
  });
});
