// RE2 syntax check: is a regular expression valid for RE2 (Perl-like flags, as Java's re2j
// Pattern.compile reads it), and if not, the error RE2 names (re2j's PatternSyntaxException
// description, e.g. `missing closing )`). Kafka 4.x brokers match consumer subscription patterns
// with RE2, and kafka-consumer-groups --validate-regex reports what this returns.
//
// Only the parse is modelled, not the program: a stack of operands and the two markers that an
// operator cannot repeat (an open parenthesis, an alternation bar), which is all RE2's errors
// depend on. Written from RE2's documented syntax and re2j's observable messages.

export const RE2_ERRORS = {
  internal: 'regexp/syntax: internal error',
  charRange: 'invalid character class range',
  escape: 'invalid escape sequence',
  namedCapture: 'invalid named capture',
  perlOp: 'invalid or unsupported Perl syntax',
  nestedRepeat: 'invalid nested repetition operator',
  repeatSize: 'invalid repeat count',
  missingBracket: 'missing closing ]',
  missingParen: 'missing closing )',
  missingRepeatArgument: 'missing argument to repetition operator',
  trailingBackslash: 'trailing backslash at end of expression',
  duplicateName: 'duplicate capture group name',
} as const;

class Re2SyntaxError extends Error {}

/** The stack entries that matter: an operand, or a marker an operator cannot apply to. */
type Entry = 'operand' | 'paren' | 'bar';

const POSIX_CLASSES = new Set(['alnum', 'alpha', 'ascii', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct', 'space', 'upper', 'word', 'xdigit']
  .flatMap((n) => [`[:${n}:]`, `[:^${n}:]`]));
const PERL_CLASSES = new Set(['d', 'D', 's', 'S', 'w', 'W']);
const GENERAL_CATEGORIES = new Set([
  'C', 'Cc', 'Cf', 'Co', 'Cs', 'L', 'Ll', 'Lm', 'Lo', 'Lt', 'Lu', 'M', 'Mc', 'Me', 'Mn', 'N', 'Nd', 'Nl', 'No',
  'P', 'Pc', 'Pd', 'Pe', 'Pf', 'Pi', 'Po', 'Ps', 'S', 'Sc', 'Sk', 'Sm', 'So', 'Z', 'Zl', 'Zp', 'Zs',
]);

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isOctal = (c: number): boolean => c >= 0x30 && c <= 0x37;
const isAlnum = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const hexValue = (c: number): number => (isDigit(c) ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1);

/** A Unicode class name RE2 knows: `Any`, a general category, or a script. */
function isUnicodeClassName(name: string): boolean {
  if (name === 'Any' || GENERAL_CATEGORIES.has(name)) return true;
  if (!/^[A-Za-z_]+$/.test(name)) return false;
  try {
    new RegExp(`\\p{Script=${name}}`, 'u');
    return true;
  } catch {
    return false;
  }
}

class Parser {
  private readonly cp: number[];
  private pos = 0;
  private readonly stack: Entry[] = [];
  private readonly names = new Set<string>();

  constructor(pattern: string) {
    this.cp = Array.from(pattern, (ch) => ch.codePointAt(0)!);
  }

  private more(): boolean { return this.pos < this.cp.length; }
  private peek(): number { return this.cp[this.pos]; }
  private pop(): number { return this.cp[this.pos++]; }
  private at(s: string): boolean {
    for (let i = 0; i < s.length; i++) if (this.cp[this.pos + i] !== s.charCodeAt(i)) return false;
    return true;
  }
  private rest(): string { return String.fromCodePoint(...this.cp.slice(this.pos)); }
  private fail(error: string): never { throw new Re2SyntaxError(error); }

  /** Operands between the innermost marker and the top collapse into one (RE2's concat). */
  private concat(): void {
    let i = this.stack.length;
    while (i > 0 && this.stack[i - 1] === 'operand') i--;
    this.stack.length = i;
    this.stack.push('operand');
  }

  /** `a|b|c` above the innermost parenthesis collapses into one operand. */
  private alternate(): void {
    let i = this.stack.length;
    while (i > 0 && this.stack[i - 1] !== 'paren') i--;
    this.stack.length = i;
    this.stack.push('operand');
  }

  private repeat(lastRepeatPos: number): void {
    if (this.more() && this.peek() === 0x3f) this.pos++; // non-greedy `?`
    if (lastRepeatPos !== -1) this.fail(RE2_ERRORS.nestedRepeat);
    const top = this.stack[this.stack.length - 1];
    if (top === undefined || top !== 'operand') this.fail(RE2_ERRORS.missingRepeatArgument);
  }

  /** `{n}`, `{n,}`, `{n,m}`: true when one is here (consumed), false for a literal `{`. */
  private parseRepeat(): boolean {
    const start = this.pos;
    const int = (): number => {
      const from = this.pos;
      while (this.more() && isDigit(this.peek())) this.pos++;
      const digits = this.cp.length > 0 ? String.fromCodePoint(...this.cp.slice(from, this.pos)) : '';
      if (digits === '' || (digits.length > 1 && digits[0] === '0')) return -1;
      return digits.length > 8 ? -2 : Number(digits);
    };
    this.pos++;
    const min = int();
    if (min === -1 || !this.more()) return this.rewind(start);
    let max = min;
    if (this.peek() === 0x2c) {
      this.pos++;
      if (!this.more()) return this.rewind(start);
      if (this.peek() === 0x7d) max = -1;
      else if ((max = int()) === -1) return this.rewind(start);
    }
    if (!this.more() || this.peek() !== 0x7d) return this.rewind(start);
    this.pos++;
    if (min < 0 || min > 1000 || max === -2 || max > 1000 || (max >= 0 && min > max)) this.fail(RE2_ERRORS.repeatSize);
    return true;
  }

  private rewind(to: number): false {
    this.pos = to;
    return false;
  }

  private parsePerlFlags(): void {
    const s = this.rest();
    if (s.startsWith('(?P<') || s.startsWith('(?<')) {
      const begin = s[2] === 'P' ? 4 : 3;
      const end = s.indexOf('>', begin);
      if (end < 0) this.fail(RE2_ERRORS.namedCapture);
      const name = s.slice(begin, end);
      this.pos += Array.from(s.slice(0, end + 1)).length;
      if (!/^[A-Za-z0-9_]+$/.test(name)) this.fail(RE2_ERRORS.namedCapture);
      this.stack.push('paren');
      if (this.names.has(name)) this.fail(RE2_ERRORS.duplicateName);
      this.names.add(name);
      return;
    }
    this.pos += 2;
    let negated = false;
    let sawFlag = false;
    while (this.more()) {
      const c = String.fromCodePoint(this.pop());
      if (c === ')' || c === ':') {
        if (negated && !sawFlag) this.fail(RE2_ERRORS.perlOp);
        if (c === ':') this.stack.push('paren');
        return;
      }
      if (c === '-') {
        if (negated) this.fail(RE2_ERRORS.perlOp);
        negated = true;
        sawFlag = false;
      } else if (c === 'U' || c === 'i' || c === 'm' || c === 's') {
        sawFlag = true;
      } else {
        this.fail(RE2_ERRORS.perlOp);
      }
    }
    this.fail(RE2_ERRORS.perlOp);
  }

  private parseRightParen(): void {
    this.concat();
    this.alternate();
    if (this.stack.length < 2) this.fail(RE2_ERRORS.internal);
    this.stack.pop();
    if (this.stack.pop() !== 'paren') this.fail(RE2_ERRORS.missingParen);
    this.stack.push('operand');
  }

  /** An escape that stands for one character (after `\`); fails as RE2 does. */
  private parseEscape(): void {
    this.pos++; // the backslash
    if (!this.more()) this.fail(RE2_ERRORS.trailingBackslash);
    const c = this.pop();
    if (c >= 0x31 && c <= 0x37) {
      // \1-\7 only as the start of an octal number (RE2 has no back-references)
      if (!this.more() || !isOctal(this.peek())) this.fail(RE2_ERRORS.escape);
    }
    if (c >= 0x30 && c <= 0x37) {
      for (let i = 1; i < 3 && this.more() && isOctal(this.peek()); i++) this.pos++;
      return;
    }
    if ('afnrtv'.includes(String.fromCodePoint(c))) return;
    if (c === 0x78) { // \x
      if (!this.more()) this.fail(RE2_ERRORS.escape);
      const d = this.pop();
      if (d === 0x7b) {
        let n = 0;
        let v = 0;
        while (this.more()) {
          const h = this.pop();
          if (h === 0x7d) {
            if (n !== 0) return;
            break;
          }
          const x = hexValue(h);
          if (x < 0) break;
          v = v * 16 + x;
          if (v > 0x10ffff) break;
          n++;
        }
        this.fail(RE2_ERRORS.escape);
      }
      if (hexValue(d) >= 0 && this.more() && hexValue(this.pop()) >= 0) return;
      this.fail(RE2_ERRORS.escape);
    }
    if (!isAlnum(c)) return;
    this.fail(RE2_ERRORS.escape);
  }

  /** `\pL`, `\p{Greek}`, `\P{^Lu}`: true when one is here (consumed). */
  private parseUnicodeClass(): boolean {
    if (!this.at('\\p') && !this.at('\\P')) return false;
    this.pos += 2;
    if (!this.more()) this.fail(RE2_ERRORS.charRange);
    const c = this.pop();
    let name: string;
    if (c !== 0x7b) {
      name = String.fromCodePoint(c);
    } else {
      const rest = this.rest();
      const end = rest.indexOf('}');
      if (end < 0) this.fail(RE2_ERRORS.charRange);
      name = rest.slice(0, end);
      this.pos += Array.from(name).length + 1;
    }
    if (name.startsWith('^')) name = name.slice(1);
    if (!isUnicodeClassName(name)) this.fail(RE2_ERRORS.charRange);
    return true;
  }

  /** `\d`, `\S`, ...: true when one is here (consumed). */
  private parsePerlClassEscape(): boolean {
    if (this.at('\\') && this.pos + 1 < this.cp.length && PERL_CLASSES.has(String.fromCodePoint(this.cp[this.pos + 1]))) {
      this.pos += 2;
      return true;
    }
    return false;
  }

  /** One character of a class (a literal or an escape); the class must go on. */
  private parseClassChar(): number {
    if (!this.more()) this.fail(RE2_ERRORS.missingBracket);
    if (this.peek() === 0x5c) {
      const from = this.pos;
      this.parseEscape();
      return escapedValue(this.cp.slice(from, this.pos));
    }
    return this.pop();
  }

  private parseClass(): void {
    this.pos++; // [
    if (this.more() && this.peek() === 0x5e) this.pos++; // ^
    let first = true;
    while (!this.more() || this.peek() !== 0x5d || first) {
      first = false;
      const before = this.pos;
      if (this.at('[:')) {
        const rest = this.rest();
        const i = rest.indexOf(':]');
        if (i >= 0) {
          const name = rest.slice(0, i + 2);
          this.pos += Array.from(name).length;
          if (!POSIX_CLASSES.has(name)) this.fail(RE2_ERRORS.charRange);
          continue;
        }
      }
      if (this.parseUnicodeClass() || this.parsePerlClassEscape()) continue;
      this.pos = before;
      const lo = this.parseClassChar();
      if (this.more() && this.peek() === 0x2d) {
        this.pos++;
        if (this.more() && this.peek() === 0x5d) {
          this.pos--;
        } else {
          const hi = this.parseClassChar();
          if (hi < lo) this.fail(RE2_ERRORS.charRange);
        }
      }
    }
    this.pos++; // ]
    this.stack.push('operand');
  }

  parse(): void {
    let lastRepeatPos = -1;
    while (this.more()) {
      let repeatPos = -1;
      const c = this.peek();
      switch (c) {
        case 0x28: // (
          if (this.at('(?')) this.parsePerlFlags();
          else {
            this.stack.push('paren');
            this.pos++;
          }
          break;
        case 0x29: // )
          this.parseRightParen();
          this.pos++;
          break;
        case 0x2a: case 0x2b: case 0x3f: // * + ?
          repeatPos = this.pos;
          this.pos++;
          this.repeat(lastRepeatPos);
          break;
        case 0x5b: // [
          this.parseClass();
          break;
        case 0x5c: { // backslash
          const saved = this.pos;
          this.pos++;
          if (this.more()) {
            const e = String.fromCodePoint(this.pop());
            if (e === 'C') this.fail(RE2_ERRORS.escape);
            if (e === 'A' || e === 'B' || e === 'b' || e === 'z') {
              this.stack.push('operand');
              break;
            }
            if (e === 'Q') {
              const rest = this.rest();
              const i = rest.indexOf('\\E');
              const lit = i >= 0 ? rest.slice(0, i) : rest;
              this.pos += Array.from(lit).length + (i >= 0 ? 2 : 0);
              if (lit.length > 0) this.stack.push('operand');
              break;
            }
          }
          this.pos = saved;
          if (this.parseUnicodeClass() || this.parsePerlClassEscape()) {
            this.stack.push('operand');
            break;
          }
          this.pos = saved;
          this.parseEscape();
          this.stack.push('operand');
          break;
        }
        case 0x7b: // {
          repeatPos = this.pos;
          if (this.parseRepeat()) this.repeat(lastRepeatPos);
          else {
            this.pos++;
            this.stack.push('operand');
          }
          break;
        case 0x7c: // |
          this.concat();
          this.stack.push('bar');
          this.pos++;
          break;
        default: // literals, ^ $ .
          this.pos++;
          this.stack.push('operand');
      }
      lastRepeatPos = repeatPos;
    }
    this.concat();
    this.alternate();
    if (this.stack.length !== 1) this.fail(RE2_ERRORS.missingParen);
  }
}

/** The character an escape in a class stands for (for range checks): octal, hex, control or itself. */
function escapedValue(cp: number[]): number {
  const body = String.fromCodePoint(...cp.slice(1));
  if (/^[0-7]/.test(body)) return parseInt(body, 8);
  const controls: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
  if (body in controls) return controls[body];
  if (body.startsWith('x{')) return parseInt(body.slice(2, -1), 16);
  if (body.startsWith('x')) return parseInt(body.slice(1), 16);
  return cp[1];
}

/** undefined when `pattern` is valid RE2, else RE2's description of the first error. */
export function re2SyntaxError(pattern: string): string | undefined {
  try {
    new Parser(pattern).parse();
    return undefined;
  } catch (e) {
    if (e instanceof Re2SyntaxError) return e.message;
    throw e;
  }
}
