// Java's String.trim, Integer/Short/Long.parseLong and Double.parseDouble, as the tools and the
// broker configs need them (Kafka parses option values and config values with these).

/** Java String.trim(): strips chars <= U+0020 at both ends (not other Unicode spaces). */
export function javaTrim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) <= 0x20) a++;
  while (b > a && s.charCodeAt(b - 1) <= 0x20) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

const INT_RE = /^[+-]?[0-9]+$/;
const BOUNDS = {
  int: [-(2n ** 31n), 2n ** 31n - 1n],
  short: [-(2n ** 15n), 2n ** 15n - 1n],
  long: [-(2n ** 63n), 2n ** 63n - 1n],
} as const;

/** Integer.parseInt / Short.parseShort / Long.parseLong; null where Java throws NumberFormatException. */
export function parseJavaInteger(s: string, kind: 'int' | 'short' | 'long'): bigint | null {
  if (!INT_RE.test(s)) return null;
  const v = BigInt(s);
  const [lo, hi] = BOUNDS[kind];
  return v < lo || v > hi ? null : v;
}

const DEC_FLOAT_RE = /^[+-]?(?:NaN|Infinity|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[fFdD]?)$/;
const HEX_FLOAT_RE = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)[fFdD]?$/;

/** Double.parseDouble (it trims like String.trim); null where Java throws NumberFormatException. */
export function parseJavaDouble(raw: string): number | null {
  const s = javaTrim(raw);
  if (DEC_FLOAT_RE.test(s)) {
    const body = s.replace(/[fFdD]$/, '');
    if (body.endsWith('NaN')) return NaN;
    if (body.endsWith('Infinity')) return body.startsWith('-') ? -Infinity : Infinity;
    return Number(body);
  }
  const m = HEX_FLOAT_RE.exec(s);
  if (m && (m[2].length > 0 || (m[3] ?? '').length > 0)) {
    const digits = m[2] + (m[3] ?? '');
    let mant = 0;
    for (const c of digits) mant = mant * 16 + parseInt(c, 16);
    const v = mant * Math.pow(2, parseInt(m[4], 10) - 4 * (m[3] ?? '').length);
    return m[1] === '-' ? -v : v;
  }
  return null;
}
