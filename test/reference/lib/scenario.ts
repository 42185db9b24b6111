// What a differential scenario is: a few tool invocations, run the same way against each side,
// whose exit status, stdout and stderr must match Kafka's own tools on Kafka's own broker.

export interface Step {
  /** Kafka's script name (bin/<tool> here, test/reference/tools.tsv there). */
  tool: string;
  /**
   * Arguments; placeholders: {bootstrap} (the broker), {zookeeper} (legacy scenarios: ZooKeeper
   * there, the broker here, as our --zookeeper reaches it), {dir} (the scenario's directory,
   * holding its files), {topic-id:NAME} (the id the side's broker gave topic NAME, looked up when
   * the step runs).
   */
  args: string[];
  /** Standard input. */
  input?: string;
  timeoutMs?: number;
  /** False for a step that only prepares or tidies: it must succeed, its output is not compared. */
  compare?: boolean;
  /**
   * Started and left running (e.g. a console consumer in a group) until the scenario ends, then
   * stopped (SIGTERM, SIGKILL after a deadline). Kafka's side runs it in its own JVM
   * (`scripts/reference.sh tool`), ours as bin/<tool>. Never compared.
   */
  background?: boolean;
  /**
   * Re-run the step until its masked output (stdout + stderr) matches this regex, within `untilMs`
   * (default 60 s): makes scenarios deterministic without sleeps (e.g. describe until a group is
   * Stable, or until a KRaft broker's metadata image, which follows its controller, shows an
   * alter). Failing to match in time fails the scenario with the last output. For a compared
   * step the last run is compared.
   */
  until?: string;
  /** As `until`, but until the output no longer matches this regex (e.g. a deleted config). */
  untilGone?: string;
  untilMs?: number;
  /**
   * Run Kafka's tool whatever the lane (only for steps not compared): to make what our tools do
   * not, e.g. a KIP-848 consumer group with a console consumer of group.protocol=consumer.
   */
  kafkaTool?: boolean;
  /**
   * With `background`: `tool` names a node script of test/reference/scripts/, run alike on every
   * lane (a small client of ours, for a state no tool makes, e.g. a group held mid-rebalance).
   */
  script?: boolean;
}

export interface Scenario {
  /** Unique, `<tool>/<what>`: names it in the report and in deliberate-differences.json. */
  id: string;
  /** Seed-era: Kafka 2.8.2 on ZooKeeper is the truth, and only our tools are compared with it. */
  legacy?: boolean;
  /** Files written into {dir} first (name -> content; placeholders filled as in args). */
  files?: Record<string, string>;
  steps: Step[];
  /**
   * 'kafka': run on Kafka's brokers only (Kafka's tools and ours, compared as usual), for what
   * our engine does not have (KIP-848 consumer groups) but our tools must show as Kafka's do.
   */
  brokers?: 'kafka';
  /**
   * 'matching': each side's tool only on its own broker (kafka-on-kafka, ours-on-ours), for a tool
   * that reads the broker's files rather than talking to it (kafka-dump-log: Kafka's reads segment
   * files, ours the engine's database).
   */
  lanes?: 'matching';
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

/** Shorthand: a preparing step with standard input. */
export function prepareIn(tool: string, input: string, ...args: string[]): Step {
  return { tool, args, input, compare: false };
}

/** Shorthand: a tool left running in the background until the scenario ends. */
export function background(tool: string, ...args: string[]): Step {
  return { tool, args, compare: false, background: true };
}

/** Shorthand: a preparing step re-run until its output matches `pattern` (not compared). */
export function awaitOutput(pattern: string, tool: string, ...args: string[]): Step {
  return { tool, args, compare: false, until: pattern };
}

/** Shorthand: a preparing step re-run until its output no longer matches `pattern` (not compared). */
export function awaitGone(pattern: string, tool: string, ...args: string[]): Step {
  return { tool, args, compare: false, untilGone: pattern };
}

/** A regex source matching `text` literally, for `until`/`untilGone` and their shorthands. */
export function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Shorthand: a script of test/reference/scripts/ left running on every lane until the scenario ends. */
export function backgroundScript(file: string, ...args: string[]): Step {
  return { tool: file, args, compare: false, background: true, script: true };
}

/** Shorthand: Kafka's tool left running in the background on every lane. */
export function kafkaBackground(tool: string, ...args: string[]): Step {
  return { tool, args, compare: false, background: true, kafkaTool: true };
}

/** Shorthand: a compared step re-run until its output matches `pattern`; the last run is compared. */
export function stepUntil(pattern: string, tool: string, ...args: string[]): Step {
  return { tool, args, until: pattern };
}
