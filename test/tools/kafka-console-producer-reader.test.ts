// LineMessageReader (Kafka 4.x tools/.../LineMessageReader.java) over bytes: line splitting,
// parse.key / parse.headers / null.marker / ignore.error, Kafka's error texts, configure checks,
// UTF-8 handling and the `>` prompt logic (with a fake terminal flag).
import { describe, it, expect } from 'vitest';
import * as path from 'node:path';
import { ROOT } from '../helpers/engine';

const { configureLineReader, LineMessageReader, javaPatternSplit, ReaderException } = require(path.join(ROOT, 'dist/tools/producer/line-reader'));

interface Rec {
  key: string | null;
  value: string | null;
  headers: [string, string | null][] | null;
}

/** A ReadFn over fixed chunks (to exercise chunk boundaries). */
function chunked(data: Buffer, sizes: number[] = []): (buf: Buffer, off: number, len: number) => Promise<number> {
  let at = 0;
  let i = 0;
  return async (buf, off, len) => {
    if (at >= data.length) return 0;
    const want = sizes.length > 0 ? sizes[i++ % sizes.length] : data.length;
    const n = Math.min(len, want, data.length - at);
    data.copy(buf, off, at, at + n);
    at += n;
    return n;
  };
}

async function read(input: string | Buffer, props: Record<string, string> = {}, opts: { sizes?: number[]; prompt?: () => void } = {}) {
  const cfg = configureLineReader(new Map(Object.entries({ topic: 't', ...props })));
  const reader = new LineMessageReader(cfg, opts.prompt ?? null);
  const recs: Rec[] = [];
  const raw: { key: Buffer | null; value: Buffer | null }[] = [];
  let error: unknown;
  try {
    await reader.run(chunked(Buffer.isBuffer(input) ? input : Buffer.from(input, 'utf8'), opts.sizes), (k: Buffer | null, ks: number, ke: number, v: Buffer | null, vs: number, ve: number, h: any) => {
      const key = k === null ? null : Buffer.from(k.subarray(ks, ke));
      const value = v === null ? null : Buffer.from(v.subarray(vs, ve));
      raw.push({ key, value });
      recs.push({
        key: key === null ? null : key.toString('utf8'),
        value: value === null ? null : value.toString('utf8'),
        headers: h === null ? null : h.map((x: any) => [x.key, x.value === null ? null : x.value.toString('utf8')]),
      });
    });
  } catch (e) {
    error = e;
  }
  return { recs, raw, error: error as any, lineNumber: reader.lineNumber };
}

describe('line splitting (BufferedReader.readLine)', () => {
  it('\\n, \\r\\n and \\r end lines; the last line needs no terminator; empty lines are empty values', async () => {
    const { recs } = await read('a\nb\r\nc\rd\n\n\re');
    expect(recs.map((r) => r.value)).toEqual(['a', 'b', 'c', 'd', '', '', 'e']);
    expect(recs.every((r) => r.key === null && r.headers === null)).toBe(true);
  });

  it('no input: no record; a lone newline: one empty record', async () => {
    expect((await read('')).recs).toEqual([]);
    expect((await read('\n')).recs.map((r) => r.value)).toEqual(['']);
  });

  it('is independent of how the input is chunked (\\r\\n split across reads, long lines)', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) lines.push(`line ${i} ${'z'.repeat(i % 700)} é✓`);
    const text = lines.join('\r\n') + '\r\n';
    for (const sizes of [[4096], [65536], [65535, 1]]) {
      const { recs } = await read(text, {}, { sizes });
      expect(recs.map((r) => r.value)).toEqual(lines);
    }
    const few = lines.slice(0, 60);
    for (const sizes of [[1], [7, 3, 1]]) {
      const { recs } = await read(few.join('\r\n') + '\r\n', {}, { sizes });
      expect(recs.map((r) => r.value)).toEqual(few);
    }
  });

  it('a line longer than the read buffer is kept whole', async () => {
    const big = 'q'.repeat(3 * 1024 * 1024);
    const { recs } = await read(`${big}\nx\n`, {}, { sizes: [100000] });
    expect(recs.map((r) => r.value!.length)).toEqual([big.length, 1]);
  });

  it('malformed UTF-8 becomes U+FFFD as Java decodes it; valid lines stay byte-exact', async () => {
    const input = Buffer.concat([Buffer.from('ok é\n'), Buffer.from([0x61, 0xff, 0x62, 0x0a]), Buffer.from('after\n')]);
    const { raw } = await read(input);
    expect(raw.map((r) => r.value!.toString('hex'))).toEqual([
      Buffer.from('ok é').toString('hex'),
      Buffer.from('a\uFFFDb').toString('hex'),
      Buffer.from('after').toString('hex'),
    ]);
  });
});

describe('handing lines over', () => {
  it('a sink that answers with a promise is awaited before the next line, wherever the line sits in the chunk', async () => {
    const cfg = configureLineReader(new Map([['topic', 't'], ['parse.key', 'true']]));
    let inSink = false;
    const input = 'k1\tv1\nk2\tv2\r\nk3\tv3\rk4\tv4';
    for (const sizes of [[input.length], [1], [5, 2]]) {
      const events: string[] = [];
      const reader = new LineMessageReader(cfg, () => events.push('>'));
      await reader.run(chunked(Buffer.from(input), sizes), (k: Buffer, ks: number, ke: number, v: Buffer, vs: number, ve: number) => {
        expect(inSink).toBe(false);
        events.push(`${k.toString('utf8', ks, ke)}=${v.toString('utf8', vs, ve)}@${reader.lineNumber}`);
        // Some records make the reader wait (as a send waiting for buffer memory does).
        if (events.length % 4 !== 0) return undefined;
        inSink = true;
        return new Promise<void>((resolve) => setImmediate(() => { inSink = false; resolve(); }));
      });
      expect(events.join(' ')).toBe('> k1=v1@1 > k2=v2@2 > k3=v3@3 > k4=v4@4 >');
    }
  });

  it('stopped() ends the reader after the line being handed over, even with more lines in the buffer', async () => {
    const cfg = configureLineReader(new Map([['topic', 't']]));
    const reader = new LineMessageReader(cfg);
    const got: string[] = [];
    await reader.run(chunked(Buffer.from('a\nb\nc\nd\n')), (_k: unknown, _ks: number, _ke: number, v: Buffer, vs: number, ve: number) => {
      got.push(v.toString('utf8', vs, ve));
    }, () => got.length >= 2);
    expect(got).toEqual(['a', 'b']);
  });

  it('multi-byte UTF-8 split across reads stays byte-exact; a malformed sequence split across reads becomes U+FFFD', async () => {
    const text = 'añb✓c🚀\n€\n';
    for (const sizes of [[1], [2], [3], [5, 1]]) {
      const { raw } = await read(Buffer.from(text), {}, { sizes });
      expect(raw.map((r) => r.value!.toString('utf8'))).toEqual(['añb✓c🚀', '€']);
    }
    const bad = Buffer.concat([Buffer.from('x'), Buffer.from([0xe2, 0x9c]), Buffer.from('y\nok\n')]);
    for (const sizes of [[1], [2], [bad.length]]) {
      const { raw } = await read(bad, {}, { sizes });
      expect(raw.map((r) => r.value!.toString('hex'))).toEqual([Buffer.from('x\uFFFDy').toString('hex'), Buffer.from('ok').toString('hex')]);
    }
  });
});

describe('parse.key', () => {
  it('splits at the first key.separator; the value keeps later separators; key<sep> gives an empty value', async () => {
    const { recs } = await read('k1\tv1\nk2\tv\t2\nk3\t\n\tnokey\n', { 'parse.key': 'true' });
    expect(recs).toEqual([
      { key: 'k1', value: 'v1', headers: null },
      { key: 'k2', value: 'v\t2', headers: null },
      { key: 'k3', value: '', headers: null },
      { key: '', value: 'nokey', headers: null },
    ]);
  });

  it('parse.key is true only for "true" (trimmed, any case)', async () => {
    expect((await read('a:b\n', { 'parse.key': ' TRUE ', 'key.separator': ':' })).recs[0].key).toBe('a');
    expect((await read('a:b\n', { 'parse.key': 'yes', 'key.separator': ':' })).recs[0]).toEqual({ key: null, value: 'a:b', headers: null });
  });

  it('multi-character and non-ASCII separators are plain strings, not regexes', async () => {
    const { recs } = await read('a.*b::c\né→x→y\n', { 'parse.key': 'true', 'key.separator': '::' });
    expect(recs[0]).toEqual({ key: 'a.*b', value: 'c', headers: null });
    const r2 = await read('é→x→y\n', { 'parse.key': 'true', 'key.separator': '→' });
    expect(r2.recs[0]).toEqual({ key: 'é', value: 'x→y', headers: null });
  });

  it('a line without separator stops the reader with Kafka\'s message (records before it were delivered)', async () => {
    const { recs, error } = await read('a\t1\nno separator here\nb\t2\n', { 'parse.key': 'true' });
    expect(recs.map((r) => r.key)).toEqual(['a']);
    expect(error).toBeInstanceOf(ReaderException);
    expect(error.toString()).toBe("org.apache.kafka.common.KafkaException: No key separator found on line number 2: 'no separator here'");
  });

  it('ignore.error=true: no separator means a null key and the whole line as value', async () => {
    const { recs, error } = await read('a\t1\nplain\n', { 'parse.key': 'true', 'ignore.error': 'true' });
    expect(error).toBeUndefined();
    expect(recs[1]).toEqual({ key: null, value: 'plain', headers: null });
  });
});

describe('parse.headers and null.marker', () => {
  it('headers, key and value; a header without value separator; the null marker', async () => {
    const props = { 'parse.key': 'true', 'parse.headers': 'true', 'null.marker': 'NULL' };
    const { recs } = await read('h1:v1,h2:v2\tk\tv\nh:NULL\tNULL\tNULL\nNULL\tk\tv\nh1:a:b,h2:\tk\tv\n', props);
    expect(recs).toEqual([
      { key: 'k', value: 'v', headers: [['h1', 'v1'], ['h2', 'v2']] },
      { key: null, value: null, headers: [['h', null]] },
      { key: 'k', value: 'v', headers: null },
      { key: 'k', value: 'v', headers: [['h1', 'a:b'], ['h2', '']] },
    ]);
  });

  it('headers.separator is a regex (Pattern.split: trailing empty pairs dropped)', async () => {
    const { recs } = await read('a:1|b:2||\tv\n', { 'parse.headers': 'true', 'headers.separator': '\\|' });
    expect(recs[0]).toEqual({ key: null, value: 'v', headers: [['a', '1'], ['b', '2']] });
    expect(javaPatternSplit('', /,/g)).toEqual(['']);
    expect(javaPatternSplit(',', /,/g)).toEqual([]);
    expect(javaPatternSplit(',a,,b,,', /,/g)).toEqual(['', 'a', '', 'b']);
    expect(javaPatternSplit('ab', /x*/g)).toEqual(['a', 'b']);
  });

  it('error texts: missing headers delimiter, header without key separator, header key equal to the null marker', async () => {
    const e1 = (await read('novalue\n', { 'parse.headers': 'true' })).error;
    expect(e1.toString()).toBe("org.apache.kafka.common.KafkaException: No headers delimiter found on line number 1: 'novalue'");
    const e2 = (await read('x:1\tok\nbad\tv\n', { 'parse.headers': 'true' })).error;
    expect(e2.toString()).toBe("org.apache.kafka.common.KafkaException: No header key separator found in pair 'bad' on line number 2");
    const e3 = (await read('\tv\n', { 'parse.headers': 'true' })).error;
    expect(e3.toString()).toBe("org.apache.kafka.common.KafkaException: No header key separator found in pair '' on line number 1");
    const e4 = (await read('N:1\tv\n', { 'parse.headers': 'true', 'null.marker': 'N' })).error;
    expect(e4.toString()).toBe("org.apache.kafka.common.KafkaException: Header keys should not be equal to the null marker 'N' as they can't be null");
  });

  it('ignore.error=true: a header without key separator has a null value; no delimiter means no headers', async () => {
    const { recs } = await read('bad,a:1\tv\nplain\n', { 'parse.headers': 'true', 'ignore.error': 'true' });
    expect(recs).toEqual([
      { key: null, value: 'v', headers: [['bad', null], ['a', '1']] },
      { key: null, value: 'plain', headers: null },
    ]);
  });

  it('null.marker alone: a value equal to it is null', async () => {
    const { recs } = await read('x\n<null>\n<null> \n', { 'null.marker': '<null>' });
    expect(recs.map((r) => r.value)).toEqual(['x', null, '<null> ']);
  });
});

describe('configure checks', () => {
  const cases: [Record<string, string>, string][] = [
    [{ 'headers.delimiter': ',' }, 'headers.delimiter and headers.separator may not be equal'],
    [{ 'headers.delimiter': ':' }, 'headers.delimiter and headers.key.separator may not be equal'],
    [{ 'headers.separator': ':' }, 'headers.separator and headers.key.separator may not be equal'],
    [{ 'null.marker': '\t' }, 'null.marker and key.separator may not be equal'],
    [{ 'null.marker': ',' }, 'null.marker and headers.separator may not be equal'],
    [{ 'key.separator': '|', 'null.marker': '\t' }, 'null.marker and headers.delimiter may not be equal'],
    [{ 'null.marker': ':' }, 'null.marker and headers.key.separator may not be equal'],
  ];
  for (const [props, message] of cases) {
    it(message, () => {
      expect(() => configureLineReader(new Map(Object.entries({ topic: 't', ...props })))).toThrow(message);
    });
  }
});

describe('the > prompt', () => {
  it('is printed before every read, including the one that finds EOF', async () => {
    const events: string[] = [];
    const cfg = configureLineReader(new Map([['topic', 't']]));
    const reader = new LineMessageReader(cfg, () => events.push('>'));
    await reader.run(chunked(Buffer.from('a\nb\n')), (_k: unknown, _ks: number, _ke: number, v: Buffer, vs: number, ve: number) => {
      events.push(v.toString('utf8', vs, ve));
    });
    expect(events.join('')).toBe('>a>b>');
    expect(reader.lineNumber).toBe(3);
  });

  it('no prompt function, no prompt', async () => {
    const { recs, lineNumber } = await read('a\n');
    expect(recs.length).toBe(1);
    expect(lineNumber).toBe(2);
  });
});
