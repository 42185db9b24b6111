// The brokers panel: ids, addresses, alive or not, the controller, how many partitions each leads.
import type { StatusDocument } from '../../tools/ui/snapshot';
import { commandLine, commands } from './commands';
import { esc } from './dom';

export function brokersHtml(doc: StatusDocument, bootstrap: string): string {
  const { cluster } = doc;
  const cards = cluster.brokers.map((b) => {
    const addr = b.host !== null ? `${b.host}:${b.port}` : 'address unknown';
    const controller = cluster.controller === b.id ? '<span class="badge controller" title="the broker the cluster names as controller">controller</span>' : '';
    return `<div class="broker ${b.alive ? 'alive' : 'dead'}" data-broker="${b.id}" data-alive="${b.alive}">
      <div class="broker-id">broker ${b.id}</div>
      <div class="addr">${esc(addr)}</div>
      <div class="state">${b.alive ? 'alive' : 'dead'} ${controller}</div>
      <div class="leads" data-leads="${b.id}">leads ${b.partitionsLed} partition${b.partitionsLed === 1 ? '' : 's'}</div>
    </div>`;
  }).join('');
  return `<h2>Brokers <small>cluster ${esc(cluster.clusterId ?? '?')}</small></h2>
    <div class="brokers">${cards || '<i>no broker answered</i>'}</div>
    ${commandLine(commands.brokers(bootstrap))}${commandLine(commands.quorum(bootstrap))}`;
}
