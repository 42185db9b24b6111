// API key -> handler. The engine advertises exactly the keys registered here (see ApiVersions).
import type { Engine } from '../engine';
import type { ConnectionContext } from '../dispatch';
import { ApiKey } from '../../protocol/apis';
import { handleApiVersions } from './api-versions';
import { handleMetadata } from './metadata';
import { handleProduce } from './produce';
import { handleFetch } from './fetch';
import { handleListOffsets } from './list-offsets';
import { handleCreateTopics } from './create-topics';
import { handleDeleteTopics } from './delete-topics';
import { handleCreatePartitions } from './create-partitions';
import { handleDescribeConfigs } from './describe-configs';
import { handleInitProducerId } from './init-producer-id';

export interface RequestContext {
  version: number;
  clientId: string | null;
  correlationId: number;
  connection: ConnectionContext;
}

/** Returned by a handler when the request gets no response at all (Produce with acks=0). */
export const NO_RESPONSE = Symbol('no-response');

export type Handler = (engine: Engine, request: any, ctx: RequestContext) => unknown | Promise<unknown>;

export const HANDLERS: ReadonlyMap<number, Handler> = new Map<number, Handler>([
  [ApiKey.ApiVersions, handleApiVersions],
  [ApiKey.Metadata, handleMetadata],
  [ApiKey.Produce, handleProduce],
  [ApiKey.Fetch, handleFetch],
  [ApiKey.ListOffsets, handleListOffsets],
  [ApiKey.CreateTopics, handleCreateTopics],
  [ApiKey.DeleteTopics, handleDeleteTopics],
  [ApiKey.CreatePartitions, handleCreatePartitions],
  [ApiKey.DescribeConfigs, handleDescribeConfigs],
  [ApiKey.InitProducerId, handleInitProducerId],
]);
