// The engine's own log lines, in Kafka's log4j shape, to stdout (the server log), at the levels
// of its loggers (logger-levels.ts, which kafka-configs --entity-type broker-loggers changes).
import { formatLogLine } from '../cli/log';
import { loggerEnabled } from './logger-levels';

export type Level = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

const sink: (line: string) => void = (line) => process.stdout.write(line + '\n');
let quiet = false;

export function setEngineLogQuiet(q: boolean): void {
  quiet = q;
}

export function engineLog(level: Level, message: string, logger: string): void {
  if (quiet && level !== 'ERROR') return;
  if (!loggerEnabled(logger, level)) return;
  sink(formatLogLine(level, message, logger));
}
