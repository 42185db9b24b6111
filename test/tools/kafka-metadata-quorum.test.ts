// kafka-metadata-quorum (Kafka 4.4's MetadataQuorumCommand, argparse4j) against an engine of this
// file's own, which answers DescribeQuorum as a one-node combined KRaft node: its only voter and
// leader. The argparse error texts are Kafka's, wrapped and justified as argparse4j does.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, type TestEngine } from '../helpers/engine';
import { expectRun, runMasked, useEngine } from '../helpers/tools';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { wrapJustified } = require(path.join(ROOT, 'dist/tools/metadata-quorum/argparse-text'));

let engine: TestEngine;
let B: string[];
useEngine((e) => {
  engine = e;
  B = ['--bootstrap-server', e.bootstrap];
});

const USAGE = `usage: kafka-metadata-quorum [-h] [--command-config COMMAND_CONFIG]
                             (--bootstrap-server BOOTSTRAP_SERVER |
                             --bootstrap-controller BOOTSTRAP_CONTROLLER)
                             {describe,add-controller,remove-controller}
                             ...
`;

describe('kafka-metadata-quorum', () => {
  it('describe --status: the engine is the only voter and the leader', async () => {
    const r = await runMasked('kafka-metadata-quorum', [...B, 'describe', '--status']);
    expect(r.code).toBe(0);
    const m = /^ClusterId: {14}(\S+)\nLeaderId: {15}1\nLeaderEpoch: {12}1\nHighWatermark: {10}(\d+)\nMaxFollowerLag: {9}0\nMaxFollowerLagTimeMs: {3}0\nCurrentVoters: {10}\[\{"id": 1, "directoryId": "([A-Za-z0-9_-]{22})", "endpoints": \["CONTROLLER:\/\/127\.0\.0\.1:(\d+)"\]\}\]\nCurrentObservers: {7}\[\]\n$/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    expect(Number(m![4])).toBe(engine.port);
  });

  it('describe --replication: one Leader row, columns padded to their widest cell, each cell ending in a tab', async () => {
    const r = await runMasked('kafka-metadata-quorum', [...B, 'describe', '--replication']);
    expect(r.code).toBe(0);
    const [head, row, end] = r.stdout.split('\n');
    expect(head).toBe('NodeId\tDirectoryId           \tLogEndOffset\tLag\tLastFetchTimestamp\tLastCaughtUpTimestamp\tStatus\t');
    expect(row).toMatch(/^1     \t[A-Za-z0-9_-]{22}\t\d+ +\t0  \t\d{13}     \t\d{13}        \tLeader\t$/);
    expect(end).toBe('');
    const human = await runMasked('kafka-metadata-quorum', [...B, 'describe', '--replication', '--human-readable']);
    expect(human.stdout.split('\n')[1]).toMatch(/\t\d+ ms ago +\t\d+ ms ago +\tLeader\t$/);
  });

  it('argparse errors: usage and the justified message on stderr, status 1', async () => {
    expectRun(await runMasked('kafka-metadata-quorum', []), 1, '', `${USAGE}kafka-metadata-quorum: error: too few arguments\n`);
    expectRun(await runMasked('kafka-metadata-quorum', ['describe', '--status']), 1, '',
      `${USAGE}kafka-metadata-quorum: error: one  of  the  arguments --bootstrap-server --\nbootstrap-controller is required\n`);
    expectRun(await runMasked('kafka-metadata-quorum', [...B, 'show']), 1, '',
      `${USAGE}kafka-metadata-quorum:  error:   invalid   choice:   'show'   (choose  from\n'describe', 'add-controller', 'remove-controller')\n`);
    expectRun(await runMasked('kafka-metadata-quorum', [...B, '--bootstrap-controller', engine.bootstrap, 'describe']), 1, '',
      `${USAGE}kafka-metadata-quorum: error: argument  --bootstrap-controller: not allowed\nwith argument --bootstrap-server\n`);
    expectRun(await runMasked('kafka-metadata-quorum', ['--version']), 1, '', `${USAGE}kafka-metadata-quorum: error: unrecognized arguments: '--version'\n`);
  });

  it('describe checks its flags with Kafka\'s messages', async () => {
    expectRun(await runMasked('kafka-metadata-quorum', [...B, 'describe']), 1, '', 'One of --status or --replication must be specified with describe sub-command\n');
    expectRun(await runMasked('kafka-metadata-quorum', [...B, 'describe', '--status', '--replication']), 1, '', 'Only one of --status or --replication should be specified with describe sub-command\n');
    expectRun(await runMasked('kafka-metadata-quorum', [...B, 'describe', '--status', '--human-readable']), 1, '', 'The option --human-readable is only supported along with --replication\n');
    expectRun(await runMasked('kafka-metadata-quorum', [...B, '--command-config', '/nonexistent/a.properties', 'describe', '--status']), 1, '', 'Properties file /nonexistent/a.properties does not exist.\n');
  });

  it('justifies as argparse4j: extra spaces go to the middle gaps of every line but the last', () => {
    expect(wrapJustified('kafka-metadata-quorum: error: argument --bootstrap-controller: not allowed with argument --bootstrap-server'))
      .toBe('kafka-metadata-quorum: error: argument  --bootstrap-controller: not allowed\nwith argument --bootstrap-server');
  });
});
