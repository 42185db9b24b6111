import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { JavaException } from '../../src/cli/errors';
import { loadPropertiesFile, parseKeyValueArgs, parseProperties } from '../../src/cli/properties';

const entries = (text: string) => [...parseProperties(text).entries()];

describe('parseProperties (java.util.Properties.load)', () => {
  test('separators and whitespace', () => {
    expect(entries('a=1\nb:2\nc 3\n  d = 4  \ne\t:\t5\nf\ng=\nh = = x\ni==')).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
      ['d', '4  '],
      ['e', '5'],
      ['f', ''],
      ['g', ''],
      ['h', '= x'],
      ['i', '='],
    ]);
  });

  test('comments and blank lines', () => {
    expect(entries('# comment\n! other\n\n   \n  # indented comment\nk=v # not a comment\n')).toEqual([['k', 'v # not a comment']]);
  });

  test('line continuations', () => {
    expect(entries('list=a,\\\n    b,\\\r\n\tc\nnext=1')).toEqual([
      ['list', 'a,b,c'],
      ['next', '1'],
    ]);
    // an even number of backslashes does not continue
    expect(entries('p=x\\\\\nq=y')).toEqual([
      ['p', 'x\\'],
      ['q', 'y'],
    ]);
    // a comment line ending in a backslash does not swallow the next line
    expect(entries('# c \\\nk=v')).toEqual([['k', 'v']]);
    // dangling backslash at end of input is dropped
    expect(entries('k=v\\')).toEqual([['k', 'v']]);
    // a blank continuation line ends the logical line
    expect(entries('k=v\\\n\nz=1')).toEqual([
      ['k', 'v'],
      ['z', '1'],
    ]);
  });

  test('escapes', () => {
    expect(entries('a\\ b=c\\td\\ne\\\\f\\u0041\\q\nkey\\=x=1\nkey\\:y:2')).toEqual([
      ['a b', 'c\td\ne\\fAq'],
      ['key=x', '1'],
      ['key:y', '2'],
    ]);
    expect(() => parseProperties('a=\\u12')).toThrow('Malformed \\uxxxx encoding.');
  });

  test('CR and CRLF line ends; later keys win in first position', () => {
    expect(entries('a=1\rb=2\r\na=3')).toEqual([
      ['a', '3'],
      ['b', '2'],
    ]);
  });
});

describe('loadPropertiesFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'props-'));

  test('reads a file (ISO-8859-1 like Properties.load(InputStream))', () => {
    const p = join(dir, 'client.properties');
    writeFileSync(p, Buffer.from('security.protocol=PLAINTEXT\nname=caf\xe9\n', 'latin1'));
    const m = loadPropertiesFile(p);
    expect(m.get('security.protocol')).toBe('PLAINTEXT');
    expect(m.get('name')).toBe('café');
  });

  test('missing file -> java.nio.file.NoSuchFileException: <path>', () => {
    const p = join(dir, 'nope.properties');
    try {
      loadPropertiesFile(p);
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(JavaException);
      expect(String(e)).toBe(`java.nio.file.NoSuchFileException: ${p}`);
    }
  });
});

describe('parseKeyValueArgs', () => {
  test('split on the first =, missing values are empty, later wins', () => {
    expect([...parseKeyValueArgs(['a=1', 'b=x=y', 'c', 'd=', 'a=2', '=v']).entries()]).toEqual([
      ['a', '2'],
      ['b', 'x=y'],
      ['c', ''],
      ['d', ''],
      ['', 'v'],
    ]);
  });

  test('acceptMissingValue=false', () => {
    expect(() => parseKeyValueArgs(['k'], false)).toThrow('Missing value for key k');
  });
});
