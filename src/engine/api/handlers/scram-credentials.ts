// DescribeUserScramCredentials / AlterUserScramCredentials: see ../scram-credentials.ts.
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import type {
  AlterUserScramCredentialsRequest, AlterUserScramCredentialsResponse, DescribeUserScramCredentialsRequest, DescribeUserScramCredentialsResponse,
} from '../../../protocol/messages';

export function handleDescribeUserScramCredentials(
  engine: Engine, req: DescribeUserScramCredentialsRequest, _ctx: RequestContext,
): DescribeUserScramCredentialsResponse {
  return engine.scram.describe(req);
}

export function handleAlterUserScramCredentials(
  engine: Engine, req: AlterUserScramCredentialsRequest, _ctx: RequestContext,
): AlterUserScramCredentialsResponse {
  return engine.scram.alter(req);
}
