// Group churn: three kafka-console-consumer members of one group (auto-commit on), one of them
// killed with SIGKILL and restarted again and again while records are produced. Every record is
// consumed at least once, each printed record is the one stored at its offset, and within each
// member's output a partition's records come in offset order (a break only where a rebalance
// handed the partition over).
import { describe, it, expect } from 'vitest';
import { waitFor, type TestEngine } from '../helpers/engine';
import { runKcat, type KcatResult } from '../helpers/kcat';
import { kcatProduce, members, owners } from '../helpers/groups';
import { createTopic, startTool, useEngine, type Running } from '../helpers/tools';

let engine: TestEngine;
let B: string[];

useEngine((e) => {
  engine = e;
  B = ['--bootstrap-server', e.bootstrap];
});

const PARTITIONS = 6;
const CYCLES = 3;

function kcat(args: string[], input?: string): Promise<KcatResult> {
  return runKcat(engine.bootstrap, args, input);
}

/** How many partitions have an owner, and how many members own them. */
async function ownership(group: string): Promise<{ partitions: number; members: number }> {
  const o = await owners(engine.bootstrap, group);
  return { partitions: o.size, members: members(o).size };
}

describe('group churn', () => {
  it('a member killed and restarted repeatedly while producing: every record consumed at least once, in partition order', async () => {
    await createTopic(engine, 'churn', PARTITIONS);
    const args = [...B, '--topic', 'churn', '--group', 'gchurn', '--from-beginning',
      '--formatter-property', 'print.partition=true', '--formatter-property', 'print.offset=true',
      '--command-property', 'session.timeout.ms=6000', '--command-property', 'heartbeat.interval.ms=500',
      '--command-property', 'auto.commit.interval.ms=1000'];
    const runs: Running[] = [];
    const startMember = () => {
      const r = startTool('kafka-console-consumer', args);
      runs.push(r);
      return r;
    };
    let producing = true;
    let produced = 0;
    const producer = (async () => {
      while (producing) {
        const lines: string[] = [];
        for (let i = 0; i < 20; i++) lines.push(`v-${produced++}`);
        // No key: librdkafka spreads the records over the partitions at random.
        await kcatProduce(engine.bootstrap, 'churn', lines);
        await new Promise((res) => setTimeout(res, 100));
      }
    })();
    try {
      const a = startMember();
      const b = startMember();
      let victim = startMember();
      await waitFor(async () => (await ownership('gchurn')).members === 3, 30000, 'three members');
      for (let cycle = 0; cycle < CYCLES; cycle++) {
        victim.kill('SIGKILL');
        await victim.exited;
        await waitFor(async () => {
          const o = await ownership('gchurn');
          return o.members === 2 && o.partitions === PARTITIONS;
        }, 20000, `cycle ${cycle}: the survivors own every partition`);
        victim = startMember();
        await waitFor(async () => {
          const o = await ownership('gchurn');
          return o.members === 3 && o.partitions === PARTITIONS;
        }, 20000, `cycle ${cycle}: three members again`);
      }
      producing = false;
      await producer;

      // The log as stored: partition -> values by offset.
      const log = await kcat(['-C', '-t', 'churn', '-e', '-q', '-o', 'beginning', '-f', '%p %o %s\n']);
      expect(log.code).toBe(0);
      const stored = new Map<string, string>();
      for (const line of log.stdout.split('\n').filter(Boolean)) {
        const [p, o, v] = line.split(' ');
        stored.set(`${p}:${o}`, v);
      }
      expect(stored.size).toBe(produced);

      const seen = () => {
        const s = new Set<string>();
        for (const r of runs) for (const m of r.stdout().matchAll(/^Partition:(\d+)\tOffset:(\d+)\t/gm)) s.add(`${m[1]}:${m[2]}`);
        return s;
      };
      await waitFor(() => seen().size === produced, 30000, 'every record consumed').catch((e) => {
        const missing = [...stored.keys()].filter((k) => !seen().has(k));
        throw new Error(`${e.message}: ${missing.length} of ${produced} missing, e.g. ${missing.slice(0, 5).join(' ')}`);
      });

      for (const r of runs) {
        const last = new Map<string, number>();
        const breaks = new Map<string, number>();
        for (const line of r.stdout().split('\n').filter(Boolean)) {
          const m = /^Partition:(\d+)\tOffset:(\d+)\t(.*)$/.exec(line)!;
          expect(m[3]).toBe(stored.get(`${m[1]}:${m[2]}`));
          const off = Number(m[2]);
          const prev = last.get(m[1]);
          if (prev !== undefined && off !== prev + 1) breaks.set(m[1], (breaks.get(m[1]) ?? 0) + 1);
          last.set(m[1], off);
        }
        // A partition's run of offsets breaks only when a rebalance moved it (at most twice a cycle).
        for (const n of breaks.values()) expect(n).toBeLessThanOrEqual(2 * CYCLES + 2);
      }
      for (const r of [a, b, victim]) r.kill('SIGTERM');
      for (const r of [a, b, victim]) expect(await r.exited).toBe(143);
    } finally {
      producing = false;
      await producer.catch(() => undefined);
      for (const r of runs) r.kill('SIGKILL');
    }
  }, 120000);
});
