// DescribeLogDirs (v0-4): the broker's one log dir with the size of every replica it hosts (or
// of those asked for), as LogManager reports it; in a cluster each broker answers for its own
// replicas (leaders and followers, as the replica manager hosts them). The engine keeps its
// logs in one SQLite database under log.dirs, so the dir is the first of log.dirs and a
// partition's size is the bytes of its stored batches (what Kafka's segments hold for the same
// records). offsetLag is Kafka's for a current log: how far its end is below its high
// watermark (0 unless it is behind). Volume sizes (v4) are the file system's.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Engine } from '../../engine';
import type { DescribeLogDirsRequest, DescribeLogDirsResponse } from '../../../protocol/messages/describe-log-dirs';

function volume(dir: string): { totalBytes: number; usableBytes: number } {
  try {
    const s = fs.statfsSync(dir);
    return { totalBytes: s.blocks * s.bsize, usableBytes: s.bavail * s.bsize };
  } catch {
    return { totalBytes: -1, usableBytes: -1 };
  }
}

export function handleDescribeLogDirs(engine: Engine, req: DescribeLogDirsRequest): DescribeLogDirsResponse {
  const md = engine.metadata;
  const wanted = req.topics === null ? null : new Map(req.topics.map((t) => [t.topic, new Set(t.partitions)]));
  const topics: DescribeLogDirsResponse['results'][number]['topics'] = [];
  for (const topic of md.allTopics()) {
    const only = wanted?.get(topic.name);
    if (wanted && !only) continue;
    const partitions = topic.partitions
      .filter((p) => !only || only.has(p.partition))
      .flatMap((p) => {
        const replica = engine.replicaManager.getPartition(topic.name, p.partition);
        if (!replica) return [];
        const offsetLag = Math.max(0, replica.log.highWatermark - replica.log.logEndOffset);
        return [{ partitionIndex: p.partition, partitionSize: replica.log.sizeBytes, offsetLag, isFutureKey: false }];
      });
    if (partitions.length > 0) topics.push({ name: topic.name, partitions });
  }
  const logDir = path.resolve(engine.settings.logDir);
  return { throttleTimeMs: 0, errorCode: 0, results: [{ errorCode: 0, logDir, topics, ...volume(logDir) }] };
}
