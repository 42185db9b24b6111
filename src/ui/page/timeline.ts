// The timeline panel: what changed, newest first, as the server derived it from successive snapshots.
import type { TimelineEvent } from '../../tools/ui/snapshot';
import { commandLine, commands } from './commands';
import { esc } from './dom';

const KINDS: [RegExp, string][] = [
  [/died|lost its leader|deleted|is gone|left|shrank/, 'bad'],
  [/log start moved|compaction removed/, 'cut'],
  [/rebalanc|PreparingRebalance|CompletingRebalance/, 'rebalance'],
  [/created|grew|joined|came back|appeared|expanded|has a leader again/, 'good'],
  [/leader moved|controller moved/, 'move'],
];

const time = (at: number): string => new Date(at).toTimeString().slice(0, 8);

export function timelineHtml(events: TimelineEvent[], bootstrap: string): string {
  const items = [...events].reverse().map((e) => {
    const kind = KINDS.find(([re]) => re.test(e.text))?.[1] ?? '';
    return `<li class="${kind}"><time>${time(e.at)}</time> ${esc(e.text)}</li>`;
  }).join('');
  return `<h2>Timeline</h2>${commandLine(commands.timeline(bootstrap))}<ol class="timeline">${items}</ol>`;
}
