// The deliberate differences (test/reference/deliberate-differences.json): each says what we
// print differently from Kafka on purpose and why, and how to see past it when comparing. The
// suite applies them and reports any that no longer changes anything, so the list stays true.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../../helpers/engine';
import type { Mode } from './scenario';
import { brokerSide, toolSide } from './scenario';

export interface Difference {
  id: string;
  reason: string;
  /** Whose output it applies to: Kafka's tools' or ours (default both). */
  tools?: 'kafka' | 'ours';
  /** Which broker's runs it applies to (default both). */
  broker?: 'kafka' | 'ours';
  /** Regex on scenario ids (default all). */
  scenarios?: string;
  /** Kafka script names (default all). */
  toolNames?: string[];
  stream?: 'stdout' | 'stderr';
  /** Remove lines matching this regex. */
  drop?: string;
  /** Replace matches of [regex, replacement] (regex with flags gm). */
  replace?: [string, string];
  /** A named transformation (see transforms below). */
  transform?: 'help-options' | 'argparse-help' | 'exit-status';
  /** For transform exit-status: [kafka's status, ours] that count as the same. */
  status?: [number, number];
  /**
   * A difference of behaviour no tool text shows (e.g. how the engine schedules a connection's
   * requests): listed here with its reason so that this file names every deliberate difference,
   * and proved by the functional test named, not by the differential runs.
   */
  behaviour?: { testedBy: string };
}

export const DIFFERENCES_FILE = path.join(ROOT, 'test/reference/deliberate-differences.json');

export function loadDifferences(): Difference[] {
  const list = JSON.parse(fs.readFileSync(DIFFERENCES_FILE, 'utf8')) as Difference[];
  const ids = new Set<string>();
  for (const d of list) {
    if (!d.id || !d.reason) throw new Error(`deliberate difference without id or reason: ${JSON.stringify(d)}`);
    if (ids.has(d.id)) throw new Error(`deliberate difference listed twice: ${d.id}`);
    ids.add(d.id);
    if (d.behaviour) {
      if (d.drop || d.replace || d.transform) throw new Error(`deliberate difference ${d.id} is a behaviour: it applies nothing to output`);
      if (!fs.existsSync(path.join(ROOT, d.behaviour.testedBy.split(' ')[0]))) throw new Error(`deliberate difference ${d.id}: no test file ${d.behaviour.testedBy}`);
      continue;
    }
    if (!d.drop && !d.replace && !d.transform) throw new Error(`deliberate difference ${d.id} says nothing to apply`);
  }
  return list;
}

/**
 * A jopt help table (`Option  Description` header, then rows) reduced to its option names: the
 * descriptions are our own wording (DESIGN.md §4), the set of options must be Kafka's.
 */
function helpOptions(text: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^Option\s+Description\s*$/.test(l));
  if (start < 0) return text;
  const names = lines.slice(start + 2).filter((l) => l.startsWith('--')).map((l) => l.split(/\s/)[0]);
  return [...lines.slice(0, start), 'Options: ' + names.join(' '), ''].join('\n');
}

/**
 * An argparse4j help (kafka-storage: `usage:` ... `optional arguments:`) reduced to its layout and
 * names: the description paragraph and every option's or sub-command's description are dropped
 * (our own wording, DESIGN.md §4); usage lines, headings and option titles must be Kafka's.
 */
function argparseHelp(text: string): string {
  if (!text.startsWith('usage: ') || !/^optional arguments:$/m.test(text)) return text;
  const lines = text.split('\n');
  const out: string[] = [];
  let inUsage = true;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (inUsage) {
      if (l === '') inUsage = false;
      out.push(l);
      continue;
    }
    if (/^ {25}/.test(l)) continue;
    if (/^\S/.test(l) && !/^(positional|optional) arguments:$/.test(l)) { out.push('<description>'); continue; }
    out.push(l.replace(/^( +\S+(?:,? \S+)*?) {2,}\S.*$/, '$1'));
  }
  return out.join('\n');
}

export interface Output {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Apply the differences that concern this run; `used` collects the ids of those that changed something. */
export function applyDifferences(out: Output, ctx: { mode: Mode; scenario: string; tool: string }, list: Difference[], used: Set<string>): Output {
  let result = { ...out };
  for (const d of list) {
    if (d.behaviour) continue;
    if (d.tools && d.tools !== toolSide(ctx.mode)) continue;
    if (d.broker && d.broker !== brokerSide(ctx.mode)) continue;
    if (d.scenarios && !new RegExp(d.scenarios).test(ctx.scenario)) continue;
    if (d.toolNames && !d.toolNames.includes(ctx.tool.replace(/\.sh$/, ''))) continue;
    if (d.transform === 'exit-status') {
      if (d.status && result.code === d.status[toolSide(ctx.mode) === 'kafka' ? 0 : 1]) {
        if (toolSide(ctx.mode) === 'ours' && d.status[0] !== d.status[1]) used.add(d.id);
        result.code = d.status[0];
      }
      continue;
    }
    for (const stream of ['stdout', 'stderr'] as const) {
      if (d.stream && d.stream !== stream) continue;
      const before = result[stream];
      let after = before;
      if (d.drop) {
        const re = new RegExp(d.drop);
        after = after.split('\n').filter((l) => !re.test(l)).join('\n');
      }
      if (d.replace) after = after.replace(new RegExp(d.replace[0], 'gm'), d.replace[1]);
      if (d.transform === 'help-options') after = helpOptions(after);
      if (d.transform === 'argparse-help') after = argparseHelp(after);
      if (after !== before) {
        used.add(d.id);
        result = { ...result, [stream]: after };
      }
    }
  }
  return result;
}
