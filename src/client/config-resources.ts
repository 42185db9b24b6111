// Listing config resources (ListConfigResources; ListClientMetricsResources as version 0) and
// group ids, as the Java AdminClient's listConfigResources() and listGroups() do.
import type { Admin } from './admin';
import { ApiKey } from '../protocol/apis';
import { KafkaError } from '../protocol/errors';

const LIST_GROUPS = 16;

/** The names of the config resources of one type the cluster knows of, in the broker's order. */
export async function listConfigResources(admin: Admin, resourceType: number, timeoutMs = 60000): Promise<string[]> {
  await admin.requireApi(ApiKey.ListConfigResources, 'LIST_CONFIG_RESOURCES', 'listConfigResources');
  const conn = await admin.cluster.anyConnection(Date.now() + timeoutMs, 'listConfigResources');
  const v = conn.versionFor(ApiKey.ListConfigResources) ?? 0;
  const resp: any = await conn.send(ApiKey.ListConfigResources, { resourceTypes: [resourceType] });
  if (resp.errorCode !== 0) throw KafkaError.from(resp.errorCode);
  return resp.configResources
    .filter((r: { resourceType: number }) => v === 0 || r.resourceType === resourceType)
    .map((r: { resourceName: string }) => r.resourceName);
}

/** Every group id (ListGroups, all states and types). */
export async function listGroupIds(admin: Admin, timeoutMs = 60000): Promise<string[]> {
  await admin.requireApi(LIST_GROUPS, 'LIST_GROUPS', 'listGroups');
  const conn = await admin.cluster.anyConnection(Date.now() + timeoutMs, 'listGroups');
  const resp: any = await conn.send(LIST_GROUPS, { statesFilter: [], typesFilter: [] });
  if (resp.errorCode !== 0) throw KafkaError.from(resp.errorCode);
  return resp.groups.map((g: { groupId: string }) => g.groupId);
}
