// The actions of kafka-topics against a broker, as Kafka's TopicCommand.TopicService does them
// (4.4, with --bootstrap-server) and as 2.8's ZookeeperTopicService did them (with --zookeeper:
// same broker, 2.8 texts and semantics). Every failure is thrown; the caller prints it the
// TopicCommand way (`Error while executing topic command : <message>` + an ERROR log line).

import { JavaException } from '../../cli/errors';
import type { ToolIO } from '../../cli/io';
import type { OptionSet } from '../../cli/options';
import { IncludeList, isInternalTopic } from '../../cli/topic-filter';
import { Admin, ConfigResourceType, ConfigSource, type ConfigEntry, type DescribedTopic, type PartitionInfo } from '../../client/admin';
import { ReplicaAdmin } from '../../client/replica-admin';
import { topicConfigsForDescribeLine } from '../../config/resolve';
import { ErrorCode, KafkaError } from '../../protocol/errors';
import { hasCollisionChars, topicNameError, unifyCollisionChars } from '../../protocol/topic-name';
import { ZERO_UUID } from '../../protocol/uuid';
import { javaHashMapOrderBy } from '../../util/java-hash';
import type { Era } from './options';
import { adminOperation, parseReplicaAssignment, parseTopicConfigs, parseTopicConfigsToDelete, uuidFromString } from './parse';
import { listReassignments, reassignmentText, replicationFactor, type Reassignments } from './reassignments';

const COLLISION_WARNING =
  "WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') could collide. To avoid issues it is best to use either, but not both.";

function illegalArgument(message: string): JavaException {
  return new JavaException('java.lang.IllegalArgumentException', message);
}

/** What TopicCommand's CommandTopicPartition reads from the options (in that order). */
interface CommandTopicPartition {
  name: string;
  partitions: number | undefined;
  replicationFactor: number | undefined;
  replicaAssignment: number[][] | undefined;
  configsToAdd: Map<string, string>;
  configsToDelete: string[];
}

interface Listing {
  name: string;
  internal: boolean;
  topicId: string | null;
  /** Its partition numbers, as the listing's Metadata answer has them. */
  partitions: number[];
}

export class TopicService {
  constructor(
    private readonly admin: Admin,
    private readonly opts: OptionSet,
    private readonly io: ToolIO,
    private readonly era: Era,
    private readonly apiTimeoutMs: number,
  ) {}

  private out(line: string): void {
    this.io.stdout(`${line}\n`);
  }

  private topicOpt(): string | undefined {
    return this.opts.has('topic') ? this.opts.stringValueOf('topic') : undefined;
  }

  private commandTopicPartition(): CommandTopicPartition {
    const o = this.opts;
    const name = o.stringValueOf('topic')!;
    const partitions = o.has('partitions') ? o.numberValueOf('partitions') : undefined;
    const replicationFactor = o.has('replication-factor') ? o.numberValueOf('replication-factor') : undefined;
    const raw = o.has('replica-assignment') ? o.stringValueOf('replica-assignment') ?? '' : '';
    let replicaAssignment = parseReplicaAssignment(raw, this.era);
    if (this.era === 'kafka39' && replicaAssignment?.length === 0) replicaAssignment = undefined;
    const parsed = parseTopicConfigs(o.has('config') ? o.stringValuesOf('config') : [], this.era);
    if (parsed.warning) this.out(parsed.warning);
    const configsToDelete = this.era === 'zk28' && o.has('delete-config') ? parseTopicConfigsToDelete(o.stringValuesOf('delete-config')) : [];
    return { name, partitions, replicationFactor, replicaAssignment, configsToAdd: parsed.configs, configsToDelete };
  }

  /** The last listing, by name (what describeTopic asks ListPartitionReassignments about). */
  private listed = new Map<string, Listing>();

  private async listings(): Promise<Listing[]> {
    const md = await this.admin.cluster.metadata(null, Date.now() + this.apiTimeoutMs, 'listTopics', false, true);
    const out: Listing[] = md.topics
      .filter((t: any) => t.errorCode === 0)
      .map((t: any) => ({
        name: t.name, internal: !!t.isInternal, topicId: t.topicId ?? null, partitions: (t.partitions ?? []).map((p: any) => p.partitionIndex),
      }));
    this.listed = new Map(out.map((l) => [l.name, l]));
    return out;
  }

  /** TopicService.getTopics: sorted names, filtered by the --topic regex and --exclude-internal. */
  private async getTopics(): Promise<string[]> {
    const exclude = this.opts.has('exclude-internal');
    const include = this.topicOpt();
    const all = (await this.listings()).filter((t) => !(exclude && t.internal)).map((t) => t.name);
    all.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (include !== undefined) {
      const filter = new IncludeList(include);
      return all.filter((t) => filter.isTopicAllowed(t, exclude));
    }
    return all.filter((t) => !(isInternalTopic(t) && exclude));
  }

  private ensureTopicExists(found: readonly string[]): void {
    const requested = this.topicOpt();
    const require = !this.opts.has('if-exists');
    const named = requested !== undefined && (this.era === 'zk28' || requested !== '');
    if (named && require && found.length === 0) throw illegalArgument(`Topic '${requested}' does not exist as expected`);
  }

  /** `paged`: through DescribeTopicPartitions (with each partition's ELR), as Kafka 4.x describes topics by name. */
  private async describe(names: string[], paged?: { limit: number }): Promise<DescribedTopic[]> {
    if (names.length === 0) return [];
    const descs = paged ? await this.admin.describeTopicsPaged(names, paged.limit) : await this.admin.describeTopics(names);
    for (const d of descs) if (d.errorCode !== 0) throw KafkaError.from(d.errorCode);
    const byName = new Map(descs.map((d) => [d.name, d]));
    return names.map((n) => byName.get(n)).filter((d): d is DescribedTopic => d !== undefined);
  }

  private liveBrokers(): Set<number> {
    return new Set(this.admin.cluster.brokers.keys());
  }

  // ------------------------------------------------------------------------------------------
  // create

  async createTopic(): Promise<void> {
    const topic = this.commandTopicPartition();
    if (hasCollisionChars(topic.name)) this.out(COLLISION_WARNING);
    if (this.era === 'zk28') return this.createTopicZk(topic);

    const rf = topic.replicationFactor;
    if (rf !== undefined && (rf > 32767 || rf < 1)) throw illegalArgument('The replication factor must be between 1 and 32767 inclusive');
    if (topic.partitions !== undefined && topic.partitions < 1) throw illegalArgument('The partitions must be greater than 0');
    if (topic.name === '') {
      throw KafkaError.from(ErrorCode.INVALID_TOPIC_EXCEPTION, `The given topic name '${topic.name}' cannot be represented in a request.`);
    }
    const results = await this.admin.createTopics([{
      name: topic.name,
      numPartitions: topic.replicaAssignment ? -1 : topic.partitions ?? -1,
      replicationFactor: topic.replicaAssignment ? -1 : rf ?? -1,
      assignments: topic.replicaAssignment,
      configs: topic.configsToAdd,
    }]);
    const err = results.get(topic.name);
    if (err) {
      if (err.code === ErrorCode.TOPIC_ALREADY_EXISTS && this.opts.has('if-not-exists')) return;
      throw err;
    }
    this.out(`Created topic ${topic.name}.`);
  }

  /** 2.8 AdminZkClient.createTopic / createTopicWithAssignment, checks in their order. */
  private async createTopicZk(topic: CommandTopicPartition): Promise<void> {
    try {
      if (!topic.replicaAssignment) {
        const partitions = topic.partitions!;
        const rf = topic.replicationFactor!;
        if (partitions <= 0) throw KafkaError.from(ErrorCode.INVALID_PARTITIONS, 'Number of partitions must be larger than 0.');
        if (rf <= 0) throw KafkaError.from(ErrorCode.INVALID_REPLICATION_FACTOR, 'Replication factor must be larger than 0.');
        await this.admin.cluster.metadata([], Date.now() + this.apiTimeoutMs, 'describeCluster');
        const brokers = this.admin.cluster.brokers.size;
        if (rf > brokers) {
          throw KafkaError.from(ErrorCode.INVALID_REPLICATION_FACTOR, `Replication factor: ${rf} larger than available brokers: ${brokers}.`);
        }
      }
      const nameError = topicNameError(topic.name, 'zk28');
      if (nameError) throw KafkaError.from(ErrorCode.INVALID_TOPIC_EXCEPTION, nameError);
      const existing = (await this.listings()).map((t) => t.name);
      if (existing.includes(topic.name)) throw KafkaError.from(ErrorCode.TOPIC_ALREADY_EXISTS, `Topic '${topic.name}' already exists.`);
      if (hasCollisionChars(topic.name)) {
        const colliding = existing.filter((t) => unifyCollisionChars(t) === unifyCollisionChars(topic.name));
        if (colliding.length > 0) {
          throw KafkaError.from(ErrorCode.INVALID_TOPIC_EXCEPTION, `Topic '${topic.name}' collides with existing topics: ${colliding.join(', ')}`);
        }
      }
      if (topic.replicaAssignment?.length === 0) {
        throw KafkaError.from(ErrorCode.INVALID_REPLICA_ASSIGNMENT, 'All partitions should have the same number of replicas');
      }
      const results = await this.admin.createTopics([{
        name: topic.name,
        numPartitions: topic.replicaAssignment ? -1 : topic.partitions!,
        replicationFactor: topic.replicaAssignment ? -1 : topic.replicationFactor!,
        assignments: topic.replicaAssignment,
        configs: topic.configsToAdd,
      }]);
      const err = results.get(topic.name);
      if (err) throw err;
    } catch (e) {
      if (e instanceof KafkaError && e.code === ErrorCode.TOPIC_ALREADY_EXISTS && this.opts.has('if-not-exists')) return;
      throw e;
    }
    this.out(`Created topic ${topic.name}.`);
  }

  // ------------------------------------------------------------------------------------------
  // list

  async listTopics(): Promise<void> {
    const topics = await this.getTopics();
    if (this.era === 'zk28') {
      for (const t of topics) this.out(t);
    } else {
      this.out(topics.join('\n'));
    }
  }

  // ------------------------------------------------------------------------------------------
  // alter

  async alterTopic(): Promise<void> {
    if (this.era === 'zk28') return this.alterTopicZk();
    const topic = this.commandTopicPartition();
    const topics = await this.getTopics();
    this.ensureTopicExists(topics);
    if (topics.length === 0) return;
    const sizes = new Map<string, number>();
    if (topic.replicaAssignment) {
      for (const d of await this.describe(topics)) sizes.set(d.name, d.partitions.length);
    }
    const results = await this.admin.createPartitions(topics.map((name) => ({
      name,
      count: topic.partitions!,
      assignments: topic.replicaAssignment ? topic.replicaAssignment.slice(sizes.get(name) ?? 0) : undefined,
    })));
    for (const name of topics) {
      const err = results.get(name);
      if (err) throw err;
    }
  }

  private async alterTopicZk(): Promise<void> {
    const topics = await this.getTopics();
    const tp = this.commandTopicPartition();
    this.ensureTopicExists(topics);
    for (const topic of topics) {
      if (this.opts.has('config') || this.opts.has('delete-config')) {
        this.out('WARNING: Altering topic configuration from this script has been deprecated and may be removed in future releases.');
        this.out('         Going forward, please use kafka-configs.sh for this functionality');
        const current = await this.topicOverrides(topic);
        await this.admin.alterTopicConfigs(topic, tp.configsToAdd, tp.configsToDelete, current);
        this.out(`Updated config for topic ${topic}.`);
      }
      if (tp.partitions !== undefined) {
        if (isInternalTopic(topic)) throw illegalArgument(`The number of partitions for the internal topic ${topic} cannot be changed.`);
        this.out('WARNING: If partitions are increased for a topic that has a key, the partition logic or ordering of the messages will be affected');
        const [desc] = await this.describe([topic]).catch((e) => {
          if (e instanceof KafkaError && e.code === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) return [];
          throw e;
        });
        if (!desc || desc.partitions.length === 0) throw KafkaError.from(ErrorCode.INVALID_TOPIC_EXCEPTION, `The topic ${topic} does not exist`);
        const existing = desc.partitions.length;
        const rf0 = desc.partitions[0].replicas.length;
        if (tp.partitions - existing <= 0) {
          throw KafkaError.from(
            ErrorCode.INVALID_PARTITIONS,
            `The number of partitions for a topic can only be increased. Topic ${topic} currently has ${existing} partitions, ${tp.partitions} would not be an increase.`,
          );
        }
        const added = (tp.replicaAssignment ?? []).slice(existing);
        if (added.length > 0) this.validateReplicaAssignmentZk(added, existing, rf0);
        const count = added.length > 0 ? existing + added.length : tp.partitions;
        const results = await this.admin.createPartitions([{ name: topic, count, assignments: added.length > 0 ? added : undefined }]);
        const err = results.get(topic);
        if (err) throw err;
        this.out('Adding partitions succeeded!');
      }
    }
  }

  /** 2.8 AdminZkClient.validateReplicaAssignment for the new partitions (ids start at `first`). */
  private validateReplicaAssignmentZk(assignment: number[][], first: number, expectedRf: number): void {
    const live = [...this.liveBrokers()];
    assignment.forEach((replicas, i) => {
      const id = first + i;
      if (replicas.length === 0) throw KafkaError.from(ErrorCode.INVALID_REPLICA_ASSIGNMENT, `Cannot have replication factor of 0 for partition id ${id}.`);
      if (replicas.some((b) => !live.includes(b))) {
        throw KafkaError.from(
          ErrorCode.BROKER_NOT_AVAILABLE,
          `Some brokers specified for partition id ${id} are not available. Specified brokers: ${replicas.join(', ')}, available brokers: ${live.join(', ')}.`,
        );
      }
    });
    const bad = assignment.map((r, i) => ({ id: first + i, rf: r.length })).filter((x) => x.rf !== expectedRf);
    if (bad.length > 0) {
      throw KafkaError.from(
        ErrorCode.INVALID_REPLICA_ASSIGNMENT,
        `Inconsistent replication factor between partitions, partition 0 has ${expectedRf} while partitions [${bad.map((b) => b.id).join(', ')}] have replication factors [${bad.map((b) => b.rf).join(', ')}], respectively.`,
      );
    }
  }

  // ------------------------------------------------------------------------------------------
  // describe

  private async topicConfigs(names: string[]): Promise<Map<string, readonly ConfigEntry[]>> {
    if (names.length === 0) return new Map();
    const res = await this.admin.describeConfigs(ConfigResourceType.TOPIC, names);
    const out = new Map<string, readonly ConfigEntry[]>();
    for (const name of names) {
      const r = res.get(name);
      if (r instanceof KafkaError) throw r;
      out.set(name, r ?? []);
    }
    return out;
  }

  private async topicOverrides(topic: string): Promise<Map<string, string>> {
    const entries = (await this.topicConfigs([topic])).get(topic) ?? [];
    return new Map(entries.filter((e) => e.source === ConfigSource.DYNAMIC_TOPIC_CONFIG).map((e) => [e.name, e.value ?? '']));
  }

  async describeTopic(): Promise<void> {
    const o = this.opts;
    let topics: string[];
    let topicIds: string[] = [];
    let useTopicId = false;
    if (this.era === 'kafka39') {
      const rawId = o.has('topic-id') ? o.stringValueOf('topic-id')! : undefined;
      const inputId = rawId === undefined ? undefined : uuidFromString(rawId);
      useTopicId = inputId !== undefined && inputId !== ZERO_UUID;
      if (useTopicId) {
        const all = (await this.listings()).filter((t) => !(o.has('exclude-internal') && t.internal));
        const match = all.find((t) => t.topicId === inputId);
        topicIds = match ? [inputId!] : [];
        if (!o.has('if-exists') && topicIds.length === 0) throw illegalArgument(`TopicId '${inputId}' does not exist as expected`);
        topics = match ? [match.name] : [];
      } else {
        topics = await this.getTopics();
        this.ensureTopicExists(topics);
      }
    } else {
      topics = await this.getTopics();
      this.ensureTopicExists(topics);
    }
    const zk = this.era === 'zk28';
    let limit = 2000;
    if (this.era === 'kafka39' && !useTopicId && topics.length > 0 && o.has('partition-size-limit-per-response')) {
      limit = o.numberValueOf('partition-size-limit-per-response')!; // parsed (and possibly rejected) as Kafka does
    }
    // By --topic-id Kafka describes through Metadata, which carries no ELR: it prints N/A.
    const describing = this.describe(topics, zk || useTopicId ? undefined : { limit });
    describing.catch(() => {});
    // Kafka 4.4 asks ListPartitionReassignments about every partition it described once the
    // descriptions are in (2.8's --zookeeper service read no reassignment). The same request goes
    // out here as soon as the describe's first request has gone, for the partitions the listing
    // saw (the same ones but for a topic changed in between, when a reassignment could as well
    // change between Kafka's two requests): encoding and answering it then overlap the describe's
    // round trips, where after the describe it made a describe of 10,000 partitions ~7-15% slower.
    // Its failure still counts after the describe's and before the configs'.
    let reassignmentsPending: Promise<Reassignments> | undefined;
    if (!zk) {
      const partitions = new Map<string, readonly number[]>();
      for (const topic of topics) partitions.set(topic, this.listed.get(topic)?.partitions ?? []);
      reassignmentsPending = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => listReassignments(new ReplicaAdmin(this.admin, this.apiTimeoutMs), partitions));
      reassignmentsPending.catch(() => {});
    }
    let descriptions = await describing;
    // Kafka prints the topics in the order of the map describeTopics().allTopicNames() returns:
    // the per-topic futures, put in the sorted names' order into a HashMap presized for them,
    // copied (new HashMap<>(map): capacity for size / 0.75 + 1), then walked into a HashMap
    // presized for the topic count. (2.8 walked its sorted topic list.)
    if (this.era === 'kafka39') {
      const n = descriptions.length;
      const futures = javaHashMapOrderBy(descriptions, (d) => d.name, { initialCapacity: n });
      const copied = javaHashMapOrderBy(futures, (d) => d.name, { initialCapacity: Math.floor(n / 0.75 + 1) });
      descriptions = javaHashMapOrderBy(copied, (d) => d.name, { initialCapacity: n });
    }
    const configsPending = this.topicConfigs(descriptions.map((d) => d.name));
    configsPending.catch(() => {});
    const reassignments: Reassignments = (await reassignmentsPending) ?? new Map();
    const configs = await configsPending;
    const live = this.liveBrokers();

    const underReplicated = o.has('under-replicated-partitions');
    const unavailable = o.has('unavailable-partitions');
    const underMinIsr = o.has('under-min-isr-partitions');
    const atMinIsr = o.has('at-min-isr-partitions');
    const withOverrides = o.has('topics-with-overrides');
    const describeConfigs = !unavailable && !underReplicated && !underMinIsr && !atMinIsr;
    const describePartitions = !withOverrides;

    // What the lines need from a topic's config entries, worked out once per list: topics without
    // overrides share one (Admin.describeConfigs).
    const summaries = new Map<readonly ConfigEntry[], { text: string; nonDefault: number; minIsr: number }>();
    const summary = (entries: readonly ConfigEntry[]) => {
      let s = summaries.get(entries);
      if (s === undefined) {
        const shown = zk ? entries.filter((e) => e.source === ConfigSource.DYNAMIC_TOPIC_CONFIG) : entries;
        const minIsrEntry = entries.find((e) => e.name === 'min.insync.replicas');
        s = {
          text: topicConfigsForDescribeLine(shown.map((e) => ({ name: e.name, value: e.value, isDefault: e.source === ConfigSource.DEFAULT_CONFIG }))),
          nonDefault: shown.filter((e) => e.source !== ConfigSource.DEFAULT_CONFIG).length,
          minIsr: minIsrEntry?.value != null ? Number.parseInt(minIsrEntry.value, 10) : 1,
        };
        summaries.set(entries, s);
      }
      return s;
    };

    // A partition line after its number, by partition: topics whose partitions look alike share
    // them (Admin.describeTopicsPaged), and 10,000 lines are then mostly copies.
    const tails = new Map<PartitionInfo, string>();

    for (const td of descriptions) {
      const { text: configsText, nonDefault, minIsr } = summary(configs.get(td.name) ?? []);
      if (td.partitions.length === 0) continue;
      // Usually empty: then no partition line looks anything up.
      const moving = reassignments.size === 0 ? undefined : reassignments.get(td.name);
      if (describeConfigs && (!withOverrides || nonDefault > 0)) {
        let line = `Topic: ${td.name}`;
        if (td.topicId && td.topicId !== ZERO_UUID) line += `\tTopicId: ${td.topicId}`;
        line += `\tPartitionCount: ${td.partitions.length}`;
        line += `\tReplicationFactor: ${replicationFactor(td.partitions[0], moving?.get(td.partitions[0].partition))}`;
        line += `\tConfigs: ${configsText}`;
        this.out(line);
      }
      if (!describePartitions) continue;
      const head = `\tTopic: ${td.name}\tPartition: `;
      let lines = '';
      for (const p of td.partitions) {
        const ra = moving?.get(p.partition);
        const hasLeader = p.leader >= 0 && live.has(p.leader);
        const show = describeConfigs
          || (underReplicated && replicationFactor(p, ra) - p.isr.length > 0)
          || (unavailable && (!hasLeader || !live.has(p.leader)))
          || (underMinIsr && (!hasLeader || p.isr.length < minIsr))
          || (atMinIsr && p.isr.length === minIsr);
        if (!show) continue;
        // A partition being reassigned has a line of its own (the shared ones are another topic's too).
        let tail = ra === undefined ? tails.get(p) : undefined;
        if (tail === undefined) {
          tail = `\tLeader: ${hasLeader ? p.leader : 'none'}\tReplicas: ${p.replicas.join(',')}\tIsr: ${p.isr.join(',')}`;
          if (ra !== undefined) tail += reassignmentText(ra);
          if (!zk) {
            // Described through Metadata (by --topic-id, or a broker without DescribeTopicPartitions): no ELR, N/A.
            tail += `\tElr: ${p.elr?.join(',') ?? 'N/A'}\tLastKnownElr: ${p.lastKnownElr?.join(',') ?? 'N/A'}`;
          }
          tail += '\n';
          if (ra === undefined) tails.set(p, tail);
        }
        lines += head + p.partition + tail;
      }
      this.io.stdout(lines);
    }
  }

  // ------------------------------------------------------------------------------------------
  // delete

  async deleteTopic(): Promise<void> {
    const topics = await this.getTopics();
    this.ensureTopicExists(topics);
    if (this.era === 'zk28') return this.deleteTopicsZk(topics);
    if (topics.length === 0) return;
    const results = await this.admin.deleteTopics(topics);
    for (const name of topics) {
      const err = results.get(name);
      if (err) throw err;
    }
  }

  private async deleteTopicsZk(topics: string[]): Promise<void> {
    for (const topic of topics) {
      if (isInternalTopic(topic)) {
        throw adminOperation('zk28', `Topic ${topic} is a kafka internal topic and is not allowed to be marked for deletion.`);
      }
      const err = (await this.admin.deleteTopics([topic])).get(topic);
      // ZooKeeper-era deletion only marked the topic; with delete.topic.enable=false it stayed
      // marked, and the message below was printed all the same.
      if (err && err.code !== ErrorCode.TOPIC_DELETION_DISABLED && err.code !== ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) {
        throw adminOperation('zk28', `Error while deleting topic ${topic}`);
      }
      this.out(`Topic ${topic} is marked for deletion.`);
      this.out('Note: This will have no impact if delete.topic.enable is not set to true.');
    }
  }
}
