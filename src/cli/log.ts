// Kafka tool log lines. Tools log through config/tools-log4j.properties: root logger WARN to stderr
// with the pattern `[%d] %p %m (%c)%n`, so a line reads
//   [2024-10-25 10:15:30,123] WARN <message> (<logger>)
// with %d in the local time zone (log4j's ISO8601 format, comma before the milliseconds). A logged
// Throwable follows on the next line(s); Kafka's ApiExceptions carry no stack frames, so that is just
// `org.apache.kafka.common.errors.X: msg`.

import { javaThrowableString } from './errors';
import type { ToolIO } from './io';

export type LogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** log4j's `%d` (ISO8601): `yyyy-MM-dd HH:mm:ss,SSS`, local time. */
export function formatLogTimestamp(date: Date = new Date()): string {
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())},${pad(date.getMilliseconds(), 3)}`
  );
}

/** One log line, without the trailing newline: `[ts] LEVEL message (logger)`. */
export function formatLogLine(level: LogLevel, message: string, logger: string, date: Date = new Date()): string {
  return `[${formatLogTimestamp(date)}] ${level} ${message} (${logger})`;
}

/** A Throwable with no stack frames as log4j prints it: `class: message` (or just `class`). */
export interface LoggedThrowable {
  javaClass: string;
  message?: string | null;
}

/**
 * A log record with an attached exception, the Kafka way: the log line, then the exception's
 * `toString()` on its own line. Ends with a newline.
 */
export function formatLogRecord(
  level: LogLevel,
  message: string,
  logger: string,
  throwable?: LoggedThrowable,
  date: Date = new Date(),
): string {
  let s = `${formatLogLine(level, message, logger, date)}\n`;
  if (throwable) s += `${javaThrowableString(throwable.javaClass, throwable.message)}\n`;
  return s;
}

/** `org.apache.kafka.common.errors.<simpleName>: message` for a Kafka ApiException. */
export function kafkaErrorString(simpleClassName: string, message: string | null | undefined): string {
  return javaThrowableString(`org.apache.kafka.common.errors.${simpleClassName}`, message);
}

/** Write a log record to the tool's stderr. */
export function writeLog(
  io: ToolIO,
  level: LogLevel,
  message: string,
  logger: string,
  throwable?: LoggedThrowable,
  date?: Date,
): void {
  io.stderr(formatLogRecord(level, message, logger, throwable, date));
}
