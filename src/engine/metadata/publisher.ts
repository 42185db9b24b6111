// What a broker does with the metadata log's changes (KRaft's MetadataPublishers): its local
// catalog of topics and partitions follows the image (topics created, grown, deleted, their
// config overrides), dynamic configs take effect, and the replica manager learns which
// partitions this broker leads or follows. The controller of this process applies what it
// appends through the same path, so a change is visible here as soon as it is committed.
import type { Engine } from '../engine';
import type { MetadataChange, MetadataImage, TopicImage } from './image';
import { ConfigResource } from './records';
import { isInternalTopic } from '../../protocol/topic-name';

/**
 * The one place the replica side hears about leadership: h1's ReplicaManager.applyDelta makes this
 * broker leader or follower of the partitions that changed. Until it is merged, the partition
 * logs are served as today (the metadata cache tells handlers who leads).
 */
export function publishToReplicaManager(engine: Engine, changes: MetadataChange[]): void {
  const rm = (engine as unknown as { replicaManager?: { applyDelta(changes: MetadataChange[]): void } }).replicaManager;
  rm?.applyDelta(changes);
}

function createLocal(engine: Engine, t: TopicImage, image: MetadataImage): void {
  const sameName = engine.topics.get(t.name);
  if (sameName && sameName.id !== t.id) deleteLocal(engine, sameName.id);
  if (engine.topics.getById(t.id)) return;
  const assignment = t.partitions.map((p) => p.replicas);
  engine.topics.create(t.name, assignment, assignment[0]?.length ?? 0, new Map(image.topicConfigs(t.name)), isInternalTopic(t.name), t.id);
}

function deleteLocal(engine: Engine, topicId: string): void {
  const local = engine.topics.getById(topicId);
  if (!local) return;
  engine.topics.delete(local);
  engine.producers.forgetTopic(local);
  engine.onTopicDeleted(local);
}

/** Apply one batch of changes to this broker's local state. */
export function publishLocally(engine: Engine, changes: MetadataChange[], image: MetadataImage): void {
  const created = new Map<string, TopicImage>();
  const grown = new Set<string>();
  const topicConfigs = new Set<string>();
  let brokerConfigs = false;
  for (const c of changes) {
    switch (c.kind) {
      case 'topic-created':
        created.set(c.topic.id, c.topic);
        break;
      case 'topic-deleted':
        created.delete(c.topic.id);
        deleteLocal(engine, c.topic.id);
        break;
      case 'partition':
        if (!c.before && !created.has(c.topic.id)) grown.add(c.topic.id);
        break;
      case 'config':
        if (c.resourceType === ConfigResource.TOPIC) topicConfigs.add(c.resourceName);
        else if (c.resourceType === ConfigResource.BROKER) brokerConfigs = true;
        break;
      default:
        break;
    }
  }
  for (const t of created.values()) if (image.topicsById.has(t.id)) createLocal(engine, t, image);
  for (const id of grown) {
    const t = image.topicsById.get(id);
    const local = engine.topics.getById(id);
    if (!t || !local) continue;
    if (t.partitions.length > local.partitions.length) engine.topics.addPartitions(local, t.partitions.slice(local.partitions.length).map((p) => p.replicas));
  }
  for (const name of topicConfigs) {
    const local = engine.topics.get(name);
    if (!local || created.has(local.id)) continue;
    engine.topics.setConfigs(local, new Map(image.topicConfigs(name)));
    engine.configs.forgetTopic(local.tk);
  }
  if (topicConfigs.size > 0 || brokerConfigs) engine.configs.invalidate();
  publishToReplicaManager(engine, changes);
}

/**
 * After the first replay: topics this broker still stores that the cluster no longer has (deleted
 * while it was down) go, as Kafka deletes stray logs. Only once the log dir's own catalog has
 * been migrated into the metadata log (before that, the local topics are the source).
 */
export function dropStrayTopics(engine: Engine, image: MetadataImage): void {
  for (const local of engine.topics.all()) {
    const t = image.topicsById.get(local.id);
    if (!t) deleteLocal(engine, local.id);
  }
  for (const t of image.topicsById.values()) if (!engine.topics.getById(t.id)) createLocal(engine, t, image);
}
