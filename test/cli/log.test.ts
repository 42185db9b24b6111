import { describe, expect, test } from 'vitest';
import { formatLogLine, formatLogRecord, formatLogTimestamp, kafkaErrorString, writeLog } from '../../src/cli/log';
import { CaptureIO } from '../../src/cli/io';

// A local-time date, so the expected text does not depend on the machine's time zone.
const d = new Date(2024, 9, 5, 9, 7, 3, 45);

describe('log lines', () => {
  test('timestamp is log4j ISO8601 in local time', () => {
    expect(formatLogTimestamp(d)).toBe('2024-10-05 09:07:03,045');
  });

  test('line layout [%d] %p %m (%c)', () => {
    expect(formatLogLine('WARN', 'Something happened', 'org.apache.kafka.tools.TopicCommand', d)).toBe(
      '[2024-10-05 09:07:03,045] WARN Something happened (org.apache.kafka.tools.TopicCommand)',
    );
  });

  test('a message ending in a newline puts the logger on its own line (TopicCommand ERROR)', () => {
    expect(formatLogRecord('ERROR', 'org.apache.kafka.common.errors.X: boom\n', 'kafka.admin.TopicCommand$', undefined, d)).toBe(
      '[2024-10-05 09:07:03,045] ERROR org.apache.kafka.common.errors.X: boom\n (kafka.admin.TopicCommand$)\n',
    );
  });

  test('exception on the following line, without frames', () => {
    const t = { javaClass: 'org.apache.kafka.common.errors.TimeoutException', message: 'Timed out waiting for a node assignment. Call: listTopics' };
    expect(formatLogRecord('WARN', 'failed', 'x.Y', t, d)).toBe(
      '[2024-10-05 09:07:03,045] WARN failed (x.Y)\n' +
        'org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: listTopics\n',
    );
    expect(formatLogRecord('WARN', 'failed', 'x.Y', { javaClass: 'java.lang.NullPointerException' }, d)).toBe(
      '[2024-10-05 09:07:03,045] WARN failed (x.Y)\njava.lang.NullPointerException\n',
    );
    expect(kafkaErrorString('UnknownTopicOrPartitionException', 'This server does not host this topic-partition.')).toBe(
      'org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does not host this topic-partition.',
    );
  });

  test('writeLog goes to stderr', () => {
    const io = new CaptureIO();
    writeLog(io, 'ERROR', 'm', 'L', undefined, d);
    expect(io.out).toBe('');
    expect(io.err).toBe('[2024-10-05 09:07:03,045] ERROR m (L)\n');
  });

  test('default date is now', () => {
    expect(formatLogLine('INFO', 'x', 'y')).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\] INFO x \(y\)$/);
  });
});
