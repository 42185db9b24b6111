// Connect's log lines. connect-standalone logs through config/connect-log4j2.yaml: INFO and up to
// stdout with the pattern `[%d] %p %X{connector.context}%m (%c:%L)%n`, where the connector context
// reads `[local-file-source|task-0] ` inside a connector's work. The `:%L` line numbers are the ones
// Kafka 4.4.0's classes print for the same messages.
import { formatLogTimestamp, type LogLevel } from '../../cli/log';
import type { ToolIO } from '../../cli/io';

export type ConnectLog = (level: LogLevel, message: string, logger: string, context?: string) => void;

export function connectLog(io: ToolIO): ConnectLog {
  return (level, message, logger, context) => {
    io.stdout(`[${formatLogTimestamp()}] ${level} ${context ? `[${context}] ` : ''}${message} (${logger})\n`);
  };
}

/** A client log function (our producer / consumer) writing through Connect's pattern. */
export function clientLog(log: ConnectLog, context: string): (level: 'WARN' | 'ERROR' | 'INFO', message: string, logger: string) => void {
  return (level, message, logger) => log(level, message, logger, context);
}
