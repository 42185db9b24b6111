// Kafka's LineMessageReader (tools/.../LineMessageReader.java, 3.2+/4.x) over raw bytes.
//
// Lines end at \n, \r\n or \r (BufferedReader.readLine); the text is UTF-8 (malformed bytes
// become U+FFFD, as Java's decoder does). Each line becomes one record:
//   [headers<headers.delimiter>][key<key.separator>]value
// with each separator found by the first occurrence after the previous part. Keys and values are
// handed to the sink as byte ranges of the input buffer: for valid UTF-8 a byte search for the
// UTF-8 separator finds the same split as Java's String.indexOf, so no string is built per line.

import { isUtf8 } from 'node:buffer';
import type { RecordHeader } from '../../protocol/records/batch';

/** `org.apache.kafka.common.KafkaException` (and other Java exceptions) raised by the reader. */
export class ReaderException extends Error {
  constructor(message: string, readonly javaClass = 'org.apache.kafka.common.KafkaException') {
    super(message);
    this.name = 'ReaderException';
  }

  override toString(): string {
    return `${this.javaClass}: ${this.message}`;
  }
}

export interface LineReaderConfig {
  topic: string;
  parseKey: boolean;
  keySeparator: string;
  parseHeaders: boolean;
  headersDelimiter: string;
  headersSeparator: string;
  headersSeparatorPattern: RegExp;
  headersKeySeparator: string;
  ignoreError: boolean;
  nullMarker: string | null;
}

function isTrue(v: string): boolean {
  return v.trim().toLowerCase() === 'true';
}

/** Translate a java.util.regex pattern to a JavaScript one (the common subset is the same). */
function compileJavaPattern(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'g');
  } catch (e) {
    throw new ReaderException(`${(e as Error).message.replace(/^Invalid regular expression: /, '')}`, 'java.util.regex.PatternSyntaxException');
  }
}

/** LineMessageReader.configure: defaults, overrides and the separator checks, with Kafka's messages. */
export function configureLineReader(props: ReadonlyMap<string, string>): LineReaderConfig {
  const cfg: LineReaderConfig = {
    topic: props.get('topic') ?? '',
    parseKey: false,
    keySeparator: '\t',
    parseHeaders: false,
    headersDelimiter: '\t',
    headersSeparator: ',',
    headersSeparatorPattern: /,/g,
    headersKeySeparator: ':',
    ignoreError: false,
    nullMarker: null,
  };
  if (props.has('parse.key')) cfg.parseKey = isTrue(props.get('parse.key')!);
  if (props.has('key.separator')) cfg.keySeparator = props.get('key.separator')!;
  if (props.has('parse.headers')) cfg.parseHeaders = isTrue(props.get('parse.headers')!);
  if (props.has('headers.delimiter')) cfg.headersDelimiter = props.get('headers.delimiter')!;
  if (props.has('headers.separator')) cfg.headersSeparator = props.get('headers.separator')!;
  cfg.headersSeparatorPattern = compileJavaPattern(cfg.headersSeparator);
  if (props.has('headers.key.separator')) cfg.headersKeySeparator = props.get('headers.key.separator')!;
  if (props.has('ignore.error')) cfg.ignoreError = isTrue(props.get('ignore.error')!);
  if (cfg.headersDelimiter === cfg.headersSeparator) throw new ReaderException('headers.delimiter and headers.separator may not be equal');
  if (cfg.headersDelimiter === cfg.headersKeySeparator) throw new ReaderException('headers.delimiter and headers.key.separator may not be equal');
  if (cfg.headersSeparator === cfg.headersKeySeparator) throw new ReaderException('headers.separator and headers.key.separator may not be equal');
  if (props.has('null.marker')) cfg.nullMarker = props.get('null.marker')!;
  if (cfg.keySeparator === cfg.nullMarker) throw new ReaderException('null.marker and key.separator may not be equal');
  if (cfg.headersSeparator === cfg.nullMarker) throw new ReaderException('null.marker and headers.separator may not be equal');
  if (cfg.headersDelimiter === cfg.nullMarker) throw new ReaderException('null.marker and headers.delimiter may not be equal');
  if (cfg.headersKeySeparator === cfg.nullMarker) throw new ReaderException('null.marker and headers.key.separator may not be equal');
  return cfg;
}

/** java.util.regex.Pattern.split(input) (limit 0). */
export function javaPatternSplit(input: string, re: RegExp): string[] {
  const out: string[] = [];
  let index = 0;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(input)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[0].length === 0) re.lastIndex++;
    if (start >= input.length && m[0].length === 0) break;
    // A zero-width match at the very beginning never yields a leading empty string.
    if (index === 0 && start === 0 && end === 0) continue;
    out.push(input.slice(index, start));
    index = end;
  }
  if (index === 0) return [input];
  out.push(input.slice(index));
  let n = out.length;
  while (n > 0 && out[n - 1] === '') n--;
  return out.slice(0, n);
}

/** Receives each record. Byte ranges stay valid until the returned promise (if any) settles. */
export type RecordSink = (
  key: Buffer | null, ks: number, ke: number,
  value: Buffer | null, vs: number, ve: number,
  headers: RecordHeader[] | null,
) => Promise<unknown> | undefined | void;

/** Where the bytes come from: resolves with the number of bytes read into buf at offset, 0 at EOF. */
export type ReadFn = (buf: Buffer, offset: number, length: number) => Promise<number>;

const LF = 10;
const CR = 13;
const INITIAL_BUFFER = 1 << 20;

// takeLines' answers.
const NEED_INPUT = 0;
const WAIT = 1;
const STOP = 2;

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Index of `sep` in buf[from, to), or -1. */
function indexOfBytes(buf: Buffer, sep: Buffer, from: number, to: number): number {
  const n = sep.length;
  if (n === 0) return from;
  const first = sep[0];
  const last = to - n;
  outer: for (let i = from; i <= last; i++) {
    if (buf[i] !== first) continue;
    for (let j = 1; j < n; j++) if (buf[i + j] !== sep[j]) continue outer;
    return i;
  }
  return -1;
}

function equalsBytes(buf: Buffer, s: number, e: number, what: Buffer | null): boolean {
  if (what === null || e - s !== what.length) return false;
  for (let i = 0; i < what.length; i++) if (buf[s + i] !== what[i]) return false;
  return true;
}

export class LineMessageReader {
  lineNumber = 0;
  private readonly keySep: Buffer;
  private readonly headersDelim: Buffer;
  private readonly nullMarker: Buffer | null;
  /** Only plain values: nothing to look for in a line. */
  private readonly plain: boolean;

  constructor(private readonly cfg: LineReaderConfig, private readonly prompt: (() => void) | null = null) {
    this.keySep = Buffer.from(cfg.keySeparator, 'utf8');
    this.headersDelim = Buffer.from(cfg.headersDelimiter, 'utf8');
    this.nullMarker = cfg.nullMarker === null ? null : Buffer.from(cfg.nullMarker, 'utf8');
    this.plain = !cfg.parseKey && !cfg.parseHeaders && cfg.nullMarker === null;
  }

  // Where the reader is between calls of takeLines (positions are absolute in buf).
  private buf: Buffer = Buffer.alloc(0);
  private start = 0; // first unconsumed byte
  private end = 0; // end of data
  private eof = false;
  private skipLF = false; // the last line ended with \r: a \n right after it belongs to it
  private scanned = 0; // bytes from `start` known to hold no line terminator
  private crLimit = 0; // no \r at or after this position
  private checkedUtf8 = 0; // [.., checkedUtf8) is valid UTF-8
  private perLineUntil = 0; // a range check failed before this: validate line by line up to here
  private prompted = false; // the current line was counted (and prompted for)
  /** What the sink returned for the last line handed over (takeLines answered WAIT). */
  private pending: Promise<unknown> | null = null;

  /**
   * Read every line from `read` and hand each record to `sink`; resolves at EOF, rejects with
   * ReaderException on a line that cannot be parsed (records before it were handed over).
   * `stopped()` is checked between lines (Ctrl-C).
   *
   * The lines already in the buffer are handed over by takeLines, a plain loop (no await per
   * line): this function only reads, and waits when the sink asks it to.
   */
  async run(read: ReadFn, sink: RecordSink, stopped: () => boolean = () => false): Promise<void> {
    this.buf = Buffer.allocUnsafe(INITIAL_BUFFER);
    this.start = this.end = this.scanned = this.crLimit = this.checkedUtf8 = this.perLineUntil = 0;
    this.eof = this.skipLF = this.prompted = false;
    this.pending = null;
    for (;;) {
      const next = this.takeLines(sink, stopped);
      if (next === STOP) return;
      if (next === WAIT) {
        const r = this.pending;
        this.pending = null;
        await r;
        if (stopped()) return;
        continue;
      }
      // NEED_INPUT: the line is incomplete and more may come; none of its bytes is a terminator.
      if (stopped()) return;
      let buf = this.buf;
      let start = this.start;
      let end = this.end;
      this.scanned = end - start;
      // Compact or grow, then read.
      if (start > 0 && (end === buf.length || start >= buf.length >> 1)) {
        buf.copy(buf, 0, start, end);
        end -= start;
        this.crLimit = Math.max(0, this.crLimit - start);
        this.checkedUtf8 = Math.max(0, this.checkedUtf8 - start);
        this.perLineUntil = Math.max(0, this.perLineUntil - start);
        start = 0;
      }
      if (end === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, end);
        buf = bigger;
      }
      this.buf = buf;
      this.start = start;
      this.end = end;
      const n = await read(buf, end, buf.length - end);
      if (n === 0) {
        this.eof = true;
      } else {
        const cr = buf.subarray(end, end + n).lastIndexOf(CR);
        if (cr >= 0) this.crLimit = end + cr + 1;
        this.end = end + n;
      }
    }
  }

  /**
   * Hand over the complete lines in the buffer (and at EOF the last one): NEED_INPUT when a line
   * needs more bytes, WAIT when the sink returned a promise (in `pending`), STOP at the end or
   * when stopped() says so.
   */
  private takeLines(sink: RecordSink, stopped: () => boolean): number {
    const buf = this.buf;
    const end = this.end;
    const eof = this.eof;
    const crLimit = this.crLimit;
    const prompt = this.prompt;
    const plain = this.plain;
    let start = this.start;
    let skipLF = this.skipLF;
    let scanned = this.scanned;
    let checkedUtf8 = this.checkedUtf8;
    let perLineUntil = this.perLineUntil;
    let result: number;
    for (;;) {
      if (!this.prompted) {
        this.prompted = true;
        this.lineNumber++;
        if (prompt !== null) prompt();
      }
      // Find the next line: [start, lineEnd), terminated by one byte at lineEnd (or EOF).
      let lineEnd = -1;
      if (skipLF && start < end) {
        if (buf[start] === LF) start++;
        skipLF = false;
        scanned = 0;
      }
      if (!skipLF && start < end) {
        let i = start + scanned;
        for (; i < crLimit && i < end; i++) {
          const c = buf[i];
          if (c === LF || c === CR) {
            lineEnd = i;
            break;
          }
        }
        if (lineEnd < 0 && i < end) {
          const lf = buf.indexOf(LF, i);
          if (lf >= 0 && lf < end) lineEnd = lf;
        }
      }
      if (lineEnd < 0) {
        if (!eof) {
          result = NEED_INPUT;
          break;
        }
        // EOF: the rest (if any) is the last line.
        if (start >= end) {
          result = STOP;
          break;
        }
        lineEnd = end;
      }
      const s = start;
      if (lineEnd < end) {
        start = lineEnd + 1;
        if (buf[lineEnd] === CR) skipLF = true;
      } else {
        start = end;
      }
      scanned = 0;
      this.prompted = false;

      let lineBuf = buf;
      let ls = s;
      let le = lineEnd;
      if (le > checkedUtf8) {
        if (s >= perLineUntil) {
          // Validate all complete lines in the buffer at once (terminators are ASCII).
          let upTo = eof ? end : Math.max(buf.lastIndexOf(LF, end - 1), crLimit - 1) + 1;
          if (upTo < le) upTo = le;
          if (isUtf8(buf.subarray(s, upTo))) checkedUtf8 = upTo;
          else perLineUntil = upTo;
        }
        if (le > checkedUtf8) {
          if (isUtf8(buf.subarray(s, le))) {
            checkedUtf8 = le;
          } else {
            // Java decodes with replacement characters; re-encode this line alone.
            lineBuf = Buffer.from(decoder.decode(buf.subarray(s, le)), 'utf8');
            ls = 0;
            le = lineBuf.length;
          }
        }
      }

      // (A parse error thrown from here ends the reader: no state to keep.)
      const r = plain ? sink(null, 0, 0, lineBuf, ls, le, null) : this.parseLine(lineBuf, ls, le, sink);
      if (r !== undefined && r !== null) {
        this.pending = r;
        result = WAIT;
        break;
      }
      if (stopped()) {
        result = STOP;
        break;
      }
    }
    this.start = start;
    this.skipLF = skipLF;
    this.scanned = scanned;
    this.checkedUtf8 = checkedUtf8;
    this.perLineUntil = perLineUntil;
    return result;
  }

  private lineText(buf: Buffer, s: number, e: number): string {
    return buf.toString('utf8', s, e);
  }

  private parseLine(buf: Buffer, s: number, e: number, sink: RecordSink): Promise<unknown> | undefined | void {
    const cfg = this.cfg;
    let pos = s;
    let headers: RecordHeader[] | null = null;
    if (cfg.parseHeaders) {
      const i = indexOfBytes(buf, this.headersDelim, s, e);
      if (i < 0) {
        if (!cfg.ignoreError) {
          throw new ReaderException(`No headers delimiter found on line number ${this.lineNumber}: '${this.lineText(buf, s, e)}'`);
        }
      } else {
        if (!equalsBytes(buf, s, i, this.nullMarker)) headers = this.splitHeaders(buf.toString('utf8', s, i));
        pos = i + this.headersDelim.length;
      }
    }
    let key: Buffer | null = null;
    let ks = 0;
    let ke = 0;
    if (cfg.parseKey) {
      const i = indexOfBytes(buf, this.keySep, pos, e);
      if (i < 0) {
        if (!cfg.ignoreError) {
          throw new ReaderException(`No key separator found on line number ${this.lineNumber}: '${this.lineText(buf, s, e)}'`);
        }
      } else {
        if (!equalsBytes(buf, pos, i, this.nullMarker)) {
          key = buf;
          ks = pos;
          ke = i;
        }
        pos = i + this.keySep.length;
      }
    }
    const value = equalsBytes(buf, pos, e, this.nullMarker) ? null : buf;
    return sink(key, ks, ke, value, pos, e, headers);
  }

  private splitHeaders(text: string): RecordHeader[] | null {
    const cfg = this.cfg;
    const pairs = javaPatternSplit(text, cfg.headersSeparatorPattern);
    const out: RecordHeader[] = [];
    for (const pair of pairs) {
      const i = pair.indexOf(cfg.headersKeySeparator);
      if (i < 0) {
        if (cfg.ignoreError) {
          out.push({ key: pair, value: null });
          continue;
        }
        throw new ReaderException(`No header key separator found in pair '${pair}' on line number ${this.lineNumber}`);
      }
      const key = pair.slice(0, i);
      if (key === cfg.nullMarker) {
        throw new ReaderException(`Header keys should not be equal to the null marker '${cfg.nullMarker}' as they can't be null`);
      }
      const v = pair.slice(i + cfg.headersKeySeparator.length);
      out.push({ key, value: v === cfg.nullMarker ? null : Buffer.from(v, 'utf8') });
    }
    return out.length === 0 ? null : out;
  }
}
