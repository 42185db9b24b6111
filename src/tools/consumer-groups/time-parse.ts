// The two time formats --reset-offsets accepts, parsed as Kafka's JVM parses them:
// --to-datetime with Utils.getDateTime (SimpleDateFormat `yyyy-MM-dd'T'HH:mm:ss.SSSXXX`, then
// `...SSSX`, strict; no zone means UTC) and --by-duration with java.time.Duration.parse.
// Failures carry the Java exception Kafka would print.
import { JavaException } from '../../cli/errors';

/** ParseException from getDateTime, wrapped in the RuntimeException Kafka throws around it. */
function unparseable(text: string): JavaException {
  return new JavaException('java.lang.RuntimeException', `java.text.ParseException: ${text}`);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Utils.getDateTime: epoch milliseconds. */
export function parseDateTime(timestamp: string): number {
  const parts = timestamp.split('T');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length < 2) throw unparseable("Error parsing timestamp. It does not contain a 'T' according to ISO8601 format");
  const second = parts[1];
  const text = second.includes('+') || second.includes('-') || second.includes('Z') ? timestamp : `${timestamp}Z`;
  // SimpleDateFormat reads each numeric field as a run of digits whatever the letter count
  // (so `.5` is 5 ms), and in strict mode rejects out-of-range values.
  const m = /^(\d+)-(\d+)-(\d+)T(\d+):(\d+):(\d+)\.(\d+)(Z|[+-]\d{2}(?::?\d{2})?)/.exec(text);
  if (!m) throw unparseable(`Unparseable date: "${text}"`);
  const [year, month, day, hour, minute, sec, ms] = m.slice(1, 8).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || sec > 59 || ms > 999) {
    throw unparseable(`Unparseable date: "${text}"`);
  }
  let offsetMin = 0;
  if (m[8] !== 'Z') {
    const sign = m[8][0] === '-' ? -1 : 1;
    const digits = m[8].slice(1).replace(':', '');
    const hh = Number(digits.slice(0, 2));
    const mm = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (hh > 23 || mm > 59) throw unparseable(`Unparseable date: "${text}"`);
    offsetMin = sign * (hh * 60 + mm);
  }
  return Date.UTC(year, month - 1, day, hour, minute, sec, ms) - offsetMin * 60000;
}

const DURATION = /^([-+]?)P(?:([-+]?[0-9]+)D)?(T(?:([-+]?[0-9]+)H)?(?:([-+]?[0-9]+)M)?(?:([-+]?[0-9]+)(?:[.,]([0-9]{0,9}))?S)?)?$/i;

/** java.time.Duration.parse, in milliseconds (DateTimeParseException text on failure). */
export function parseDuration(text: string): number {
  const m = DURATION.exec(text);
  if (m && m[3] !== 'T' && (m[2] !== undefined || m[4] !== undefined || m[5] !== undefined || m[6] !== undefined)) {
    const n = (s: string | undefined) => (s === undefined ? 0 : Number(s));
    const secs = n(m[6]);
    let fracMs = 0;
    if (m[7] !== undefined && m[7] !== '') fracMs = Math.floor(Number(`0.${m[7]}`) * 1000) * (m[6]!.startsWith('-') ? -1 : 1);
    const ms = n(m[2]) * 86400000 + n(m[4]) * 3600000 + n(m[5]) * 60000 + secs * 1000 + fracMs;
    return m[1] === '-' ? -ms : ms;
  }
  throw new JavaException('java.time.format.DateTimeParseException', 'Text cannot be parsed to a Duration');
}
