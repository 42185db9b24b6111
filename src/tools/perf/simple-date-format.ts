// java.text.SimpleDateFormat's formatting for the letters a date format of the perf tools uses
// (y M d H h k K m s S E a Z X, quoted text), in the local time zone. Unknown letters are refused
// as Java refuses them: `Illegal pattern character 'q'`.
import { JavaException } from '../../cli/errors';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

type Part = { text: string } | { letter: string; count: number };

function compile(pattern: string): Part[] {
  const parts: Part[] = [];
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i];
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) { parts.push({ text: "'" }); i += 2; continue; }
      if (end < 0) throw new JavaException('java.lang.IllegalArgumentException', 'Unterminated quote');
      parts.push({ text: pattern.slice(i + 1, end) });
      i = end + 1;
    } else if (/[A-Za-z]/.test(c)) {
      if (!'yMdHhkKmsSEaZXu'.includes(c)) throw new JavaException('java.lang.IllegalArgumentException', `Illegal pattern character '${c}'`);
      let n = 1;
      while (pattern[i + n] === c) n++;
      parts.push({ letter: c, count: n });
      i += n;
    } else {
      parts.push({ text: c });
      i++;
    }
  }
  return parts;
}

const pad = (v: number, n: number) => String(v).padStart(n, '0');

function offset(d: Date, colon: boolean): string {
  const m = -d.getTimezoneOffset();
  const s = m < 0 ? '-' : '+';
  const a = Math.abs(m);
  return `${s}${pad(Math.floor(a / 60), 2)}${colon ? ':' : ''}${pad(a % 60, 2)}`;
}

export class SimpleDateFormat {
  private readonly parts: Part[];

  constructor(pattern: string) {
    this.parts = compile(pattern);
  }

  format(ms: number): string {
    const d = new Date(ms);
    let out = '';
    for (const p of this.parts) {
      if ('text' in p) { out += p.text; continue; }
      const n = p.count;
      switch (p.letter) {
        case 'y': out += n === 2 ? pad(d.getFullYear() % 100, 2) : pad(d.getFullYear(), n); break;
        case 'M': out += n >= 4 ? MONTHS[d.getMonth()] : n === 3 ? MONTHS[d.getMonth()].slice(0, 3) : pad(d.getMonth() + 1, n); break;
        case 'd': out += pad(d.getDate(), n); break;
        case 'H': out += pad(d.getHours(), n); break;
        case 'k': out += pad(d.getHours() === 0 ? 24 : d.getHours(), n); break;
        case 'K': out += pad(d.getHours() % 12, n); break;
        case 'h': out += pad(d.getHours() % 12 === 0 ? 12 : d.getHours() % 12, n); break;
        case 'm': out += pad(d.getMinutes(), n); break;
        case 's': out += pad(d.getSeconds(), n); break;
        case 'S': out += pad(d.getMilliseconds(), n); break;
        case 'E': out += n >= 4 ? DAYS[d.getDay()] : DAYS[d.getDay()].slice(0, 3); break;
        case 'u': out += pad(d.getDay() === 0 ? 7 : d.getDay(), n); break;
        case 'a': out += d.getHours() < 12 ? 'AM' : 'PM'; break;
        case 'Z': out += offset(d, false); break;
        case 'X': out += d.getTimezoneOffset() === 0 ? 'Z' : n === 1 ? offset(d, false).slice(0, 3) : offset(d, n >= 3); break;
      }
    }
    return out;
  }
}
