// The configs panel: each topic's own overrides beside the value it would have without them.
import type { StatusDocument } from '../../tools/ui/snapshot';
import { commandLine, commands } from './commands';
import { esc } from './dom';

/** Milliseconds and bytes the way a learner reads them. */
function readable(name: string, value: string | null): string {
  if (value === null) return '';
  const n = Number(value);
  if (!/^-?\d+$/.test(value)) return '';
  if (n === -1) return ' (unlimited)';
  if (name.endsWith('.ms')) {
    const units: [number, string][] = [[604800000, 'week'], [86400000, 'day'], [3600000, 'hour'], [60000, 'minute'], [1000, 'second']];
    const u = units.find(([ms]) => n >= ms && n % ms === 0);
    return u ? ` (${n / u[0]} ${u[1]}${n / u[0] === 1 ? '' : 's'})` : '';
  }
  if (name.endsWith('.bytes') && n >= 1024) return n % 1048576 === 0 ? ` (${n / 1048576} MiB)` : n % 1024 === 0 ? ` (${n / 1024} KiB)` : '';
  return '';
}

export function configsHtml(doc: StatusDocument, defaults: Record<string, Record<string, string | null>>, bootstrap: string): string {
  const withOverrides = doc.topics.filter((t) => Object.keys(t.configs).length > 0);
  const blocks = withOverrides.map((t) => {
    const rows = Object.entries(t.configs).map(([name, value]) => {
      const d = defaults[t.name]?.[name];
      return `<tr data-config="${esc(`${t.name}:${name}`)}"><td><code>${esc(name)}</code></td><td class="override">${esc(value ?? '(sensitive)')}${readable(name, value)}</td>
        <td class="default">${d === undefined ? '…' : esc(d ?? 'none')}${readable(name, d ?? null)}</td></tr>`;
    }).join('');
    return `<div class="config-topic"><h3>${esc(t.name)}</h3><table><tr><th>config</th><th>override</th><th>default</th></tr>${rows}</table>
      ${commandLine(commands.configs(bootstrap, t.name))}</div>`;
  }).join('');
  const plain = doc.topics.length - withOverrides.length;
  return `<h2>Configs</h2>${blocks}<p class="note">${plain} topic${plain === 1 ? '' : 's'} with no override: the broker's defaults apply.</p>`;
}
