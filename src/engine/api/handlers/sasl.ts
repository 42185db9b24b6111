// SaslHandshake and SaslAuthenticate on a PLAINTEXT listener (the only kind this engine has): a
// Kafka broker advertises both and, since the connection is already authenticated (as
// ANONYMOUS), answers ILLEGAL_SASL_STATE; a client configured for SASL then fails with
// Kafka's message instead of a closed connection.
import type { RequestContext } from '.';
import type { Engine } from '../../engine';
import { ErrorCode } from '../../../protocol/errors';
import type { SaslHandshakeRequest, SaslHandshakeResponse } from '../../../protocol/messages/sasl-handshake';
import type { SaslAuthenticateRequest, SaslAuthenticateResponse } from '../../../protocol/messages/sasl-authenticate';

export function handleSaslHandshake(_engine: Engine, _req: SaslHandshakeRequest, _ctx: RequestContext): SaslHandshakeResponse {
  return { errorCode: ErrorCode.ILLEGAL_SASL_STATE, mechanisms: [] };
}

export function handleSaslAuthenticate(_engine: Engine, _req: SaslAuthenticateRequest, _ctx: RequestContext): SaslAuthenticateResponse {
  return {
    errorCode: ErrorCode.ILLEGAL_SASL_STATE, errorMessage: 'SaslAuthenticate request received after successful authentication',
    authBytes: Buffer.alloc(0), sessionLifetimeMs: 0,
  };
}
