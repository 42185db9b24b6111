// SaslAuthenticate (API key 36): versions 0-2, flexible from 2.
// Field layout follows Kafka 3.9's SaslAuthenticateRequest/SaslAuthenticateResponse message
// definitions. Optional (?) properties exist only in some versions; decoded objects always carry
// them (absent ones hold the default).
import { ApiSpec } from '../schema';

export interface SaslAuthenticateRequest {
  authBytes: Buffer;
}

export interface SaslAuthenticateResponse {
  errorCode: number;
  errorMessage: string | null;
  authBytes: Buffer;
  sessionLifetimeMs?: number;
}

export const saslAuthenticate: ApiSpec = {
  apiKey: 36,
  name: 'SaslAuthenticate',
  validVersions: '0-2',
  flexibleVersions: '2+',
  request: [
    { name: 'authBytes', type: 'bytes', versions: '0+' },
  ],
  response: [
    { name: 'errorCode', type: 'int16', versions: '0+' },
    { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+' },
    { name: 'authBytes', type: 'bytes', versions: '0+' },
    { name: 'sessionLifetimeMs', type: 'int64', versions: '1+', default: 0 },
  ],
};
