// ListGroups (API key 16): versions 0-5, flexible from 3; v4 filters by state and reports it, v5
// filters by group type and reports it.
// Field layout follows Kafka 4.4's ListGroupsRequest/ListGroupsResponse message definitions, limited to
// the versions we implement. Optional (?) properties exist only in some of those versions; decoded
// objects always carry them (absent ones hold the default).
import { ApiSpec } from '../schema';

export interface ListGroupsRequest {
  statesFilter?: string[];
  typesFilter?: string[];
}

export interface ListedGroup {
  groupId: string;
  protocolType: string;
  groupState?: string;
  groupType?: string;
}

export interface ListGroupsResponse {
  throttleTimeMs?: number;
  errorCode: number;
  groups: ListedGroup[];
}

export const listGroups: ApiSpec = {
  apiKey: 16,
  name: 'ListGroups',
  validVersions: '0-5',
  flexibleVersions: '3+',
  request: [
    { name: 'statesFilter', type: '[]string', versions: '4+', default: [] },
    { name: 'typesFilter', type: '[]string', versions: '5+', default: [] },
  ],
  response: [
    { name: 'throttleTimeMs', type: 'int32', versions: '1+' },
    { name: 'errorCode', type: 'int16', versions: '0+' },
    { name: 'groups', type: '[]', versions: '0+', fields: [
      { name: 'groupId', type: 'string', versions: '0+' },
      { name: 'protocolType', type: 'string', versions: '0+' },
      { name: 'groupState', type: 'string', versions: '4+', default: '' },
      { name: 'groupType', type: 'string', versions: '5+', default: '' },
    ] },
  ],
};
