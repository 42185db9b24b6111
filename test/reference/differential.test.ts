// The differential suite (issue 9): every scenario of scenarios/ runs as Kafka's tools against
// Kafka's broker (the truth), our tools against our engine, our tools against Kafka's broker and
// Kafka's tools against our engine; each of the last three must print what the first printed
// (exit status, stdout, stderr), after masking what differs by nature (lib/mask.ts) and applying
// the deliberate differences (deliberate-differences.json). Seed-era scenarios compare our tools
// with Kafka 2.8.2 on ZooKeeper.
//
// SCENARIOS=<regex> runs a subset; the report ends with "N scenarios identical, M different".
// REFERENCE_DUMP=<dir> also writes every side's masked outputs there (<scenario>.txt), to read whole.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns } from './lib/compare';
import { loadDifferences } from './lib/differences';
import { brokerSide, MODES, toolSide, type Mode, type Scenario } from './lib/scenario';
import { runOnLane, startSides, tidy, type Lane, type Sides, type StepResult } from './lib/sides';
import { scenarios as all } from './scenarios';

const filter = process.env.SCENARIOS ? new RegExp(process.env.SCENARIOS) : undefined;
const scenarios = all.filter((s) => !filter || filter.test(s.id));
const differences = loadDifferences();
const used = new Set<string>();
const report: string[] = [];
let identical = 0;
let different = 0;
let sides: Sides;

/** REFERENCE_DUMP: each side's outputs of a scenario, to read what Kafka printed in full. */
function dump(s: Scenario, runs: [string, StepResult[]][]): void {
  const dir = process.env.REFERENCE_DUMP;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  const text = runs.map(([mode, results]) => results.map((r, i) => [
    `=== ${mode} step ${i + 1}: ${r.step.tool} ${r.step.args.join(' ')}${r.step.compare === false ? ' (prepare)' : ''}`,
    `--- exit ${r.code}; stdout:`, r.stdout, '--- stderr:', r.stderr,
  ].join('\n')).join('\n')).join('\n');
  fs.writeFileSync(path.join(dir, `${s.id.replace(/[^A-Za-z0-9._-]/g, '_')}.txt`), text);
}

async function runAndTidy(s: Scenario, lane: Lane): Promise<StepResult[]> {
  try {
    return await runOnLane(s, lane);
  } finally {
    await tidy(lane.broker);
  }
}

/** Every lane's results; when one failed, its error once all lanes ended (and were tidied), so that no lane's steps overlap the next scenario. */
async function allLanes(runs: Promise<StepResult[]>[]): Promise<StepResult[][]> {
  const settled = await Promise.allSettled(runs);
  for (const r of settled) if (r.status === 'rejected') throw r.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<StepResult[]>).value);
}

describe('differential: our tools and engine against Apache Kafka', () => {
  beforeAll(async () => {
    sides = await startSides({ legacy: scenarios.some((s) => s.legacy) });
  }, 300000);

  afterAll(async () => {
    await sides?.close();
    if (!filter) {
      for (const d of differences) if (!d.behaviour && !used.has(d.id)) report.push(`deliberate difference ${d.id} changed nothing: remove it or fix its pattern`);
    }
    console.log([...report, `${identical} scenarios identical, ${different} different`].join('\n'));
  }, 120000);

  for (const s of scenarios) {
    it(s.id, async () => {
      let lines: string[];
      if (s.legacy) {
        const [truth, ours] = await allLanes([runAndTidy(s, sides.legacy!.truth), runAndTidy(s, sides.legacy!.ours)]);
        lines = compareRuns(s, 'ours-on-ours', truth, ours, differences, used);
        dump(s, [['kafka-2.8', truth], ['ours', ours]]);
      } else {
        // A scenario for Kafka's brokers only runs Kafka's tools and ours against them.
        const modes = s.brokers === 'kafka' ? MODES.filter((m) => brokerSide(m) === 'kafka')
          : s.lanes === 'matching' ? MODES.filter((m) => brokerSide(m) === toolSide(m)) : MODES;
        const runs = await allLanes(modes.map((m) => runAndTidy(s, sides.lanes[m])));
        const byMode = new Map<Mode, StepResult[]>(modes.map((m, i) => [m, runs[i]]));
        dump(s, [...byMode]);
        lines = modes.slice(1).flatMap((m) => compareRuns(s, m, byMode.get('kafka-on-kafka')!, byMode.get(m)!, differences, used));
      }
      report.push(...lines);
      if (lines.length === 0) identical++;
      else different++;
      expect(lines).toEqual([]);
    }, 300000);
  }
});
