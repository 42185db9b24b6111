// ListGroups (API key 16): versions 0-2, never flexible here.
// Field layout follows Kafka 3.9's ListGroupsRequest/ListGroupsResponse message definitions, limited to
// the versions we implement. Optional (?) properties exist only in some of those versions; decoded
// objects always carry them (absent ones hold the default).
import { ApiSpec } from '../schema';

export interface ListGroupsRequest {
}

export interface ListedGroup {
  groupId: string;
  protocolType: string;
}

export interface ListGroupsResponse {
  throttleTimeMs?: number;
  errorCode: number;
  groups: ListedGroup[];
}

export const listGroups: ApiSpec = {
  apiKey: 16,
  name: 'ListGroups',
  validVersions: '0-2',
  flexibleVersions: 'none',
  request: [],
  response: [
    { name: 'throttleTimeMs', type: 'int32', versions: '1+' },
    { name: 'errorCode', type: 'int16', versions: '0+' },
    { name: 'groups', type: '[]', versions: '0+', fields: [
      { name: 'groupId', type: 'string', versions: '0+' },
      { name: 'protocolType', type: 'string', versions: '0+' },
    ] },
  ],
};
