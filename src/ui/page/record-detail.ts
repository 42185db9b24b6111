// The record a click selected: key, value, headers, timestamp, offset, partition, and why it is
// in that partition (the default partitioner's murmur2 of the key, modulo the partition count).
import { murmur2 } from '../../protocol/murmur2';
import type { TailRecord } from '../../tools/ui/snapshot';
import { commandLine, commands } from './commands';
import { keyColour } from './colours';
import { esc } from './dom';

export interface Selected {
  topic: string;
  partition: number;
  offset: number;
}

const show = (s: string | null): string => (s === null ? '<i>null</i>' : `<code>${esc(s)}</code>`);

export function recordHtml(sel: Selected, rec: TailRecord | undefined, partitions: number, bootstrap: string): string {
  const head = `<h2>Record <button class="close" data-close="1" title="close">×</button></h2>`;
  if (!rec) return `${head}<p>${esc(sel.topic)}-${sel.partition} offset ${sel.offset}: no longer in the view (removed, or past the tail the view keeps).</p>`;
  let why = 'No key: the producer chose the partition (sticky partitioner, KIP-794).';
  if (rec.key !== null) {
    const h = murmur2(new TextEncoder().encode(rec.key));
    why = `Key <code>${esc(rec.key)}</code>: murmur2 = ${h}, (murmur2 &amp; 0x7fffffff) % ${partitions} = <b>${(h & 0x7fffffff) % partitions}</b> — same key, same partition (when the producer partitions by key).`;
  }
  const headers = rec.headers.length === 0 ? '<i>none</i>' : rec.headers.map(([k, v]) => `<code>${esc(k)}</code>=${show(v)}`).join(', ');
  return `${head}<dl class="record" data-detail="${esc(`${sel.topic}:${sel.partition}:${sel.offset}`)}">
    <dt>topic</dt><dd>${esc(sel.topic)}</dd>
    <dt>partition</dt><dd data-field="partition">${sel.partition}</dd>
    <dt>offset</dt><dd data-field="offset">${rec.offset}</dd>
    <dt>timestamp</dt><dd>${rec.timestamp} (${esc(new Date(rec.timestamp).toISOString())})</dd>
    <dt>key</dt><dd data-field="key"><span class="swatch" style="background:${keyColour(rec.key)}"></span>${show(rec.key)}</dd>
    <dt>value</dt><dd data-field="value">${show(rec.value)}${rec.value !== null && rec.valueBytes > rec.value.length ? ` <small>(${rec.valueBytes} bytes, cut)</small>` : ''}</dd>
    <dt>headers</dt><dd>${headers}</dd>
  </dl><p class="why">${why}</p>${commandLine(commands.record(bootstrap, sel.topic, sel.partition, sel.offset))}`;
}
