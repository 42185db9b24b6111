// Topics and their partitions drawn as logs: one cell per offset, coloured by the record's key,
// with the log start, the high watermark, the log end (apart from the HW while followers have not
// copied the tail: those cells drawn as not yet replicated) and each group's committed offset marked under
// the cells, the group's lag drawn as the cells it has yet to read, and the owning member beside
// the row. Windowed: only the last WINDOW offsets get cells, whatever the log's length.
import type { PartitionStatus, TailRecord, TopicStatus } from '../../tools/ui/snapshot';
import { keyColour } from './colours';
import { commandLine, commands } from './commands';
import { esc } from './dom';
import type { Ownership } from './ownership';
import type { Selected } from './record-detail';

export const WINDOW = 40;

function replicasHtml(p: PartitionStatus, alive: Set<number>): string {
  return p.replicas.map((r) => {
    const cls = [r === p.leader ? 'leader' : '', p.isr.includes(r) ? 'in-isr' : 'out-of-isr', alive.has(r) ? '' : 'dead'].join(' ');
    const what = `${r === p.leader ? 'leader' : 'follower'}, ${p.isr.includes(r) ? 'in sync' : 'NOT in sync'}${alive.has(r) ? '' : ', broker dead'}`;
    return `<span class="replica ${cls}" title="broker ${r}: ${what}">${r}</span>`;
  }).join('');
}

/** What a partition row (div.partition) shows: replicas, owners, lag, and the log itself. */
export function partitionHtml(
  t: TopicStatus, p: PartitionStatus, tail: TailRecord[], own: Ownership, alive: Set<number>, sel: Selected | null,
  logEnd?: number, accounted?: [number, number],
): string {
  const tp = `${t.name}:${p.partition}`;
  const start = p.logStartOffset ?? 0;
  // The status's logEndOffset is what consumers see: the high watermark.
  const end = p.logEndOffset ?? start;
  const leo = Math.max(end, logEnd ?? end);
  const from = Math.max(start, leo - WINDOW);
  const byOffset = new Map(tail.map((r) => [r.offset, r]));
  const positions = own.positions.get(tp) ?? [];
  // Under each slot a line per kind of mark: log start, HW, committed offsets, and the LEO when
  // apart from the HW (neighbouring labels never collide).
  const lines = leo > end ? 4 : 3;
  const marks = new Map<number, string[]>();
  const mark = (at: number, html: string, line: 0 | 1 | 2 | 3) => {
    const m = marks.get(at) ?? Array<string>(lines).fill('');
    m[line] += html;
    marks.set(at, m);
  };
  const marksHtml = (at: number) => {
    const m = marks.get(at);
    return m ? `<div class="marks">${m.map((l) => `<div>${l}</div>`).join('')}</div>` : '';
  };
  const GAP = -1;
  const slot = (o: number) => (o < from ? GAP : o);
  mark(slot(start), `<span class="mark start" data-logstart="${esc(tp)}" data-value="${start}" title="log start offset: the first offset still in the log">start ${start}</span>`, 0);
  if (leo === end) {
    mark(end, `<span class="mark end" data-hw="${esc(tp)}" data-leo="${esc(tp)}" data-value="${end}" title="high watermark = log end offset: every in-sync replica has every record, consumers can read them all">HW=LEO ${end}</span>`, 1);
  } else {
    mark(end, `<span class="mark end" data-hw="${esc(tp)}" data-value="${end}" title="high watermark: the end consumers can read, copied by every in-sync replica">HW ${end}</span>`, 1);
    mark(leo, `<span class="mark leo" data-leo="${esc(tp)}" data-value="${leo}" title="log end offset: the leader's next offset; ${leo - end} record(s) past the HW are not yet on every in-sync replica">LEO ${leo}</span>`, 3);
  }
  const lagOf = new Map<number, string>();
  for (const pos of positions) {
    if (pos.committed === null) continue;
    mark(slot(pos.committed), `<span class="mark committed" data-committed="${esc(`${pos.group}:${tp}`)}" data-value="${pos.committed}" title="group ${esc(pos.group)} committed ${pos.committed}: its next record to read">▲ ${esc(pos.group)} @${pos.committed}</span>`, 2);
    for (let o = Math.max(pos.committed, from); o < end; o++) lagOf.set(o, pos.group);
  }
  let cells = '';
  if (from > start) {
    cells += `<div class="slot gap"><div class="cell gap" title="offsets ${start}..${from - 1} are not drawn">${from - start} earlier</div>${marksHtml(GAP)}</div>`;
  }
  for (let o = from; o < leo; o++) {
    if (o >= end) {
      cells += `<div class="slot"><div class="cell unreplicated" data-unreplicated="${esc(`${tp}:${o}`)}" title="offset ${o}: on the leader, not yet on every in-sync replica; consumers cannot read it until the high watermark passes it">${o % 1000}</div>${marksHtml(o)}</div>`;
      continue;
    }
    const r = byOffset.get(o);
    const selected = sel && sel.topic === t.name && sel.partition === p.partition && sel.offset === o ? ' selected' : '';
    const lag = lagOf.has(o) ? ' unread' : '';
    const gone = !r && accounted !== undefined && o >= accounted[0] && o < accounted[1];
    const cell = r
      ? `<div class="cell rec${selected}${lag}" data-record="${esc(`${tp}:${o}`)}" data-key="${esc(r.key ?? '')}" data-null-key="${r.key === null}" style="background:${keyColour(r.key)}">${o % 1000}</div>`
      : gone
        ? `<div class="cell gone${lag}" data-gone="${esc(`${tp}:${o}`)}" title="offset ${o}: no record here any more (compaction kept a later record with the same key), or a transaction marker">${o % 1000}</div>`
        : `<div class="cell unknown${lag}">${o % 1000}</div>`;
    cells += `<div class="slot">${cell}${marksHtml(o)}</div>`;
  }
  cells += `<div class="slot next"><div class="cell next" title="the next record produced gets offset ${leo}">${leo % 1000}</div>${marksHtml(leo)}</div>`;
  const owners = (own.owners.get(tp) ?? []).map((o) =>
    `<span class="owner" data-owner="${esc(`${o.group}:${tp}`)}" data-client="${esc(o.clientId)}" style="border-color:${o.colour};color:${o.colour}" title="member ${esc(o.memberId)}">${esc(o.group)}: ${esc(o.clientId)}</span>`).join('');
  const lags = positions.filter((x) => x.lag !== null).map((x) =>
    `<span class="lag" data-lag="${esc(`${x.group}:${tp}`)}" data-value="${x.lag}" title="records group ${esc(x.group)} has yet to read">lag ${x.lag} (${esc(x.group)})</span>`).join('');
  return `<div class="pmeta"><b>p${p.partition}</b> leader <span class="leader" data-leader="${esc(tp)}">${p.leader ?? 'none'}</span>
      <span class="replicas" title="replicas (leader first-class, out-of-sync red)">${replicasHtml(p, alive)}</span>
      <span class="counts">${p.records ?? '?'} records</span> ${owners} ${lags}</div>
    <div class="log">${cells}</div>`;
}

/** A topic's header line (the caret opens and closes it). */
export function topicHeadHtml(t: TopicStatus, open: boolean): string {
  const overrides = Object.keys(t.configs).length;
  return `<header class="topic-head" data-toggle="${esc(t.name)}"><span class="caret">${open ? '▾' : '▸'}</span> <b>${esc(t.name)}</b>
    <span>${t.partitionCount} partition${t.partitionCount === 1 ? '' : 's'} · RF ${t.replicationFactor} · ${t.records ?? '?'} records${overrides ? ` · ${overrides} override${overrides === 1 ? '' : 's'}` : ''}${t.underReplicatedPartitions ? ` · <span class="warn">${t.underReplicatedPartitions} under-replicated</span>` : ''}</span></header>`;
}

/** The commands of an open topic. */
export function topicCommandsHtml(t: TopicStatus, bootstrap: string): string {
  return `${commandLine(commands.topic(bootstrap, t.name))}${commandLine(commands.offsets(bootstrap, t.name))}${commandLine(commands.tail(bootstrap, t.name))}`;
}
