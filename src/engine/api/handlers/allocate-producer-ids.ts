// AllocateProducerIds (controller side): a block of producer ids for a broker, recorded in the
// metadata log so that no id is handed out twice (Kafka's ProducerIdControlManager).
import type { Engine } from '../../engine';
import { ErrorCode, KafkaError } from '../../../protocol/errors';
import type { AllocateProducerIdsRequest, AllocateProducerIdsResponse } from '../../../protocol/messages/allocate-producer-ids';

export function handleAllocateProducerIds(engine: Engine, req: AllocateProducerIdsRequest): AllocateProducerIdsResponse {
  const fail = (errorCode: number): AllocateProducerIdsResponse => ({ throttleTimeMs: 0, errorCode, producerIdStart: -1, producerIdLen: 0 });
  if (!engine.controller.isActive()) return fail(ErrorCode.NOT_CONTROLLER);
  engine.loader.catchUp();
  const reg = engine.loader.image.brokers.get(req.brokerId);
  if (!reg || (Number(req.brokerEpoch) !== -1 && Number(req.brokerEpoch) !== reg.epoch)) return fail(ErrorCode.STALE_BROKER_EPOCH);
  try {
    const block = engine.controller.allocateProducerIds(req.brokerId, Number(req.brokerEpoch));
    return { throttleTimeMs: 0, errorCode: 0, producerIdStart: block.first, producerIdLen: block.count };
  } catch (e) {
    return fail(KafkaError.wrap(e).code);
  }
}
