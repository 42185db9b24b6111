// AlterPartition (controller side): a partition's leader asks to shrink or expand its ISR. Only
// the active controller answers (NOT_CONTROLLER elsewhere: the sender finds the controller
// again); a leader whose registration is not the current one is told STALE_BROKER_EPOCH; each
// partition is checked against its leader and partition epochs (replication-control.ts).
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import { ErrorCode } from '../../../protocol/errors';
import type { AlterPartitionRequest, AlterPartitionResponse, AlterPartitionPartitionResult } from '../../../protocol/messages/alter-partition';

export function handleAlterPartition(engine: Engine, req: AlterPartitionRequest, ctx: RequestContext): AlterPartitionResponse {
  const none = (errorCode: number): AlterPartitionResponse => ({ throttleTimeMs: 0, errorCode, topics: [] });
  const { controller, loader } = engine;
  if (!controller.isActive()) return none(ErrorCode.NOT_CONTROLLER);
  loader.catchUp();
  const image = loader.image;
  const reg = image.brokers.get(req.brokerId);
  if (!reg || (req.brokerEpoch !== -1 && Number(req.brokerEpoch) !== reg.epoch)) return none(ErrorCode.STALE_BROKER_EPOCH);
  const byName = ctx.version < 2;
  const items = req.topics.flatMap((t) => {
    const topicId = byName ? image.topicsByName.get(t.topicName)?.id ?? '' : t.topicId;
    return t.partitions.map((p) => ({
      topicId, topicName: t.topicName, partition: p.partitionIndex, leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch,
      newIsr: ctx.version >= 3 ? p.newIsrWithEpochs.map((b) => b.brokerId) : p.newIsr,
      leaderRecoveryState: (p.leaderRecoveryState === 1 ? 1 : 0) as 0 | 1,
    }));
  });
  let results;
  try {
    results = controller.write(() => {
      const { records, results } = controller.replication.alterPartition(req.brokerId, items.filter((i) => i.topicId !== ''));
      return { records, result: results };
    });
  } catch {
    return none(ErrorCode.NOT_CONTROLLER);
  }
  const topics: AlterPartitionResponse['topics'] = [];
  const byTopic = new Map<string, AlterPartitionPartitionResult[]>();
  for (const it of items) {
    const key = byName ? it.topicName : it.topicId;
    let list = byTopic.get(key);
    if (!list) {
      byTopic.set(key, (list = []));
      topics.push({ topicName: it.topicName, topicId: it.topicId, partitions: list });
    }
    const r = results.find((x) => x.topicId === it.topicId && x.partition === it.partition);
    const errorCode = it.topicId === '' ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : r?.errorCode ?? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
    const p = r?.registration;
    list.push({
      partitionIndex: it.partition, errorCode, leaderId: p?.leader ?? -1, leaderEpoch: p?.leaderEpoch ?? -1, isr: p?.isr ?? [],
      leaderRecoveryState: p?.leaderRecoveryState ?? 0, partitionEpoch: p?.partitionEpoch ?? -1,
    });
  }
  return { throttleTimeMs: 0, errorCode: 0, topics };
}
