// DescribeClientQuotas (API key 48) and AlterClientQuotas (49): versions 0-1, flexible from 1.
// The quotas of users, client ids and IPs (what kafka-configs --entity-type users/clients/ips
// describes and alters).
import { ApiSpec, FieldSpec } from '../schema';

export interface QuotaEntityData {
  entityType: string;
  /** null: the default entity of the type. */
  entityName: string | null;
}

export interface DescribeClientQuotasRequest {
  components: { entityType: string; matchType: number; match: string | null }[];
  strict: boolean;
}

export interface DescribeClientQuotasResponse {
  throttleTimeMs: number;
  errorCode: number;
  errorMessage: string | null;
  entries: { entity: QuotaEntityData[]; values: { key: string; value: number }[] }[] | null;
}

export interface AlterClientQuotasRequest {
  entries: { entity: QuotaEntityData[]; ops: { key: string; value: number; remove: boolean }[] }[];
  validateOnly: boolean;
}

export interface AlterClientQuotasResponse {
  throttleTimeMs: number;
  entries: { errorCode: number; errorMessage: string | null; entity: QuotaEntityData[] }[];
}

const entity: FieldSpec = { name: 'entity', type: '[]', versions: '0+', fields: [
  { name: 'entityType', type: 'string', versions: '0+' },
  { name: 'entityName', type: 'string', versions: '0+', nullableVersions: '0+' },
] };

export const describeClientQuotas: ApiSpec = {
  apiKey: 48,
  name: 'DescribeClientQuotas',
  validVersions: '0-1',
  flexibleVersions: '1+',
  request: [
    { name: 'components', type: '[]', versions: '0+', fields: [
      { name: 'entityType', type: 'string', versions: '0+' },
      { name: 'matchType', type: 'int8', versions: '0+' },
      { name: 'match', type: 'string', versions: '0+', nullableVersions: '0+' },
    ] },
    { name: 'strict', type: 'bool', versions: '0+' },
  ],
  response: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'errorCode', type: 'int16', versions: '0+' },
    { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+' },
    { name: 'entries', type: '[]', versions: '0+', nullableVersions: '0+', fields: [
      entity,
      { name: 'values', type: '[]', versions: '0+', fields: [
        { name: 'key', type: 'string', versions: '0+' },
        { name: 'value', type: 'float64', versions: '0+' },
      ] },
    ] },
  ],
};

export const alterClientQuotas: ApiSpec = {
  apiKey: 49,
  name: 'AlterClientQuotas',
  validVersions: '0-1',
  flexibleVersions: '1+',
  request: [
    { name: 'entries', type: '[]', versions: '0+', fields: [
      entity,
      { name: 'ops', type: '[]', versions: '0+', fields: [
        { name: 'key', type: 'string', versions: '0+' },
        { name: 'value', type: 'float64', versions: '0+' },
        { name: 'remove', type: 'bool', versions: '0+' },
      ] },
    ] },
    { name: 'validateOnly', type: 'bool', versions: '0+' },
  ],
  response: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'entries', type: '[]', versions: '0+', fields: [
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+' },
      entity,
    ] },
  ],
};
