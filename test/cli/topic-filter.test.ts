import { describe, expect, test } from 'vitest';
import { compileJavaRegex, IncludeList, isInternalTopic, normalizeTopicRegex } from '../../src/cli/topic-filter';

describe('IncludeList', () => {
  test('normalisation', () => {
    expect(normalizeTopicRegex('  a, b ,c ')).toBe('a|b|c');
    expect(normalizeTopicRegex(`"'test.*'"`)).toBe('test.*');
    expect(new IncludeList(' x , y ').toString()).toBe('x|y');
  });

  test('whole-string regex match', () => {
    const f = new IncludeList('first.topic');
    expect(f.isTopicAllowed('first.topic', false)).toBe(true);
    expect(f.isTopicAllowed('first_topic', false)).toBe(true);
    expect(f.isTopicAllowed('first_topic2', false)).toBe(false);
    expect(f.isTopicAllowed('xfirst_topic', false)).toBe(false);
    const all = new IncludeList('test.*');
    expect(['test', 'test-1', 'a-test'].filter((t) => all.isTopicAllowed(t, false))).toEqual(['test', 'test-1']);
    const list = new IncludeList('a,b');
    expect(['a', 'b', 'ab', 'c'].filter((t) => list.isTopicAllowed(t, false))).toEqual(['a', 'b']);
  });

  test('internal topics are excluded only on request', () => {
    const f = new IncludeList('.*');
    for (const t of ['__consumer_offsets', '__transaction_state', '__share_group_state']) {
      expect(isInternalTopic(t)).toBe(true);
      expect(f.isTopicAllowed(t, false)).toBe(true);
      expect(f.isTopicAllowed(t, true)).toBe(false);
    }
    expect(isInternalTopic('__cluster_metadata')).toBe(false);
    expect(f.isTopicAllowed('orders', true)).toBe(true);
  });

  test('invalid regex', () => {
    expect(() => new IncludeList('*abc')).toThrow('*abc is an invalid regex.');
    expect(() => new IncludeList('a[')).toThrow('a[ is an invalid regex.');
    expect(() => new IncludeList('a{')).toThrow('a{ is an invalid regex.');
    expect(() => new IncludeList('(?x)a')).toThrow(/does not support/);
    try {
      new IncludeList('(');
    } catch (e) {
      expect(String(e)).toBe('java.lang.RuntimeException: ( is an invalid regex.');
    }
  });
});

describe('Java regex translation', () => {
  const m = (re: string, s: string) => compileJavaRegex(re).test(s);

  test('common Java constructs', () => {
    expect(m('(?i)ORDERS.*', 'orders-1')).toBe(true);
    expect(m('\\Qa.b\\E', 'a.b')).toBe(true);
    expect(m('\\Qa.b\\E', 'axb')).toBe(false);
    expect(m('a++b', 'aab')).toBe(true); // possessive treated as greedy
    expect(m('a*+', 'aaa')).toBe(true);
    expect(m('a+?', 'aa')).toBe(true);
    expect(m('(?>ab)c', 'abc')).toBe(true);
    expect(m('\\p{Lower}+-\\p{Digit}', 'abc-1')).toBe(true);
    expect(m('\\p{Alpha}+', 'ab1')).toBe(false);
    expect(m('[\\p{Upper}_]+', 'AB_C')).toBe(true);
    expect(m('\\P{Digit}+', 'abc')).toBe(true);
    expect(m('\\p{L}+', 'été')).toBe(true);
    expect(m('\\Atopic\\z', 'topic')).toBe(true);
    expect(m('a\\_b\\-c', 'a_b-c')).toBe(true);
    expect(m('t{2,3}', 'ttt')).toBe(true);
    expect(m('t{2}+', 'tt')).toBe(true);
    expect(m('[]a]+', ']a')).toBe(true);
    expect(m('(?<n>x)\\k<n>', 'xx')).toBe(true);
    expect(m('\\p{L}]}', 'é]}')).toBe(true);
  });
});
