// kafka-run-class: runs a Java main class by name, as tutorials call it. Here the class names of
// Kafka's own tools run our tool of the same script with the remaining arguments, and the Streams
// WordCountDemo runs a JVM-free word count (see streams/word-count.ts). Any other class fails as
// Java does (`Error: Could not find or load main class X`, exit 1), followed by the list of what
// is available.
import * as path from 'node:path';
import type { ToolIO } from '../cli/io';
import { loadTool } from '../cli/launch';
import { availableClasses, CLASS_TOOLS, toolAvailable, WORDCOUNT_CLASS } from './run-class/classes';
import { runWordCountDemo } from './run-class/word-count-demo';

/** `$0` as the script echoes it: the launcher's path as typed, relative when under the working directory. */
function scriptName(): string {
  const p = process.argv[1] ?? 'kafka-run-class.sh';
  const rel = path.relative(process.cwd(), p);
  const typed = rel.startsWith('..') || path.isAbsolute(rel) ? p : rel;
  // Through the oclif CLI the command is `kafka-local kafka-run-class`.
  return path.basename(p) === 'kafka-local' ? `${typed} kafka-run-class` : typed;
}

export async function main(argv: string[], io: ToolIO): Promise<number> {
  const args = [...argv];
  // The script's own options before the class: -daemon, -name <service>, -loggc (no effect here).
  while (args.length > 0 && ['-daemon', '-name', '-loggc'].includes(args[0])) {
    if (args.shift() === '-name') args.shift();
  }
  if (args.length < 1) {
    io.stdout(`USAGE: ${scriptName()} [-daemon] [-name servicename] [-loggc] classname [opts]\n`);
    return 1;
  }
  const [cls, ...rest] = args;
  if (cls === WORDCOUNT_CLASS) return runWordCountDemo(rest, io);
  const tool = CLASS_TOOLS.get(cls);
  if (tool !== undefined && toolAvailable(tool)) return loadTool(tool).main(rest, io);
  io.stderr(`Error: Could not find or load main class ${cls}\nCaused by: java.lang.ClassNotFoundException: ${cls}\n`);
  io.stderr('\nkafka-run-class here runs these classes (no JVM: each is one of our tools):\n');
  for (const [c, what] of availableClasses()) io.stderr(`  ${c.padEnd(60)} ${what}\n`);
  return 1;
}
