// What a differential scenario is: a few tool invocations, run the same way against each side,
// whose exit status, stdout and stderr must match Kafka's own tools on Kafka's own broker.

export interface Step {
  /** Kafka's script name (bin/<tool> here, test/reference/tools.tsv there). */
  tool: string;
  /**
   * Arguments; placeholders: {bootstrap} (the broker), {zookeeper} (legacy scenarios: ZooKeeper
   * there, the broker here, as our --zookeeper reaches it), {dir} (the scenario's directory,
   * holding its files).
   */
  args: string[];
  /** Standard input. */
  input?: string;
  timeoutMs?: number;
  /** False for a step that only prepares or tidies: it must succeed, its output is not compared. */
  compare?: boolean;
  /**
   * For a preparing step: run it again until its stdout contains this text (within timeoutMs).
   * For what a broker applies after it answered (a KRaft broker's metadata image follows its
   * controller), so that the next compared step sees it on every side.
   */
  until?: string;
  /** For a preparing step: run it again until its stdout no longer contains this text (as `until`). */
  untilGone?: string;
}

export interface Scenario {
  /** Unique, `<tool>/<what>`: names it in the report and in deliberate-differences.json. */
  id: string;
  /** Seed-era: Kafka 2.8.2 on ZooKeeper is the truth, and only our tools are compared with it. */
  legacy?: boolean;
  /** Files written into {dir} first (name -> content). */
  files?: Record<string, string>;
  steps: Step[];
}

/** The four ways a scenario runs (issue 9): tools x broker. */
export type Mode = 'kafka-on-kafka' | 'ours-on-ours' | 'ours-on-kafka' | 'kafka-on-ours';

export const MODES: readonly Mode[] = ['kafka-on-kafka', 'ours-on-ours', 'ours-on-kafka', 'kafka-on-ours'];

export const toolSide = (m: Mode): 'kafka' | 'ours' => (m.startsWith('kafka-') ? 'kafka' : 'ours');
export const brokerSide = (m: Mode): 'kafka' | 'ours' => (m.endsWith('-kafka') ? 'kafka' : 'ours');

/** Shorthand: a compared step. */
export function step(tool: string, ...args: string[]): Step {
  return { tool, args };
}

/** Shorthand: a step with standard input. */
export function stepIn(tool: string, input: string, ...args: string[]): Step {
  return { tool, args, input };
}

/** Shorthand: a preparing step (must exit 0; output not compared). */
export function prepare(tool: string, ...args: string[]): Step {
  return { tool, args, compare: false };
}

/** Shorthand: a preparing step run until its stdout contains `text` (see Step.until). */
export function awaitOutput(text: string, tool: string, ...args: string[]): Step {
  return { tool, args, compare: false, until: text };
}

/** Shorthand: a preparing step run until its stdout no longer contains `text` (see Step.untilGone). */
export function awaitGone(text: string, tool: string, ...args: string[]): Step {
  return { tool, args, compare: false, untilGone: text };
}

/** Shorthand: a preparing step with standard input. */
export function prepareIn(tool: string, input: string, ...args: string[]): Step {
  return { tool, args, input, compare: false };
}
