// FileStreamSource: each line of `file` becomes a record on `topic` (no key, the line as a string
// value with Schema.STRING_SCHEMA), at most `batch.size` lines (default 2000) per poll. It follows
// the file as it grows; a line is sent once its end of line (\n, \r\n or \r) is there. The source
// offset is {"position": <bytes read>} under the partition {"filename": <file as configured>}, so
// a restart goes on after the last line whose offset was stored.
//
// (Kafka's task counts the position in characters but skips bytes on restart; for ASCII text the
// two agree, and this one counts bytes so a restart also lands right after non-ASCII lines.)
import * as fs from 'node:fs';
import { JavaException } from '../../cli/errors';
import { STRING_SCHEMA } from './converters';

/** Where polling waits when the file has no new complete line (Kafka's task waits 1 s). */
const IDLE_WAIT_MS = 200;

export interface SourceRecord {
  line: string;
  /** The offset after this line. */
  position: number;
}

export interface FileSourceSettings {
  file: string;
  topic: string;
  batchSize: number;
}

const configException = (message: string) => new JavaException('org.apache.kafka.common.config.ConfigException', message);

export function fileSourceSettings(props: ReadonlyMap<string, string>): FileSourceSettings {
  const file = props.get('file')?.trim() ?? '';
  const topic = props.get('topic')?.trim();
  if (!topic) throw configException('Missing required configuration "topic" which has no default value.');
  if (topic.includes(',')) throw configException(`Invalid value ${topic} for configuration topic: "topic" must be a single topic name`);
  if (!file) throw configException('Reading from standard input (no "file") is not supported here: set "file"');
  const batchText = props.get('batch.size')?.trim() ?? '2000';
  const batchSize = Number(batchText);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw configException(`Invalid value ${batchText} for configuration batch.size`);
  return { file, topic, batchSize };
}

/** The source partition and offset maps of a line, as stored and as serialized in the offsets file. */
export const sourcePartition = (file: string) => ({ filename: file });
export const sourceOffset = (position: number) => ({ position });
export const VALUE_SCHEMA = STRING_SCHEMA;

export class FileLineReader {
  private pending = Buffer.alloc(0);
  /** Bytes of the file consumed into `pending` or into returned lines. */
  private readPosition: number;
  private missingLogged = false;

  constructor(private readonly settings: FileSourceSettings, private position: number, private readonly warn: (message: string) => void) {
    this.readPosition = position;
  }

  /** Up to batch.size complete lines after the current position (none: nothing new yet). */
  poll(): SourceRecord[] {
    let fd: number;
    try {
      fd = fs.openSync(this.settings.file, 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        if (!this.missingLogged) this.warn(`Couldn't find file ${this.settings.file} for FileStreamSourceTask, sleeping to wait for it to be created`);
        this.missingLogged = true;
        return [];
      }
      throw e;
    }
    this.missingLogged = false;
    try {
      const size = fs.fstatSync(fd).size;
      if (size < this.readPosition) return []; // truncated: Kafka's task does not notice either
      if (size > this.readPosition) {
        const chunk = Buffer.alloc(Math.min(size - this.readPosition, 1 << 20));
        const n = fs.readSync(fd, chunk, 0, chunk.length, this.readPosition);
        this.pending = Buffer.concat([this.pending, chunk.subarray(0, n)]);
        this.readPosition += n;
      }
    } finally {
      fs.closeSync(fd);
    }
    const out: SourceRecord[] = [];
    let start = 0;
    while (out.length < this.settings.batchSize) {
      let i = start;
      while (i < this.pending.length && this.pending[i] !== 0x0a && this.pending[i] !== 0x0d) i++;
      if (i >= this.pending.length) break;
      let end = i + 1;
      if (this.pending[i] === 0x0d) {
        if (i + 1 >= this.pending.length) break; // a \r at the end: wait to see whether \n follows
        if (this.pending[i + 1] === 0x0a) end++;
      }
      this.position += end - start;
      out.push({ line: this.pending.toString('utf8', start, i), position: this.position });
      start = end;
    }
    this.pending = this.pending.subarray(start);
    return out;
  }
}

export { IDLE_WAIT_MS };
