// DescribeClientQuotas / AlterClientQuotas: see ../client-quotas.ts.
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import type { AlterClientQuotasRequest, AlterClientQuotasResponse, DescribeClientQuotasRequest, DescribeClientQuotasResponse } from '../../../protocol/messages';

export function handleDescribeClientQuotas(engine: Engine, req: DescribeClientQuotasRequest, _ctx: RequestContext): DescribeClientQuotasResponse {
  return engine.quotas.describe(req);
}

export function handleAlterClientQuotas(engine: Engine, req: AlterClientQuotasRequest, _ctx: RequestContext): AlterClientQuotasResponse {
  return engine.quotas.alter(req);
}
