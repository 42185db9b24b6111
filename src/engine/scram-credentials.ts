// Users' SCRAM credentials (DescribeUserScramCredentials / AlterUserScramCredentials), with the
// checks and texts of a KRaft controller (ScramControlManager) and its image's describe. As
// Kafka, only the salt, the iteration count and the stored and server keys derived from the
// salted password are kept. (This engine does not authenticate with SCRAM; kafka-configs
// manages the credentials as on a real cluster.)
import { createHash, createHmac } from 'node:crypto';
import type { MetadataImage } from './metadata/image';
import type { MetadataRecord } from './metadata/records';
import { ErrorCode } from '../protocol/errors';
import { javaHashMapOrder } from '../util/java-hash';
import type {
  AlterUserScramCredentialsRequest, AlterUserScramCredentialsResponse,
  DescribeUserScramCredentialsRequest, DescribeUserScramCredentialsResponse,
} from '../protocol/messages';

/** ScramMechanism types: 1 SCRAM-SHA-256, 2 SCRAM-SHA-512 (hash, minimum iterations 4096). */
const MECHANISMS = new Map<number, { hash: 'sha256' | 'sha512'; minIterations: number }>([
  [1, { hash: 'sha256', minIterations: 4096 }],
  [2, { hash: 'sha512', minIterations: 4096 }],
]);
const MAX_ITERATIONS = 16384;

interface Credential {
  iterations: number;
  salt: Buffer;
  storedKey: Buffer;
  serverKey: Buffer;
}

interface ApiError {
  code: number;
  message: string;
}

export class ScramCredentials {
  /** Credentials are metadata records: the image holds them, the controller appends them. */
  constructor(private readonly metadata: { image: MetadataImage; write(records: MetadataRecord[]): void }) {}

  /** user -> mechanism -> credential */
  private get users(): Map<string, Map<number, Credential>> {
    return this.metadata.image.scram;
  }

  /** ScramImage.describe: every user with credentials, or the named ones (each once). */
  describe(req: DescribeUserScramCredentialsRequest): DescribeUserScramCredentialsResponse {
    const unique = new Map<string, boolean>(); // user -> named twice
    if (!req.users || req.users.length === 0) for (const u of this.users.keys()) unique.set(u, false);
    else for (const { name } of req.users) unique.set(name, unique.has(name));
    // Kafka walks a HashMap of the user names.
    const results = javaHashMapOrder(unique.keys()).map((user) => {
      if (unique.get(user)) {
        return { user, errorCode: ErrorCode.DUPLICATE_RESOURCE, errorMessage: `Cannot describe SCRAM credentials for the same user twice in a single request: ${user}`, credentialInfos: [] };
      }
      const creds = this.users.get(user);
      if (!creds || creds.size === 0) {
        return { user, errorCode: ErrorCode.RESOURCE_NOT_FOUND, errorMessage: `Attempt to describe a user credential that does not exist: ${user}`, credentialInfos: [] };
      }
      const credentialInfos = [...creds].sort(([a], [b]) => a - b).map(([mechanism, c]) => ({ mechanism, iterations: c.iterations }));
      return { user, errorCode: 0, errorMessage: null, credentialInfos };
    });
    return { throttleTimeMs: 0, errorCode: 0, errorMessage: null, results };
  }

  /** ScramControlManager.alterCredentials: one change per user and request; applied together. */
  alter(req: AlterUserScramCredentialsRequest): AlterUserScramCredentialsResponse {
    const errors = new Map<string, ApiError>();
    const deletions = new Map<string, number>();
    const upserts = new Map<string, AlterUserScramCredentialsRequest['upsertions'][number]>();
    const twice = (user: string) => errors.set(user, { code: ErrorCode.DUPLICATE_RESOURCE, message: 'A user credential cannot be altered twice in the same request' });
    for (const d of req.deletions) {
      if (errors.has(d.name)) continue;
      if (deletions.delete(d.name)) twice(d.name);
      else {
        const error = this.checkUser(d.name, d.mechanism)
          ?? (this.users.get(d.name)?.has(d.mechanism) ? undefined : { code: ErrorCode.RESOURCE_NOT_FOUND, message: 'Attempt to delete a user credential that does not exist' });
        if (error) errors.set(d.name, error);
        else deletions.set(d.name, d.mechanism);
      }
    }
    for (const u of req.upsertions) {
      if (errors.has(u.name)) continue;
      if (deletions.delete(u.name) || upserts.delete(u.name)) twice(u.name);
      else {
        const mechanism = MECHANISMS.get(u.mechanism);
        let error = this.checkUser(u.name, u.mechanism);
        if (!error && mechanism && u.iterations < mechanism.minIterations) error = { code: ErrorCode.UNACCEPTABLE_CREDENTIAL, message: 'Too few iterations' };
        if (!error && u.iterations > MAX_ITERATIONS) error = { code: ErrorCode.UNACCEPTABLE_CREDENTIAL, message: 'Too many iterations' };
        if (error) errors.set(u.name, error);
        else upserts.set(u.name, u);
      }
    }
    const created = [...upserts.values()].map((u) => {
      // ScramFormatter: client key = HMAC(salted, "Client Key"), stored key = H(client key), server key = HMAC(salted, "Server Key").
      const { hash } = MECHANISMS.get(u.mechanism)!;
      const clientKey = createHmac(hash, u.saltedPassword).update('Client Key').digest();
      return { u, cred: { iterations: u.iterations, salt: u.salt, storedKey: createHash(hash).update(clientKey).digest(), serverKey: createHmac(hash, u.saltedPassword).update('Server Key').digest() } };
    });
    const b64 = (b: Buffer) => b.toString('base64');
    const records: MetadataRecord[] = [
      ...[...deletions].map(([name, mechanism]): MetadataRecord => ({ type: 'RemoveUserScramCredential', name, mechanism })),
      ...created.map(({ u, cred }): MetadataRecord => ({
        type: 'UserScramCredential', name: u.name, mechanism: u.mechanism, iterations: cred.iterations,
        salt: b64(cred.salt), storedKey: b64(cred.storedKey), serverKey: b64(cred.serverKey),
      })),
    ];
    if (records.length > 0) this.metadata.write(records);
    const ok = (user: string) => ({ user, errorCode: 0, errorMessage: null });
    return {
      throttleTimeMs: 0,
      results: [
        ...[...deletions.keys()].map(ok),
        ...[...upserts.keys()].map(ok),
        ...[...errors].map(([user, e]) => ({ user, errorCode: e.code, errorMessage: e.message })),
      ],
    };
  }

  private checkUser(user: string, mechanism: number): ApiError | undefined {
    if (user === '') return { code: ErrorCode.UNACCEPTABLE_CREDENTIAL, message: 'Username must not be empty' };
    if (!MECHANISMS.has(mechanism)) return { code: ErrorCode.UNSUPPORTED_SASL_MECHANISM, message: 'Unknown SCRAM mechanism' };
    return undefined;
  }
}
