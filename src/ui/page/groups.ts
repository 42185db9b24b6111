// The consumer groups panel: state, members as cards (client id, host) with the partitions each
// owns drawn in its colour, idle members drawn idle, and each partition's committed offset and
// lag as a bar.
import type { GroupStatus, StatusDocument } from '../../tools/ui/snapshot';
import { commandLine, commands } from './commands';
import { esc } from './dom';
import type { Ownership } from './ownership';

function groupHtml(g: GroupStatus, own: Ownership, bootstrap: string): string {
  const members = g.members.map((m) => {
    const colour = own.colours.get(`${g.groupId}\0${m.memberId}`) ?? '#888';
    const owned = m.assignment.flatMap((a) => a.partitions.map((p) => `${a.topic}:${p}`));
    const chips = owned.map((tp) => `<span class="chip" style="background:${colour}">${esc(tp.replace(/:(\d+)$/, '-$1'))}</span>`).join('');
    const idle = owned.length === 0;
    return `<div class="member${idle ? ' idle' : ''}" data-group="${esc(g.groupId)}" data-member="${esc(m.clientId)}" data-member-id="${esc(m.memberId)}"
        data-partitions="${esc(owned.join(' '))}" data-idle="${idle}" style="border-color:${colour}">
      <div class="who"><b>${esc(m.clientId)}</b> <span class="host">${esc(m.host)}</span></div>
      <div class="mid" title="member id">${esc(m.memberId)}</div>
      <div class="owned">${idle ? '<span class="idle-note">idle: owns no partition (more members than partitions)</span>' : chips}</div></div>`;
  }).join('');
  const rows = g.topics.flatMap((t) => t.partitions.map((p) => {
    const end = p.logEndOffset ?? 0;
    const done = p.lag === 0 ? 100 : end > 0 && p.committedOffset !== null ? Math.min(100, (100 * p.committedOffset) / end) : 0;
    return `<tr><td>${esc(t.topic)}-${p.partition}</td><td>${p.committedOffset ?? '-'}</td><td>${p.logEndOffset ?? '-'}</td>
      <td class="lagcell"><div class="bar"><div class="read" style="width:${done}%"></div></div><span data-group-lag="${esc(`${g.groupId}:${t.topic}:${p.partition}`)}">${p.lag ?? '-'}</span></td></tr>`;
  })).join('');
  const state = `<span class="badge state-${esc(g.state)}" data-group-state="${esc(g.groupId)}">${esc(g.state)}</span>`;
  return `<section class="group" data-group="${esc(g.groupId)}"><h3>${esc(g.groupId)} ${state}
      <small>${esc(g.type)}${g.assignor ? ` · ${esc(g.assignor)}` : ''} · coordinator ${g.coordinator ?? '?'} · lag ${g.totalLag ?? '-'}</small></h3>
    ${g.error ? `<p class="warn">${esc(g.error)}</p>` : ''}
    <div class="members">${members || '<i>no members</i>'}</div>
    ${rows ? `<table class="offsets"><tr><th>partition</th><th>committed</th><th>end</th><th>lag</th></tr>${rows}</table>` : ''}
    ${commandLine(commands.members(bootstrap, g.groupId))}${commandLine(commands.group(bootstrap, g.groupId))}</section>`;
}

export function groupsHtml(doc: StatusDocument, own: Ownership, bootstrap: string): string {
  const body = doc.groups.map((g) => groupHtml(g, own, bootstrap)).join('') || '<p class="note">No consumer group yet: start a console consumer with --group.</p>';
  return `<h2>Consumer groups</h2>${commandLine(commands.groups(bootstrap))}${body}`;
}
