// DescribeUserScramCredentials (API key 50) and AlterUserScramCredentials (51): version 0,
// flexible. SCRAM credentials of users (kafka-configs --entity-type users, SCRAM-SHA-256/512).
import { ApiSpec } from '../schema';

export interface DescribeUserScramCredentialsRequest {
  /** null or empty: every user with credentials. */
  users: { name: string }[] | null;
}

export interface DescribeUserScramCredentialsResponse {
  throttleTimeMs: number;
  errorCode: number;
  errorMessage: string | null;
  results: {
    user: string;
    errorCode: number;
    errorMessage: string | null;
    credentialInfos: { mechanism: number; iterations: number }[];
  }[];
}

export interface AlterUserScramCredentialsRequest {
  deletions: { name: string; mechanism: number }[];
  upsertions: { name: string; mechanism: number; iterations: number; salt: Buffer; saltedPassword: Buffer }[];
}

export interface AlterUserScramCredentialsResponse {
  throttleTimeMs: number;
  results: { user: string; errorCode: number; errorMessage: string | null }[];
}

export const describeUserScramCredentials: ApiSpec = {
  apiKey: 50,
  name: 'DescribeUserScramCredentials',
  validVersions: '0',
  flexibleVersions: '0+',
  request: [
    { name: 'users', type: '[]', versions: '0+', nullableVersions: '0+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
    ] },
  ],
  response: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'errorCode', type: 'int16', versions: '0+' },
    { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+' },
    { name: 'results', type: '[]', versions: '0+', fields: [
      { name: 'user', type: 'string', versions: '0+' },
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+' },
      { name: 'credentialInfos', type: '[]', versions: '0+', fields: [
        { name: 'mechanism', type: 'int8', versions: '0+' },
        { name: 'iterations', type: 'int32', versions: '0+' },
      ] },
    ] },
  ],
};

export const alterUserScramCredentials: ApiSpec = {
  apiKey: 51,
  name: 'AlterUserScramCredentials',
  validVersions: '0',
  flexibleVersions: '0+',
  request: [
    { name: 'deletions', type: '[]', versions: '0+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'mechanism', type: 'int8', versions: '0+' },
    ] },
    { name: 'upsertions', type: '[]', versions: '0+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'mechanism', type: 'int8', versions: '0+' },
      { name: 'iterations', type: 'int32', versions: '0+' },
      { name: 'salt', type: 'bytes', versions: '0+' },
      { name: 'saltedPassword', type: 'bytes', versions: '0+' },
    ] },
  ],
  response: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'results', type: '[]', versions: '0+', fields: [
      { name: 'user', type: 'string', versions: '0+' },
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+' },
    ] },
  ],
};
