// Turns one request frame into one response frame (or none). Unknown API keys, versions we do
// not implement and unparsable bodies close the connection, as a Kafka broker does; ApiVersions
// with a too-new version gets UNSUPPORTED_VERSION in a v0 body so the client can retry.
import type { Engine } from '../engine';
import { ADVERTISED, ApiKey, INTER_BROKER, decodeRequestBody, encodeResponseFrame, readRequest } from '../../protocol/apis';
import type { ApiSpec } from '../../protocol/schema';
import { ErrorCode } from '../../protocol/errors';
import { HANDLERS, NO_RESPONSE, RequestContext } from './handlers';

export interface ConnectionContext {
  readonly id: number;
  readonly remote: string;
  isClosed(): boolean;
  /** Call `fn` once when the connection closes (unless the returned function is called first). */
  whenClosed(fn: () => void): () => void;
}

export class CloseConnection extends Error {
  readonly closeQuietly = true;
}

type Result = Buffer[] | null;

export function dispatch(engine: Engine, frame: Buffer, conn: ConnectionContext): Result | Promise<Result> {
  const { header, spec, body } = readRequest(frame);
  const handler = HANDLERS.get(header.apiKey);
  const advertised = ADVERTISED.get(header.apiKey) ?? INTER_BROKER.get(header.apiKey);
  if (!spec || !handler || !advertised) {
    throw new CloseConnection(`unknown API key ${header.apiKey} (version ${header.apiVersion})`);
  }
  const version = header.apiVersion;
  if (version < advertised.min || version > advertised.max) {
    if (header.apiKey === ApiKey.ApiVersions) {
      return encodeResponseFrame(spec, 0, header.correlationId, {
        errorCode: ErrorCode.UNSUPPORTED_VERSION,
        apiKeys: [{ apiKey: ApiKey.ApiVersions, minVersion: advertised.min, maxVersion: advertised.max }],
      });
    }
    throw new CloseConnection(`unsupported version ${version} of API key ${header.apiKey}`);
  }
  engine.requestObserver?.(header.apiKey, version, header.clientId);
  const request = decodeRequestBody(spec, version, body);
  const ctx: RequestContext = { version, clientId: header.clientId, correlationId: header.correlationId, connection: conn };
  const out = handler(engine, request, ctx);
  const correlationId = header.correlationId;
  if (out instanceof Promise) return out.then((resp) => respond(spec, version, correlationId, resp));
  return respond(spec, version, correlationId, out);
}

function respond(spec: ApiSpec, version: number, correlationId: number, resp: unknown): Result {
  if (resp === NO_RESPONSE) return null;
  return encodeResponseFrame(spec, version, correlationId, resp);
}
