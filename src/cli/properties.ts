// Java .properties files (java.util.Properties.load) and Kafka's CommandLineUtils.parseKeyValueArgs.
//
// load() semantics reproduced:
// - natural lines end at \n, \r or \r\n; leading whitespace (space, \t, \f) is skipped;
// - blank lines and lines whose first non-blank character is `#` or `!` are ignored (a comment
//   never continues onto the next line);
// - a line ending in an odd number of backslashes continues on the next line, whose leading
//   whitespace is dropped (a blank continuation line ends the logical line; at end of input the
//   dangling backslash is dropped);
// - the key ends at the first unescaped `=`, `:` or whitespace; whitespace and then at most one
//   `=`/`:` (and more whitespace) separate it from the value; the value keeps trailing whitespace;
// - escapes in keys and values: \t \n \r \f, \uXXXX, and `\x` = `x` for anything else;
//   a malformed \uXXXX -> `Malformed \uxxxx encoding.`;
// - a repeated key takes the later value.
// Kafka loads property files as bytes (Properties.load(InputStream)), i.e. ISO-8859-1; that is the
// default encoding of loadPropertiesFile.

import { readFileSync } from 'node:fs';
import { JavaException } from './errors';

const isWs = (c: string) => c === ' ' || c === '\t' || c === '\f';

/** The logical lines of a properties text (java.util.Properties.LineReader). */
function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let buf = '';
  let skipWhiteSpace = true;
  let appendedLineBegin = false;
  let isNewLine = true;
  let isCommentLine = false;
  let precedingBackslash = false;
  let skipLF = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (skipLF) {
      skipLF = false;
      if (c === '\n') continue;
    }
    if (skipWhiteSpace) {
      if (isWs(c)) continue;
      if (!appendedLineBegin && (c === '\r' || c === '\n')) continue;
      skipWhiteSpace = false;
      appendedLineBegin = false;
    }
    if (isNewLine) {
      isNewLine = false;
      if (c === '#' || c === '!') {
        isCommentLine = true;
        continue;
      }
    }
    if (c !== '\n' && c !== '\r') {
      if (isCommentLine) continue;
      buf += c;
      precedingBackslash = c === '\\' ? !precedingBackslash : false;
      continue;
    }
    // end of a natural line
    if (isCommentLine || buf.length === 0) {
      isCommentLine = false;
      isNewLine = true;
      skipWhiteSpace = true;
      buf = '';
      if (c === '\r') skipLF = true;
      continue;
    }
    if (precedingBackslash) {
      buf = buf.slice(0, -1);
      skipWhiteSpace = true;
      appendedLineBegin = true;
      precedingBackslash = false;
      if (c === '\r') skipLF = true;
      continue;
    }
    lines.push(buf);
    buf = '';
    isNewLine = true;
    skipWhiteSpace = true;
    if (c === '\r') skipLF = true;
  }
  if (!isCommentLine && buf.length > 0) lines.push(precedingBackslash ? buf.slice(0, -1) : buf);
  return lines;
}

function unescape(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    i++;
    if (i >= s.length) break;
    const e = s[i];
    if (e === 'u') {
      const hex = s.slice(i + 1, i + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JavaException('java.lang.IllegalArgumentException', 'Malformed \\uxxxx encoding.');
      out += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else if (e === 't') out += '\t';
    else if (e === 'n') out += '\n';
    else if (e === 'r') out += '\r';
    else if (e === 'f') out += '\f';
    else out += e;
  }
  return out;
}

function splitKeyValue(line: string): [string, string] {
  let keyLen = 0;
  let valueStart = line.length;
  let hasSep = false;
  let precedingBackslash = false;
  while (keyLen < line.length) {
    const c = line[keyLen];
    if ((c === '=' || c === ':') && !precedingBackslash) {
      valueStart = keyLen + 1;
      hasSep = true;
      break;
    }
    if (isWs(c) && !precedingBackslash) {
      valueStart = keyLen + 1;
      break;
    }
    precedingBackslash = c === '\\' ? !precedingBackslash : false;
    keyLen++;
  }
  while (valueStart < line.length) {
    const c = line[valueStart];
    if (!isWs(c)) {
      if (!hasSep && (c === '=' || c === ':')) hasSep = true;
      else break;
    }
    valueStart++;
  }
  return [unescape(line.slice(0, keyLen)), unescape(line.slice(valueStart))];
}

/** Parse properties text; entries keep the order of first appearance, later values win. */
export function parseProperties(text: string): Map<string, string> {
  const props = new Map<string, string>();
  for (const line of logicalLines(text)) {
    const [k, v] = splitKeyValue(line);
    props.set(k, v);
  }
  return props;
}

const IO_EXCEPTIONS: Record<string, string> = {
  ENOENT: 'java.nio.file.NoSuchFileException',
  ENOTDIR: 'java.nio.file.NoSuchFileException',
  EACCES: 'java.nio.file.AccessDeniedException',
  EPERM: 'java.nio.file.AccessDeniedException',
};

/**
 * Kafka's Utils.loadProps(path). A missing/unreadable file throws a JavaException shaped like
 * Java's (`java.nio.file.NoSuchFileException: <path>`).
 */
export function loadPropertiesFile(path: string, encoding: BufferEncoding = 'latin1'): Map<string, string> {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (code === 'EISDIR') throw new JavaException('java.io.IOException', 'Is a directory');
    throw new JavaException(IO_EXCEPTIONS[code] ?? 'java.io.IOException', IO_EXCEPTIONS[code] ? path : (e as Error).message);
  }
  return parseProperties(data.toString(encoding));
}

/**
 * CommandLineUtils.parseKeyValueArgs: split each argument on the first `=`; `key` or `key=` gives
 * `''` (or, with acceptMissingValue=false, `Missing value for key <key>`); later keys win.
 */
export function parseKeyValueArgs(args: readonly string[], acceptMissingValue = true): Map<string, string> {
  const props = new Map<string, string>();
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const key = eq < 0 ? arg : arg.slice(0, eq);
    const value = eq < 0 ? '' : arg.slice(eq + 1);
    if (value === '' && !acceptMissingValue) {
      throw new JavaException('java.lang.IllegalArgumentException', `Missing value for key ${key}`);
    }
    props.set(key, value);
  }
  return props;
}
