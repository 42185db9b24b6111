// kafka-local status on a three-broker local cluster (test/helpers/cluster.ts), before and after
// broker 3 is killed with SIGKILL: the dead broker shown as not alive (it is only named as a
// replica now), and the under-replicated, under-min-ISR and leaderless partitions it leaves
// named in the STATUS column, so plain text shows them too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool, waitFor } from '../helpers/engine';
import { TestCluster } from '../helpers/cluster';
import { startTool } from '../helpers/tools';
import { kcatBatch, maskStatus, status, statusJson } from '../helpers/status';

const cluster = new TestCluster({ brokers: 3 });
let bootstrap: string;

async function topics(...args: string[]): Promise<void> {
  const r = await runTool('kafka-topics', ['--bootstrap-server', bootstrap, '--create', ...args]);
  expect(r.code, r.stderr).toBe(0);
}

beforeAll(async () => {
  await cluster.startAll();
  bootstrap = cluster.bootstrap(1);
  await topics('--topic', 'replicated', '--replica-assignment', '1:2:3,2:3:1,3:1:2');
  await topics('--topic', 'strict', '--replica-assignment', '3:1:2', '--config', 'min.insync.replicas=3');
  await topics('--topic', 'lonely', '--replica-assignment', '3');
  await kcatBatch(bootstrap, 'replicated', 0, ['a', 'b', 'c']);
  await waitFor(async () => {
    const doc = await statusJson(bootstrap);
    return doc.topics.length === 3 && doc.topics.every((t: any) => t.underReplicatedPartitions === 0 && t.leaderlessPartitions === 0)
      && doc.topics[1].partitions[0].logEndOffset === 3;
  }, 30000, 'every replica in sync');
}, 120000);

afterAll(async () => {
  await cluster.stop();
});

/** The controller is whichever broker won the election. */
const mask = (s: string): string => maskStatus(s).replace(/^(Cluster \S+  controller )\d+/m, '$1<id>');

const AFTER = `Cluster <cluster-id>  controller <id>  brokers 3 (1 not alive)
BROKER  ADDRESS          RACK  ALIVE  LEADS
1       127.0.0.1:<port>  -     yes    3
2       127.0.0.1:<port>  -     yes    1
3       -                -     no     0

Topics (3)
TOPIC       PARTITIONS  RF  RECORDS  SIZE  STATUS                                           CONFIGS
lonely      1           1   -        -     1 leaderless,1 under-replicated,1 under-min-isr  -
replicated  3           3   3        85 B  3 under-replicated                               -
strict      1           3   0        0 B   1 under-replicated,1 under-min-isr               min.insync.replicas=3

TOPIC       PARTITION  LEADER  REPLICAS  ISR  START  END  RECORDS  SIZE  STATUS
lonely      0          none    3         -    -      -    -        -     leaderless,under-replicated,under-min-isr
replicated  0          1       1,2,3     1,2  0      3    3        85 B  under-replicated
replicated  1          2       2,3,1     2,1  0      0    0        0 B   under-replicated
replicated  2          1       3,1,2     1,2  0      0    0        0 B   under-replicated
strict      0          1       3,1,2     1,2  0      0    0        0 B   under-replicated,under-min-isr

Consumer groups (0)
No consumer groups.
`;

const BEFORE = `Cluster <cluster-id>  controller <id>  brokers 3
BROKER  ADDRESS          RACK  ALIVE  LEADS
1       127.0.0.1:<port>  -     yes    1
2       127.0.0.1:<port>  -     yes    1
3       127.0.0.1:<port>  -     yes    3

Topics (3)
TOPIC       PARTITIONS  RF  RECORDS  SIZE  STATUS  CONFIGS
lonely      1           1   0        0 B   ok      -
replicated  3           3   3        85 B  ok      -
strict      1           3   0        0 B   ok      min.insync.replicas=3

TOPIC       PARTITION  LEADER  REPLICAS  ISR    START  END  RECORDS  SIZE  STATUS
lonely      0          3       3         3      0      0    0        0 B   ok
replicated  0          1       1,2,3     1,2,3  0      3    3        85 B  ok
replicated  1          2       2,3,1     2,3,1  0      0    0        0 B   ok
replicated  2          3       3,1,2     3,1,2  0      0    0        0 B   ok
strict      0          3       3,1,2     3,1,2  0      0    0        0 B   ok

Consumer groups (0)
No consumer groups.
`;

describe('kafka-local status on a three-broker cluster', () => {
  it('before and after a broker is killed', async () => {
    const before = await status(bootstrap);
    expect({ code: before.code, stdout: mask(before.stdout), stderr: before.stderr }).toEqual({ code: 0, stderr: '', stdout: BEFORE });

    // A watch into a pipe (plain frames one after the other) sees the change happen.
    const watch = startTool('kafka-local', ['status', '--bootstrap-server', bootstrap, '--watch', '0.5']);
    await waitFor(() => watch.stdout().includes('frame 1 '), 30000, 'the first frame');
    await cluster.signal(3, 'SIGKILL');
    await waitFor(async () => {
      const doc = await statusJson(bootstrap);
      const b3 = doc.cluster.brokers.find((b: any) => b.id === 3);
      return b3 && !b3.alive && doc.topics.every((t: any) => t.partitions.every((p: any) => !p.isr.includes(3) || p.leaderless));
    }, 30000, 'broker 3 fenced and out of every ISR');
    await waitFor(() => /\* broker 3 died/.test(watch.stdout()) && /\* replicated-2 leader moved from 3 to 1/.test(watch.stdout())
      && /\* replicated-0 ISR shrank \[1,2,3\] -> \[1,2\]/.test(watch.stdout()) && /\* lonely-0 lost its leader \(was 3\)/.test(watch.stdout()),
      30000, `the change lines; the watch shows:\n${watch.stdout()}`);
    watch.kill('SIGINT');
    expect(await watch.exited).toBe(0);
    expect(watch.stdout()).not.toContain('\x1b');
    expect(watch.stderr()).toBe('');
    const after = await status(bootstrap);
    expect({ code: after.code, stdout: mask(after.stdout), stderr: after.stderr }).toEqual({ code: 0, stderr: '', stdout: AFTER });
  }, 120000);
});
