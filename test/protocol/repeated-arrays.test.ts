// Repeated arrays of structs: the writer copies the bytes of an array written just before when the
// same array comes again; a reader with shareRepeats hands back the array it decoded just before
// when the same bytes come again. Neither may change what is written or read.
import { describe, it, expect } from 'vitest';
import { bodyPlan } from '../../src/protocol/codec';
import { Reader } from '../../src/protocol/reader';
import { Writer } from '../../src/protocol/writer';
import { describeConfigs } from '../../src/protocol/messages/describe-configs';
import { metadata } from '../../src/protocol/messages/metadata';

const V = 3; // the highest version (not flexible)
const plan = bodyPlan(describeConfigs.response, V, false);

function entry(name: string, value: string | null, synonyms: unknown[] = []) {
  return { name, value, readOnly: false, configSource: 5, isSensitive: false, synonyms, configType: 2, documentation: null };
}

function result(resourceName: string, configs: unknown[]) {
  return { errorCode: 0, errorMessage: null, resourceType: 2, resourceName, configs };
}

function encode(body: unknown, w = new Writer(16)): Buffer {
  plan.encode(w, body);
  return w.toBuffer();
}

function decode(buf: Buffer, shareRepeats: boolean): any {
  const r = new Reader(buf);
  r.shareRepeats = shareRepeats;
  const out = plan.decode(r);
  expect(r.remaining()).toBe(0);
  return out;
}

describe('repeated arrays of structs', () => {
  const shared = [entry('cleanup.policy', 'delete'), entry('segment.bytes', '1073741824', [{ name: 'log.segment.bytes', value: '1073741824', source: 5 }])];
  const copy = () => JSON.parse(JSON.stringify(shared));
  const other = [entry('cleanup.policy', 'compact')];

  it('writes the same bytes whether an array object repeats or equal copies are given', () => {
    const once = encode({ throttleTimeMs: 0, results: [result('a', shared), result('b', shared), result('c', other), result('d', shared)] });
    const copies = encode({ throttleTimeMs: 0, results: [result('a', copy()), result('b', copy()), result('c', other), result('d', copy())] });
    expect(once.equals(copies)).toBe(true);
  });

  it('copies correctly when the buffer grows between the first writing and the repeat', () => {
    const many = Array.from({ length: 200 }, (_, i) => result(`t${i}`, shared));
    const w = new Writer(8); // grows many times
    const a = encode({ throttleTimeMs: 0, results: many }, w);
    const b = encode({ throttleTimeMs: 0, results: many.map((r) => ({ ...r, configs: copy() })) });
    expect(a.equals(b)).toBe(true);
  });

  it('decodes the same values with or without sharing, and shares only equal bytes', () => {
    const body = { throttleTimeMs: 0, results: [result('a', shared), result('b', shared), result('c', other), result('d', shared), result('e', [entry('cleanup.policy', 'deletf')])] };
    const buf = encode(body);
    const plain = decode(buf, false);
    const sharing = decode(buf, true);
    expect(sharing).toEqual(plain);
    expect(plain.results[0].configs).not.toBe(plain.results[1].configs);
    expect(sharing.results[1].configs).toBe(sharing.results[0].configs);
    expect(sharing.results[2].configs).not.toBe(sharing.results[1].configs);
    // Only the array decoded just before is compared: 'd' follows 'c' (different) and is decoded anew.
    expect(sharing.results[3].configs).not.toBe(sharing.results[0].configs);
    expect(sharing.results[3].configs).toEqual(sharing.results[0].configs);
    // One byte differs: decoded on its own.
    expect(sharing.results[4].configs[0].value).toBe('deletf');
  });

  it('copies only what the same field wrote: one array given to two fields of other structs is written for each', () => {
    const md = bodyPlan(metadata.response, 12, true);
    // Fields of a broker and of a topic in one object: the same array serves as both lists.
    const both = [{ nodeId: 3, host: 'h', port: 9, rack: null, errorCode: 0, name: 'n', topicId: 'AAAAAAAAAAAAAAAAAAAAAA', isInternal: false, partitions: [], topicAuthorizedOperations: 0 }];
    const body = (brokers: unknown, topics: unknown) => ({ throttleTimeMs: 0, brokers, clusterId: 'c', controllerId: 3, topics });
    const w1 = new Writer(16);
    md.encode(w1, body(both, both));
    const w2 = new Writer(16);
    md.encode(w2, body([{ ...both[0] }], [{ ...both[0] }]));
    expect(w1.toBuffer().equals(w2.toBuffer())).toBe(true);
  });

  it('never reads a repeat past the end of the frame', () => {
    const buf = encode({ throttleTimeMs: 0, results: [result('a', shared), result('b', shared)] });
    // Cut the frame inside the second copy: the reader must fail as without sharing, not read beyond.
    const cut = buf.subarray(0, buf.length - 5);
    expect(() => decode(cut, false)).toThrow();
    expect(() => decode(cut, true)).toThrow();
  });
});
