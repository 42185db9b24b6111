// kafka-delete-records (Kafka 4.x DeleteRecordsCommand, spec/cli.md §8): exact transcripts
// against an engine of this file's own; log timestamps are masked.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, it, expect, beforeAll } from 'vitest';
import { ROOT, tempDir, type TestEngine } from '../helpers/engine';
import { createTopic, expectRun, runMasked, useEngine } from '../helpers/tools';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { main } = require(path.join(ROOT, 'dist/tools/kafka-delete-records'));

let engine: TestEngine;
let B: string[];
useEngine((e) => {
  engine = e;
  B = ['--bootstrap-server', e.bootstrap];
});

const dir = tempDir('kl-delrec-');
let n = 0;
function jsonFile(text: string): string {
  const f = path.join(dir, `offsets-${++n}.json`);
  fs.writeFileSync(f, text);
  return f;
}

const dr = (args: string[]) => runMasked('kafka-delete-records', args);

function kcat(args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn('kcat', ['-b', engine.bootstrap, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    p.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`kcat failed: ${err}`))));
    p.stdin.end(input ?? '');
  });
}

/** The help table, as the tool's own option list renders it. */
async function helpTable(): Promise<string> {
  let err = '';
  await main(['--help'], { stdout: () => undefined, stderr: (s: string) => { err += s; } });
  return err.slice(err.indexOf('\n') + 1);
}

const HEAD = 'Executing records delete operation\nRecords delete operation completed:\n';

beforeAll(async () => {
  await createTopic(engine, 'dr-a', 3);
  await kcat(['-P', '-t', 'dr-a', '-p', '0'], 'a\nb\nc\nd\n');
  await kcat(['-P', '-t', 'dr-a', '-p', '1'], 'e\nf\n');
  await createTopic(engine, 'dr-compact', 1, { 'cleanup.policy': 'compact' });
}, 60000);

describe('kafka-delete-records', () => {
  it('moves the low watermarks; one line per partition in Kafka\'s HashMap order; consumers start there', async () => {
    const f = jsonFile('{"partitions":[{"topic":"dr-a","partition":0,"offset":2},{"topic":"dr-a","partition":1,"offset":-1},{"topic":"dr-a","partition":2,"offset":0}],"version":1}');
    expectRun(await dr([...B, '--offset-json-file', f]), 0,
      `${HEAD}partition: dr-a-0\tlow_watermark: 2\npartition: dr-a-1\tlow_watermark: 2\npartition: dr-a-2\tlow_watermark: 0\n`);
    expect(await kcat(['-C', '-t', 'dr-a', '-p', '0', '-o', 'beginning', '-e', '-q', '-f', '%o %s\n'])).toBe('2 c\n3 d\n');
    expectRun(await runMasked('kafka-get-offsets', [...B, '--topic', 'dr-a', '--time', 'earliest']), 0, 'dr-a:0:2\ndr-a:1:2\ndr-a:2:0\n');
  });

  it('per-partition failures: beyond the high watermark, a compacted topic', async () => {
    const f = jsonFile('{"partitions":[{"topic":"dr-a","partition":0,"offset":99},{"topic":"dr-compact","partition":0,"offset":0}]}');
    expectRun(await dr([...B, '--offset-json-file', f]), 0,
      `${HEAD}partition: dr-a-0\terror: org.apache.kafka.common.errors.OffsetOutOfRangeException: The requested offset is not within the range of offsets maintained by the server.\n` +
      'partition: dr-compact-0\terror: org.apache.kafka.common.errors.PolicyViolationException: Request parameters do not satisfy the configured policy.\n',
      '[<ts>] ERROR [AdminClient clientId=adminclient-1] DeleteRecords request for topic partition dr-compact-0 failed due to an unexpected error POLICY_VIOLATION (org.apache.kafka.clients.admin.internals.DeleteRecordsHandler)\n' +
      '[<ts>] ERROR [AdminClient clientId=adminclient-1] DeleteRecords request for topic partition dr-a-0 failed due to an unexpected error OFFSET_OUT_OF_RANGE (org.apache.kafka.clients.admin.internals.DeleteRecordsHandler)\n');
  });

  it('JSON file validation, with Kafka\'s messages', async () => {
    const fails = async (json: string, javaClass: string, message: string) => {
      // The message, then the stack trace's first line and the empty line println adds after it.
      expectRun(await dr([...B, '--offset-json-file', jsonFile(json)]), 1, '', `${message}\n${javaClass}: ${message}\n\n`);
    };
    const AOE = 'org.apache.kafka.tools.AdminOperationException';
    const JME = 'com.fasterxml.jackson.databind.JsonMappingException';
    await fails('not json', AOE, 'The input string is not a valid JSON');
    await fails('{"version":1}', AOE, 'Missing partitions field');
    await fails('{"partitions":[],"version":2}', AOE, 'Not supported version field value 2');
    await fails('{"partitions":[{"topic":"dr-a","partition":0,"offset":1},{"topic":"dr-a","partition":0,"offset":2}]}',
      'org.apache.kafka.tools.AdminCommandFailedException', 'Offset json file contains duplicate topic partitions: dr-a-0');
    await fails('{"partitions":[{"topic":"dr-a","offset":1}]}', JME, 'No such field exists: `partition`');
    await fails('{"partitions":[{"topic":"dr-a","partition":"0","offset":1}]}', JME, 'Expected `Integer` value, received "0"');
    await fails('{"partitions":[{"topic":1,"partition":0,"offset":1}]}', JME, 'Expected `String` value, received 1');
    await fails('{"partitions":{"topic":"dr-a"}}', JME, 'Expected JSON array, received {"topic":"dr-a"}');
    const missing = path.join(dir, 'missing.json');
    expectRun(await dr([...B, '--offset-json-file', missing]), 1, '', `Unable to read file ${missing}\njava.io.IOException: Unable to read file ${missing}\n\n`);
  });

  it('usage: missing options, --help, no arguments, unknown options, --version', async () => {
    const help = await helpTable();
    const message = 'This tool helps to delete records of the given partitions down to the specified offset.\n';
    expectRun(await dr([...B]), 1, '', `Missing required argument "[offset-json-file]"\n${help}`);
    expectRun(await dr(['--offset-json-file', 'x']), 1, '', `Missing required argument "[bootstrap-server]"\n${help}`);
    expectRun(await dr([]), 1, '', `${message}${help}`);
    expectRun(await dr(['--help']), 1, '', `${message}${help}`);
    expectRun(await dr(['--bogus']), 1, '', 'bogus is not a recognized option\njoptsimple.UnrecognizedOptionException: bogus is not a recognized option\n\n');
    expectRun(await dr(['--version']), 0, '4.4.0\n');
    expect(help).toMatch(/^Option +Description/);
  });
});
