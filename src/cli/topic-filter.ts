// Kafka's TopicFilter.IncludeList (kafka-topics --topic, console consumer --include/--whitelist):
// the raw value is trimmed, every `,` becomes `|`, spaces are removed, leading and trailing quotes
// are stripped; a topic is allowed iff the WHOLE name matches that Java regex and it is not an
// internal topic while internal topics are excluded. An invalid regex -> `<regex> is an invalid regex.`
//
// Java regex syntax is translated to JavaScript for the common cases: `\Q...\E` quoting,
// possessive quantifiers (treated as greedy), atomic groups (treated as plain groups), `\A` `\z` `\Z`,
// `\h`, POSIX classes `\p{Alpha}` etc., and leading inline flags `(?i)`, `(?s)`, `(?m)`. Constructs with
// no JavaScript counterpart (`(?x)`, flags in mid-pattern, class intersection `&&`, Unicode
// categories other than the simple ones) are rejected with a clear message.

import { JavaException } from './errors';
import { INTERNAL_TOPICS, isInternalTopic } from '../protocol/topic-name';
import { javaTrim } from '../util/java-lang';

export { INTERNAL_TOPICS, isInternalTopic };

/** TopicFilter's normalisation of the raw option value. */
export function normalizeTopicRegex(raw: string): string {
  return javaTrim(raw)
    .replace(/,/g, '|')
    .replace(/ /g, '')
    .replace(/^["']+/, '')
    .replace(/["']+$/, '');
}


const POSIX: Record<string, string> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r',
  L: '\\p{L}',
  Lu: '\\p{Lu}',
  Ll: '\\p{Ll}',
  N: '\\p{N}',
  Nd: '\\p{Nd}',
  IsAlphabetic: '\\p{Alphabetic}',
  IsLetter: '\\p{L}',
  IsDigit: '\\p{Nd}',
  javaLowerCase: '\\p{Ll}',
  javaUpperCase: '\\p{Lu}',
  javaWhitespace: '\\t-\\r\\x1C-\\x1F\\p{Zs}',
};

const HSPACE = ' \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000';

export class UnsupportedRegexError extends Error {}

function escapeLiteral(s: string, inClass: boolean): string {
  return s.replace(inClass ? /[\\\]\[^-]/g : /[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/**
 * Translate a Java regex to an equivalent JavaScript RegExp source and flags.
 * Throws UnsupportedRegexError for Java-only constructs we do not translate, SyntaxError for
 * patterns Java rejects that JavaScript would accept.
 */
export function translateJavaRegex(java: string): { source: string; flags: string } {
  let out = '';
  let flags = '';
  let needUnicode = false;
  let i = 0;
  let classDepth = 0;
  const n = java.length;

  // leading inline flags: (?i) (?is) ...
  for (;;) {
    const m = /^\(\?([a-zA-Z]+)\)/.exec(java.slice(i));
    if (!m) break;
    for (const f of m[1]) {
      if (f === 'i' || f === 's' || f === 'm') {
        if (!flags.includes(f)) flags += f;
      } else if (f === 'u' || f === 'U' || f === 'd') {
        /* no effect needed for our inputs */
      } else {
        throw new UnsupportedRegexError(`the inline flag (?${f}) is not supported`);
      }
    }
    i += m[0].length;
  }

  // last emitted item could take a quantifier (to spot possessive `+`)
  let afterQuantifier = false;
  while (i < n) {
    const c = java[i];
    if (c === '\\') {
      const e = java[i + 1];
      if (e === undefined) {
        out += '\\';
        i++;
        continue;
      }
      if (e === 'Q') {
        const end = java.indexOf('\\E', i + 2);
        const lit = end < 0 ? java.slice(i + 2) : java.slice(i + 2, end);
        out += classDepth > 0 ? escapeLiteral(lit, true) : lit.length > 0 ? `(?:${escapeLiteral(lit, false)})` : '';
        i = end < 0 ? n : end + 2;
        afterQuantifier = false;
        continue;
      }
      if (e === 'p' || e === 'P') {
        const m = /^\{(\w+)\}/.exec(java.slice(i + 2)) ?? /^(\w)/.exec(java.slice(i + 2));
        if (!m) throw new UnsupportedRegexError(`malformed \\${e}`);
        const name = m[1].replace(/^Is(?=(Lower|Upper|ASCII|Alpha|Digit|Alnum|Punct|Graph|Print|Blank|Cntrl|XDigit|Space)$)/, '');
        const body = POSIX[name];
        if (body === undefined) throw new UnsupportedRegexError(`\\${e}{${m[1]}} is not supported`);
        if (body.includes('\\p{')) needUnicode = true;
        const neg = e === 'P';
        if (classDepth > 0) {
          if (neg) throw new UnsupportedRegexError(`\\P{${m[1]}} inside a character class is not supported`);
          out += body;
        } else {
          out += `[${neg ? '^' : ''}${body}]`;
        }
        i += 2 + m[0].length;
        afterQuantifier = false;
        continue;
      }
      if (classDepth === 0 && e === 'A') out += '^';
      else if (classDepth === 0 && (e === 'z' || e === 'Z')) out += '$';
      else if (e === 'h') out += classDepth > 0 ? HSPACE : `[${HSPACE}]`;
      else if (e === 'H') {
        if (classDepth > 0) throw new UnsupportedRegexError('\\H inside a character class is not supported');
        out += `[^${HSPACE}]`;
      } else if (/[a-zA-Z0-9]/.test(e)) out += `\\${e}`;
      else out += escapeLiteral(e, classDepth > 0); // Java allows escaping any non-letter
      i += 2;
      afterQuantifier = false;
      continue;
    }
    if (classDepth > 0) {
      if (c === '[') {
        throw new UnsupportedRegexError('nested character classes are not supported');
      }
      if (c === '&' && java[i + 1] === '&') throw new UnsupportedRegexError('character class intersection (&&) is not supported');
      if (c === ']') classDepth--;
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      classDepth++;
      out += c;
      i++;
      if (java[i] === '^') {
        out += '^';
        i++;
      }
      if (java[i] === ']') {
        // Java: a leading `]` is a literal
        out += '\\]';
        i++;
      }
      afterQuantifier = false;
      continue;
    }
    if (c === '(' && java[i + 1] === '?') {
      const rest = java.slice(i + 2);
      if (rest.startsWith('>')) {
        out += '(?:';
        i += 3;
      } else if (/^(:|=|!|<=|<!|<[a-zA-Z])/.test(rest)) {
        out += '(?';
        i += 2;
      } else {
        throw new UnsupportedRegexError('inline flags inside the pattern are not supported');
      }
      afterQuantifier = false;
      continue;
    }
    if (c === '*' || c === '+' || c === '?' || (c === '{' && /^\{\d+(,\d*)?\}/.test(java.slice(i)))) {
      if (c === '+' && afterQuantifier) {
        // possessive quantifier: treat as greedy
        i++;
        afterQuantifier = false;
        continue;
      }
      if (c === '?' && afterQuantifier) {
        out += '?'; // lazy
        i++;
        afterQuantifier = false;
        continue;
      }
      if (c === '{') {
        const q = /^\{\d+(,\d*)?\}/.exec(java.slice(i))![0];
        out += q;
        i += q.length;
      } else {
        out += c;
        i++;
      }
      afterQuantifier = true;
      continue;
    }
    if (c === '{') throw new SyntaxError('Illegal repetition');
    // Java takes a lone `]` or `}` literally; JavaScript's unicode mode does not
    out += c === ']' || c === '}' ? `\\${c}` : c;
    i++;
    afterQuantifier = false;
  }
  if (classDepth > 0) throw new SyntaxError('Unclosed character class');
  if (needUnicode) flags += 'u';
  return { source: out, flags };
}

/** Compile a Java regex for whole-string matching (`String.matches`). */
export function compileJavaRegex(java: string): RegExp {
  const { source, flags } = translateJavaRegex(java);
  return new RegExp(`^(?:${source})$`, flags);
}

export class IncludeList {
  /** The normalised regex (what Kafka's toString() shows). */
  readonly regex: string;
  private readonly re: RegExp;

  constructor(raw: string) {
    this.regex = normalizeTopicRegex(raw);
    try {
      this.re = compileJavaRegex(this.regex);
    } catch (e) {
      if (e instanceof UnsupportedRegexError) {
        throw new JavaException('java.lang.RuntimeException', `${this.regex} uses a Java regex feature that kafka-local does not support (${e.message}).`);
      }
      throw new JavaException('java.lang.RuntimeException', `${this.regex} is an invalid regex.`);
    }
  }

  /** Whether the topic matches and is not an internal topic that is to be excluded. */
  isTopicAllowed(topic: string, excludeInternalTopics: boolean): boolean {
    return this.re.test(topic) && !(isInternalTopic(topic) && excludeInternalTopics);
  }

  toString(): string {
    return this.regex;
  }
}
