// Message formatters of kafka-console-consumer, writing bytes into the Output buffer.
//
// DefaultMessageFormatter (Kafka's tools/.../consumer/DefaultMessageFormatter.java, 4.x):
//   fields in this fixed order, each when enabled:
//     print.timestamp  `CreateTime:<ms>` / `LogAppendTime:<ms>` (`NO_TIMESTAMP` never happens for v2 batches)
//     print.partition  `Partition:<p>`
//     print.offset     `Offset:<o>`
//     print.delivery   `Delivery:NOT_PRESENT` (the console consumer never has a delivery count)
//     print.epoch      `Epoch:NOT_PRESENT` (ConsoleConsumer copies records without their leader epoch)
//     print.headers    `k1:v1<headers.separator>k2:v2`, or `NO_HEADERS`
//     print.key        the key bytes (null.literal when null)
//     print.value      the value bytes (null.literal when null); on by default
//   After each field: key.separator when a later field is printed, else line.separator; the value
//   is always followed by line.separator. Booleans are true iff the trimmed value equals "true"
//   ignoring case. key/value/headers deserializers (class names) turn the bytes (or the
//   null.literal bytes for a null field) into text; without one the bytes are written raw.
// LoggingMessageFormatter: the default formatter plus an INFO log line per record, which the
//   tools' log4j configuration (root logger at WARN) never shows; so its output is the same.
// NoOpMessageFormatter: prints nothing.
// JsonLinesFormatter (`--output jsonl`, a kafka-local extra): see its comment.

import { isUtf8 } from 'node:buffer';
import type { RecordCursor } from '../../client/consumer/records';
import { forEachHeader } from '../../protocol/records/record-cursor';
import type { Output } from './output';
import { createDeserializer, type Deserializer, JavaRuntimeError } from './deserializers';

export const FORMATTER_PACKAGE = 'org.apache.kafka.tools.consumer.';
export const DEFAULT_FORMATTER = `${FORMATTER_PACKAGE}DefaultMessageFormatter`;

export type LogError = (message: string, logger: string, javaClass: string, exceptionMessage: string | null) => void;

export interface RecordFormatter {
  /** Write one record. May throw (a deserializer's exception); what was written stays written. */
  write(c: RecordCursor, out: Output): void;
}

function bool(v: string): boolean {
  return v.trim().toLowerCase() === 'true';
}

function prefixed(configs: ReadonlyMap<string, string>, prefix: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of configs) if (k.startsWith(prefix) && k.length > prefix.length) out.set(k.slice(prefix.length), v);
  return out;
}

export class DefaultMessageFormatter implements RecordFormatter {
  printTimestamp = false;
  printKey = false;
  printValue = true;
  printPartition = false;
  printOffset = false;
  printDelivery = false;
  printEpoch = false;
  printHeaders = false;
  keySeparator: Buffer = Buffer.from('\t');
  lineSeparator: Buffer = Buffer.from('\n');
  headersSeparator: Buffer = Buffer.from(',');
  nullLiteral: Buffer = Buffer.from('null');
  keyDeserializer: Deserializer | null = null;
  valueDeserializer: Deserializer | null = null;
  headersDeserializer: Deserializer | null = null;
  /** Only the raw value: the hot path. */
  private valueOnly = true;

  configure(configs: ReadonlyMap<string, string>, logError: LogError): void {
    const b = (k: string, cur: boolean) => (configs.has(k) ? bool(configs.get(k)!) : cur);
    const bytes = (k: string, cur: Buffer) => (configs.has(k) ? Buffer.from(configs.get(k)!, 'utf8') : cur);
    this.printTimestamp = b('print.timestamp', this.printTimestamp);
    this.printKey = b('print.key', this.printKey);
    this.printOffset = b('print.offset', this.printOffset);
    this.printDelivery = b('print.delivery', this.printDelivery);
    this.printEpoch = b('print.epoch', this.printEpoch);
    this.printPartition = b('print.partition', this.printPartition);
    this.printHeaders = b('print.headers', this.printHeaders);
    this.printValue = b('print.value', this.printValue);
    this.keySeparator = bytes('key.separator', this.keySeparator);
    this.lineSeparator = bytes('line.separator', this.lineSeparator);
    this.headersSeparator = bytes('headers.separator', this.headersSeparator);
    this.nullLiteral = bytes('null.literal', this.nullLiteral);
    const deser = (key: string, isKey: boolean): Deserializer | null => {
      if (!configs.has(key)) return null;
      const name = configs.get(key)!;
      try {
        return createDeserializer(name, prefixed(configs, `${key}.`), isKey);
      } catch (e) {
        const je = e instanceof JavaRuntimeError ? e : new JavaRuntimeError('java.lang.RuntimeException', String((e as Error).message));
        logError(`Unable to instantiate a deserializer from ${name}`, `${FORMATTER_PACKAGE}DefaultMessageFormatter`, je.javaClass, je.message);
        return null;
      }
    };
    this.keyDeserializer = deser('key.deserializer', true);
    this.valueDeserializer = deser('value.deserializer', false);
    this.headersDeserializer = deser('headers.deserializer', false);
    this.valueOnly = this.printValue && !this.valueDeserializer && !this.printTimestamp && !this.printKey &&
      !this.printOffset && !this.printDelivery && !this.printEpoch && !this.printPartition && !this.printHeaders;
  }

  private sep(out: Output, more: boolean): void {
    out.putBuffer(more ? this.keySeparator : this.lineSeparator);
  }

  /** A field's bytes (or null.literal), through the deserializer when there is one. */
  private field(out: Output, d: Deserializer | null, buf: Buffer, start: number, len: number): void {
    if (d === null) {
      if (len < 0) out.putBuffer(this.nullLiteral);
      else out.put(buf, start, len);
      return;
    }
    const bytes = len < 0 ? this.nullLiteral : buf.subarray(start, start + len);
    out.utf8(d.deserialize(bytes));
  }

  write(c: RecordCursor, out: Output): void {
    if (this.valueOnly) {
      const len = c.valueLen;
      // The record is read (its headers are never looked at here): its value can move down in place.
      if (len >= 0 && out.moveDown(c.buf, c.valueStart, len, this.lineSeparator, c.recordEnd)) return;
      if (len < 0) out.putBuffer(this.nullLiteral);
      else out.put(c.buf, c.valueStart, len);
      out.putBuffer(this.lineSeparator);
      return;
    }
    const value = this.printValue;
    const key = this.printKey || value;
    const headers = this.printHeaders || key;
    const epoch = this.printEpoch || headers;
    const delivery = this.printDelivery || epoch;
    const offset = this.printOffset || delivery;
    const partition = this.printPartition || offset;
    if (this.printTimestamp) {
      out.ascii(c.timestampType === 1 ? 'LogAppendTime:' : 'CreateTime:');
      out.integer(c.timestamp);
      this.sep(out, partition);
    }
    if (this.printPartition) {
      out.ascii('Partition:');
      out.integer(c.partition);
      this.sep(out, offset);
    }
    if (this.printOffset) {
      out.ascii('Offset:');
      out.integer(c.offset);
      this.sep(out, delivery);
    }
    if (this.printDelivery) {
      out.ascii('Delivery:NOT_PRESENT');
      this.sep(out, epoch);
    }
    if (this.printEpoch) {
      out.ascii('Epoch:NOT_PRESENT');
      this.sep(out, headers);
    }
    if (this.printHeaders) {
      if (c.headerCount === 0) {
        out.ascii('NO_HEADERS');
      } else {
        let i = 0;
        const n = c.headerCount;
        forEachHeader(c, (buf, ks, kl, vs, vl) => {
          out.utf8(buf.toString('utf8', ks, ks + kl));
          out.ascii(':');
          this.field(out, this.headersDeserializer, buf, vs, vl);
          if (++i < n) out.putBuffer(this.headersSeparator);
        });
      }
      this.sep(out, key);
    }
    if (this.printKey) {
      this.field(out, this.keyDeserializer, c.buf, c.keyStart, c.keyLen);
      this.sep(out, value);
    }
    if (value) {
      this.field(out, this.valueDeserializer, c.buf, c.valueStart, c.valueLen);
      out.putBuffer(this.lineSeparator);
    }
  }
}

export class NoOpMessageFormatter implements RecordFormatter {
  write(): void {
    /* nothing */
  }
}

/**
 * `--output jsonl`: one JSON object per record and line, fields in this order:
 *   {"topic":"t","partition":0,"offset":42,"timestamp":1729850000000,"timestampType":"CreateTime",
 *    "key":"k","value":"v","headers":[{"key":"h","value":"x"}]}
 * - timestampType: "CreateTime" or "LogAppendTime";
 * - key / value / header values: a JSON string when the bytes are valid UTF-8, null when the
 *   field is null, otherwise {"base64":"<standard base64 of the bytes>"};
 * - headers: an array in record order (keys may repeat), [] when there are none.
 * Formatter properties, deserializers and --formatter do not apply to it.
 */
export class JsonLinesFormatter implements RecordFormatter {
  private static bytes(buf: Buffer, start: number, len: number): string {
    if (len < 0) return 'null';
    const b = buf.subarray(start, start + len);
    return isUtf8(b) ? JSON.stringify(b.toString('utf8')) : `{"base64":"${b.toString('base64')}"}`;
  }

  write(c: RecordCursor, out: Output): void {
    let s = `{"topic":${JSON.stringify(c.topic)},"partition":${c.partition},"offset":${c.offset},"timestamp":${c.timestamp},` +
      `"timestampType":"${c.timestampType === 1 ? 'LogAppendTime' : 'CreateTime'}",` +
      `"key":${JsonLinesFormatter.bytes(c.buf, c.keyStart, c.keyLen)},"value":${JsonLinesFormatter.bytes(c.buf, c.valueStart, c.valueLen)},"headers":[`;
    if (c.headerCount > 0) {
      let first = true;
      forEachHeader(c, (buf, ks, kl, vs, vl) => {
        s += `${first ? '' : ','}{"key":${JSON.stringify(buf.toString('utf8', ks, ks + kl))},"value":${JsonLinesFormatter.bytes(buf, vs, vl)}}`;
        first = false;
      });
    }
    s += ']}\n';
    out.utf8(s);
  }
}
