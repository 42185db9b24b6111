// Comparing one side's run of a scenario with the truth (Kafka's tools on Kafka's broker), after
// the deliberate differences are applied to both: one line per difference.
import { applyDifferences, type Difference } from './differences';
import type { Mode, Scenario } from './scenario';
import type { StepResult } from './sides';

const show = (s: string | undefined): string => (s === undefined ? '(nothing)' : JSON.stringify(s));

function firstDifference(a: string, b: string): string {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) return `line ${i + 1}: kafka ${show(la[i])}, here ${show(lb[i])}`;
  }
  return 'same lines';
}

export function compareRuns(s: Scenario, mode: Mode, truth: StepResult[], other: StepResult[], list: Difference[], used: Set<string>): string[] {
  const lines: string[] = [];
  truth.forEach((t, i) => {
    const o = other[i];
    if (t.step.compare === false) return;
    const where = `${s.id} [${mode}] step ${i + 1} (${t.step.tool} ${t.step.args.join(' ')})`;
    if (!o) {
      lines.push(`${where}: did not run`);
      return;
    }
    const tt = applyDifferences(t, { mode: 'kafka-on-kafka', scenario: s.id, tool: t.step.tool }, list, used);
    const oo = applyDifferences(o, { mode, scenario: s.id, tool: t.step.tool }, list, used);
    if (tt.code !== oo.code) lines.push(`${where}: exit status: kafka ${tt.code}, here ${oo.code}`);
    for (const stream of ['stdout', 'stderr'] as const) {
      if (tt[stream] !== oo[stream]) lines.push(`${where}: ${stream}: ${firstDifference(tt[stream], oo[stream])}`);
    }
  });
  return lines;
}
