// Line-break opportunities as java.text.BreakIterator.getLineInstance() finds them (the JDK's
// legacy rule-based line iterator, sun.text.resources.BreakIteratorRules "LineBreakRules"), which
// jopt-simple uses to wrap help text. Each segment is a "word" plus what sticks to it:
//   word   = pre-word* (char* | kanji | number) (dash+ | post-word*)
//   segment = word ((space* glue+ space? | [$']) word)* space* ...
// taking the longest match at each position. Consequences that matter for help text: a segment
// ends after spaces, after a run of dashes (`bootstrap-` | `server`, `--` | `topic`), and after
// sentence punctuation (`kafka.` | `tools.` | `DefaultMessageFormatter)`); `1.5`, `-1`, `(default:`
// stay whole.

type Pred = (c: string) => boolean;
type Matcher = (s: string, from: Set<number>) => Set<number>;

const re = (r: RegExp): Pred => (c) => r.test(c);

const isBreak = re(/^[\u0003\t\n\f\u2028\u2029]$/);
const isGlue = re(/^[\u00a0\u0f0c\u2007\u2011\u202f\ufeff]$/);
const isSpace: Pred = (c) => !isGlue(c) && !isBreak(c) && c !== '\r' && /^[\p{Zs}\p{Cc}]$/u.test(c);
const isDash: Pred = (c) => !isGlue(c) && /^[\p{Pd}\u00ad]$/u.test(c);
const isPreWord: Pred = (c) => c !== '\u00a2' && /^[\p{Sc}\p{Ps}\p{Pi}]$/u.test(c);
const isPostWord: Pred = (c) =>
  /^["\p{Pe}\p{Pf}!%.,:;?\u00a2\u00b0\u066a\u2030-\u2034\u2103\u2105\u2109\u3001\u3002\u3005\u3041\u3043\u3045\u3047\u3049\u3063\u3083\u3085\u3087\u308e\u3099-\u309e\u30a1\u30a3\u30a5\u30a7\u30a9\u30c3\u30e3\u30e5\u30e7\u30ee\u30f5\u30f6\u30fc-\u30fe\uff01\uff05\uff0c\uff0e\uff1a\uff1b\uff1f]$/u.test(
    c,
  );
const isKanji: Pred = (c) =>
  !isPostWord(c) && /^[\u4e00-\u9fa5\uac00-\ud7a3\uf900-\ufa2d\ufa30-\ufa6a\u3041-\u3094\u30a1-\u30fa]$/.test(c);
const isDigit = re(/^[\p{Nd}\p{No}]$/u);
const isMidNum = re(/^[.,]$/);
const isDanda = re(/^[\u0964\u0965]$/);
const isChar: Pred = (c) =>
  !(
    isBreak(c) ||
    isSpace(c) ||
    isDash(c) ||
    isKanji(c) ||
    isGlue(c) ||
    isPreWord(c) ||
    isPostWord(c) ||
    isMidNum(c) ||
    c === '\r' ||
    isDanda(c) ||
    /^\p{Cf}$/u.test(c)
  );

const cls =
  (p: Pred): Matcher =>
  (s, from) => {
    const out = new Set<number>();
    for (const i of from) if (i < s.length && p(s[i])) out.add(i + 1);
    return out;
  };
const lit = (ch: string): Matcher => cls((c) => c === ch);
const seq =
  (...ms: Matcher[]): Matcher =>
  (s, from) =>
    ms.reduce((acc, m) => (acc.size === 0 ? acc : m(s, acc)), from);
const alt =
  (...ms: Matcher[]): Matcher =>
  (s, from) => {
    const out = new Set<number>();
    for (const m of ms) for (const i of m(s, from)) out.add(i);
    return out;
  };
const star =
  (m: Matcher): Matcher =>
  (s, from) => {
    const all = new Set(from);
    let frontier = from;
    while (frontier.size > 0) {
      const next = new Set<number>();
      for (const i of m(s, frontier)) if (!all.has(i)) (all.add(i), next.add(i));
      frontier = next;
    }
    return all;
  };
const plus = (m: Matcher): Matcher => seq(m, star(m));
const opt = (m: Matcher): Matcher => (s, from) => new Set([...from, ...m(s, from)]);

const preWord = cls(isPreWord);
const dash = cls(isDash);
const digit = cls(isDigit);
const space = cls(isSpace);
const glue = cls(isGlue);
const postWord = cls(isPostWord);
const enclosing = cls(re(/^[\p{Mn}\p{Me}]$/u));
const brk = cls(isBreak);
const cr = lit('\r');

const numberM = seq(star(alt(preWord, dash)), plus(digit), star(seq(cls(isMidNum), plus(digit))));
const wordCore = alt(star(cls(isChar)), cls(isKanji), numberM);
const wordSuffix = alt(plus(dash), star(postWord));
const word = seq(star(preWord), wordCore, wordSuffix);
const joiner = alt(seq(star(space), plus(glue), opt(space)), cls(re(/^[$']$/)));
const segment = alt(
  seq(
    word,
    star(seq(joiner, word)),
    star(space),
    opt(enclosing),
    opt(seq(lit('('), lit(')'), star(postWord))),
    star(enclosing),
    opt(cr),
    opt(brk),
  ),
  seq(cr, brk),
);

/** End index of the line-break segment starting at `start` (always > start while start < length). */
export function segmentEnd(s: string, start: number): number {
  let end = start;
  for (const i of segment(s, new Set([start]))) if (i > end) end = i;
  if (end === start) {
    end = start + 1;
    // keep a surrogate pair together
    if (/[\ud800-\udbff]/.test(s[start]) && /[\udc00-\udfff]/.test(s[start + 1] ?? '')) end++;
  }
  return end;
}

/** The text cut at every line-break opportunity (the pieces concatenate back to the input). */
export function lineBreakSegments(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; ) {
    const e = segmentEnd(s, i);
    out.push(s.slice(i, e));
    i = e;
  }
  return out;
}
