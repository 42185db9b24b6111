// How argparse4j (which kafka-metadata-quorum parses its arguments with) prints an error:
// `<prog>: error: <message>` wrapped at 75 columns, every line but the last justified by widening
// its spaces, the extra ones going to the middle gaps first (rounding towards the end). Lines break after spaces and after a
// hyphen followed by a letter (java.text.BreakIterator's line instance). Checked against Kafka
// 4.4's texts for `one of the arguments ... is required`, `invalid choice` and `not allowed with`.
export const FORMAT_WIDTH = 75;

function segments(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    cur += c;
    const next = s[i + 1];
    const breakAfterSpace = c === ' ' && next !== ' ';
    const breakAfterHyphen = c === '-' && next !== undefined && /[A-Za-z]/.test(next);
    if (breakAfterSpace || breakAfterHyphen) {
      out.push(cur);
      cur = '';
    }
  }
  if (cur) out.push(cur);
  return out;
}

function justify(line: string, width: number): string {
  const text = line.replace(/ +$/, '');
  const words = text.split(' ');
  const gaps = words.length - 1;
  const extra = width - text.length;
  if (gaps <= 0 || extra <= 0) return text;
  const base = Math.floor(extra / gaps);
  const rem = extra % gaps;
  const start = Math.ceil((gaps - rem) / 2);
  let out = words[0];
  for (let g = 0; g < gaps; g++) out += ' '.repeat(1 + base + (g >= start && g < start + rem ? 1 : 0)) + words[g + 1];
  return out;
}

/**
 * TextHelper.wrap with argparse4j's justification; `s` without its final newline. The message is
 * wrapped with its line end, which counts towards the last line's width (a last word that ends
 * exactly at the width goes to a line of its own, as Kafka's texts show).
 */
export function wrapJustified(s: string, width = FORMAT_WIDTH): string {
  const lines: string[] = [];
  let cur = '';
  const segs = segments(s);
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    const counted = seg.length + (i === segs.length - 1 ? 1 : 0);
    if (cur.length + counted > width && cur !== '') {
      lines.push(justify(cur, width));
      cur = '';
    }
    cur += seg;
  }
  lines.push(cur);
  return lines.join('\n');
}
