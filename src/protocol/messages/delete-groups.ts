// DeleteGroups (API key 42): versions 0-1, never flexible here.
// Field layout follows Kafka 3.9's DeleteGroupsRequest/DeleteGroupsResponse message definitions, limited to
// the versions we implement. Optional (?) properties exist only in some of those versions; decoded
// objects always carry them (absent ones hold the default).
import { ApiSpec } from '../schema';

export interface DeleteGroupsRequest {
  groupsNames: string[];
}

export interface DeletableGroupResult {
  groupId: string;
  errorCode: number;
}

export interface DeleteGroupsResponse {
  throttleTimeMs: number;
  results: DeletableGroupResult[];
}

export const deleteGroups: ApiSpec = {
  apiKey: 42,
  name: 'DeleteGroups',
  validVersions: '0-1',
  flexibleVersions: 'none',
  request: [
    { name: 'groupsNames', type: '[]string', versions: '0+' },
  ],
  response: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'results', type: '[]', versions: '0+', fields: [
      { name: 'groupId', type: 'string', versions: '0+' },
      { name: 'errorCode', type: 'int16', versions: '0+' },
    ] },
  ],
};
