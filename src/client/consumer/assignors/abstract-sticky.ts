// Java's AbstractStickyAssignor (Kafka 3.9), the common part of the "cooperative-sticky" and
// "sticky" assignors: a balanced assignment that keeps as many previously owned partitions as
// possible where they are.
//
// Followed step by step, including the order in which Java walks its HashMaps where that order
// decides the result: members in the iteration order of a HashMap keyed by member id (see
// memberOrder), and the HashSet of partitions PartitionMovements picks "the first" from. Two
// builders, as Java: the constrained one when every member subscribes to the same topics (the
// usual case), the general one otherwise. Rack-aware placement (KIP-881) needs member racks and
// partition replica racks; this client sends no rack and reads none, so it never applies here.
import { javaHashMapOrder, javaHashSpread, javaTopicPartitionHashCode } from '../../../util/java-hash';
import { cmp, type MemberSubscription, type PartitionAssignor, type RebalanceProtocol, type TopicPartition } from './types';

export const DEFAULT_GENERATION = -1;

/** Interned TopicPartitions, so identity comparison works as Java's equals(). */
export class Partitions {
  private readonly byKey = new Map<string, TopicPartition>();
  get(topic: string, partition: number): TopicPartition {
    const key = `${topic}:${partition}`;
    let tp = this.byKey.get(key);
    if (!tp) this.byKey.set(key, (tp = { topic, partition }));
    return tp;
  }
}

/** TopicPartition.hashCode(). */
function tpHash(tp: TopicPartition): number {
  return javaTopicPartitionHashCode(tp.topic, tp.partition);
}

/** A java.util.HashSet<TopicPartition>, enough to know which element iterator().next() returns. */
class TpHashSet {
  private items: TopicPartition[] = [];
  private capacity = 16;
  add(tp: TopicPartition): void {
    if (this.items.includes(tp)) return;
    this.items.push(tp);
    if (this.items.length > this.capacity * 0.75) this.capacity *= 2;
  }
  remove(tp: TopicPartition): void {
    const i = this.items.indexOf(tp);
    if (i >= 0) this.items.splice(i, 1);
  }
  get size(): number {
    return this.items.length;
  }
  first(): TopicPartition {
    const mask = this.capacity - 1;
    let best = this.items[0];
    let bestBucket = javaHashSpread(tpHash(best)) & mask;
    for (let i = 1; i < this.items.length; i++) {
      const b = javaHashSpread(tpHash(this.items[i])) & mask;
      if (b < bestBucket) {
        best = this.items[i];
        bestBucket = b;
      }
    }
    return best;
  }
}

export function removeFrom<T>(list: T[], item: T): boolean {
  const i = list.indexOf(item);
  if (i < 0) return false;
  list.splice(i, 1);
  return true;
}

export interface MemberData {
  partitions: TopicPartition[];
  generation: number | undefined;
}

export abstract class AbstractStickyAssignor implements PartitionAssignor {
  abstract readonly name: string;
  abstract readonly supportedProtocols: readonly RebalanceProtocol[];
  /** Java never resets this between assignments; neither do we. */
  private maxGeneration = DEFAULT_GENERATION;

  abstract subscriptionUserData(): Buffer | null;
  abstract onAssignment(generationId: number, assigned: readonly TopicPartition[]): void;
  /** The partitions a member owned and the generation it owned them in. */
  protected abstract memberData(s: MemberSubscription, tps: Partitions): MemberData;
  abstract assign(partitionsPerTopic: ReadonlyMap<string, number>, members: readonly MemberSubscription[]): Map<string, TopicPartition[]>;

  /**
   * AbstractStickyAssignor.assignPartitions: the balanced sticky assignment, and the partitions in
   * it that another member still owns (to be handed over in a second rebalance).
   */
  stickyAssignment(partitionsPerTopic: ReadonlyMap<string, number>, members: readonly MemberSubscription[]): {
    assignment: Map<string, TopicPartition[]>;
    transferring: Map<TopicPartition, string>;
  } {
    const tps = new Partitions();
    const order = javaHashMapOrder(members.map((m) => m.memberId));
    const byId = new Map(members.map((m) => [m.memberId, m]));
    const subscriptions = order.map((id) => byId.get(id)!);
    const counts = new Map([...partitionsPerTopic].filter(([, n]) => n > 0));

    const owned = new Map<string, TopicPartition[]>();
    const multiOwned = new Set<TopicPartition>();
    const allEqual = this.allSubscriptionsEqual(counts, subscriptions, owned, multiOwned, tps);
    let assignment: Map<string, TopicPartition[]>;
    let transferring: Map<TopicPartition, string>;
    if (allEqual) {
      transferring = new Map();
      assignment = new ConstrainedBuilder(counts, owned, multiOwned, transferring, tps).build();
    } else {
      assignment = new GeneralBuilder(counts, owned, subscriptions, this.maxGeneration, (s) => this.memberData(s, tps), tps).build();
      transferring = computeTransferring(subscriptions, assignment, tps);
    }
    const out = new Map<string, TopicPartition[]>();
    for (const m of members) out.set(m.memberId, assignment.get(m.memberId) ?? []);
    return { assignment: out, transferring };
  }

  private allSubscriptionsEqual(
    counts: Map<string, number>,
    subscriptions: MemberSubscription[],
    owned: Map<string, TopicPartition[]>,
    multiOwned: Set<TopicPartition>,
    tps: Partitions,
  ): boolean {
    let equal = true;
    let subscribed: Set<string> | null = null;
    const previousOwner = new Map<TopicPartition, string>();
    const generationOf = new Map(subscriptions.map((s) => [s.memberId, s.hasGenerationId ? s.generationId : DEFAULT_GENERATION]));
    for (const s of subscriptions) {
      const consumer = s.memberId;
      if (subscribed === null || subscribed.size === 0) {
        subscribed = new Set(s.topics);
      } else if (equal && !(new Set(s.topics).size === subscribed.size && s.topics.every((t) => subscribed!.has(t)))) {
        equal = false;
      }
      const data = this.memberData(s, tps);
      const memberGeneration = data.generation ?? DEFAULT_GENERATION;
      this.maxGeneration = Math.max(this.maxGeneration, memberGeneration);
      const ownedPartitions: TopicPartition[] = [];
      owned.set(consumer, ownedPartitions);
      for (const tp of data.partitions) {
        if (!counts.has(tp.topic)) continue;
        const other = previousOwner.get(tp);
        if (other === undefined) {
          ownedPartitions.push(tp);
          previousOwner.set(tp, consumer);
          continue;
        }
        const otherGeneration = generationOf.get(other)!;
        if (memberGeneration === otherGeneration) {
          // Claimed twice in one generation: nobody keeps it.
          multiOwned.add(tp);
          removeFrom(owned.get(other)!, tp);
          previousOwner.set(tp, consumer);
        } else if (memberGeneration > otherGeneration) {
          ownedPartitions.push(tp);
          removeFrom(owned.get(other)!, tp);
          previousOwner.set(tp, consumer);
        }
      }
    }
    return equal;
  }
}

/** CooperativeStickyAssignor.computePartitionsTransferringOwnership (general case). */
function computeTransferring(subscriptions: MemberSubscription[], assignment: Map<string, TopicPartition[]>, tps: Partitions): Map<TopicPartition, string> {
  const added = new Map<TopicPartition, string>();
  const revoked = new Set<TopicPartition>();
  for (const s of subscriptions) {
    const assigned = assignment.get(s.memberId) ?? [];
    const owned = s.ownedPartitions.map((p) => tps.get(p.topic, p.partition));
    const ownedSet = new Set(owned);
    const assignedSet = new Set(assigned);
    for (const tp of assigned) if (!ownedSet.has(tp)) added.set(tp, s.memberId);
    for (const tp of owned) if (!assignedSet.has(tp)) revoked.add(tp);
  }
  for (const tp of [...added.keys()]) if (!revoked.has(tp)) added.delete(tp);
  return added;
}

function allTopicPartitions(sortedTopics: string[], counts: Map<string, number>, tps: Partitions): TopicPartition[] {
  const out: TopicPartition[] = [];
  for (const t of sortedTopics) for (let p = 0; p < counts.get(t)!; p++) out.push(tps.get(t, p));
  return out;
}

function totalCount(counts: Map<string, number>): number {
  let n = 0;
  for (const c of counts.values()) n += c;
  return n;
}

/** AbstractStickyAssignor.ConstrainedAssignmentBuilder: every member subscribes to the same topics. */
class ConstrainedBuilder {
  private readonly unfilledUnderMin: string[] = [];
  private unfilledExactlyMin: string[] = [];
  private readonly minQuota: number;
  private readonly maxQuota: number;
  private readonly expectedOverMin: number;
  private currentOverMin = 0;
  private readonly assignment = new Map<string, TopicPartition[]>();
  private readonly assigned: TopicPartition[] = [];
  private readonly maybeRevoked = new Map<TopicPartition, string>();
  private readonly total: number;

  constructor(
    private readonly counts: Map<string, number>,
    private readonly current: Map<string, TopicPartition[]>,
    private readonly multiOwned: Set<TopicPartition>,
    private readonly transferring: Map<TopicPartition, string>,
    private readonly tps: Partitions,
  ) {
    this.total = totalCount(counts);
    const n = current.size;
    this.minQuota = Math.floor(this.total / n);
    this.maxQuota = Math.ceil(this.total / n);
    this.expectedOverMin = this.total % n;
    for (const c of current.keys()) this.assignment.set(c, []);
  }

  build(): Map<string, TopicPartition[]> {
    this.assignOwned();
    let unassigned = this.unassignedPartitions();
    this.unfilledUnderMin.sort(cmp);
    this.unfilledExactlyMin.sort(cmp);
    this.assignRoundRobin(unassigned);
    this.verifyUnfilled();
    return this.assignment;
  }

  private assignOwned(): void {
    for (const [consumer, ownedList] of this.current) {
      const owned = [...ownedList].sort((a, b) => a.partition - b.partition || cmp(a.topic, b.topic));
      const mine = this.assignment.get(consumer)!;
      for (const tp of this.multiOwned) removeFrom(owned, tp);
      if (owned.length < this.minQuota) {
        mine.push(...owned);
        this.assigned.push(...owned);
        this.unfilledUnderMin.push(consumer);
      } else if (owned.length >= this.maxQuota && this.currentOverMin < this.expectedOverMin) {
        this.currentOverMin++;
        if (this.currentOverMin === this.expectedOverMin) this.unfilledExactlyMin = [];
        const keep = owned.slice(0, this.maxQuota);
        mine.push(...keep);
        this.assigned.push(...keep);
        for (const tp of owned.slice(this.maxQuota)) this.maybeRevoked.set(tp, consumer);
      } else {
        const keep = owned.slice(0, this.minQuota);
        mine.push(...keep);
        this.assigned.push(...keep);
        for (const tp of owned.slice(this.minQuota)) this.maybeRevoked.set(tp, consumer);
        if (this.currentOverMin < this.expectedOverMin) this.unfilledExactlyMin.push(consumer);
      }
    }
  }

  private assignRoundRobin(unassigned: TopicPartition[]): void {
    // A java.util.Iterator over unfilledUnderMin: `at` is the index of the next element.
    let at = 0;
    for (let i = 0; i < unassigned.length; i++) {
      const tp = unassigned[i];
      let consumer: string;
      if (at < this.unfilledUnderMin.length) {
        consumer = this.unfilledUnderMin[at++];
      } else if (this.unfilledUnderMin.length === 0 && this.unfilledExactlyMin.length === 0) {
        throw new Error('No more unfilled consumers to be assigned.');
      } else if (this.unfilledUnderMin.length === 0) {
        consumer = this.unfilledExactlyMin.shift()!;
      } else {
        at = 0;
        consumer = this.unfilledUnderMin[at++];
      }
      const count = this.assignNew(tp, consumer);
      if (count === this.minQuota) {
        // unfilledConsumerIter.remove(): drops the element last returned.
        this.unfilledUnderMin.splice(at - 1, 1);
        at--;
        this.unfilledExactlyMin.push(consumer);
      } else if (count === this.maxQuota) {
        this.currentOverMin++;
      }
    }
  }

  private assignNew(tp: TopicPartition, consumer: string): number {
    const list = this.assignment.get(consumer)!;
    list.push(tp);
    const prev = this.maybeRevoked.get(tp);
    if ((prev !== undefined && prev !== consumer) || this.multiOwned.has(tp)) this.transferring.set(tp, consumer);
    return list.length;
  }

  private verifyUnfilled(): void {
    if (this.unfilledUnderMin.length === 0) return;
    if (this.currentOverMin !== this.expectedOverMin) {
      throw new Error("We haven't reached the expected number of members with more than the minQuota partitions, but no more partitions to be assigned");
    }
    for (const m of this.unfilledUnderMin) {
      if (this.assignment.get(m)!.length !== this.minQuota) {
        throw new Error(`Consumer: [${m}] doesn't reach minQuota partitions, and no more partitions to be assigned`);
      }
    }
  }

  private unassignedPartitions(): TopicPartition[] {
    const topics = [...this.counts.keys()].sort(cmp);
    if (this.assigned.length === 0) return allTopicPartitions(topics, this.counts, this.tps);
    const taken = new Set(this.assigned);
    return allTopicPartitions(topics, this.counts, this.tps).filter((tp) => !taken.has(tp));
  }
}

interface ConsumerGenerationPair {
  consumer: string;
  generation: number;
}

/** AbstractStickyAssignor.PartitionMovements: which moves happened, to undo a move instead of chaining them. */
class PartitionMovements {
  /** topic -> "src\0dst" -> partitions moved that way. */
  private readonly byTopic = new Map<string, Map<string, TpHashSet>>();
  private readonly moves = new Map<TopicPartition, { src: string; dst: string }>();

  private removeRecord(tp: TopicPartition): { src: string; dst: string } {
    const pair = this.moves.get(tp)!;
    this.moves.delete(tp);
    const forTopic = this.byTopic.get(tp.topic)!;
    const key = `${pair.src}\0${pair.dst}`;
    const set = forTopic.get(key)!;
    set.remove(tp);
    if (set.size === 0) forTopic.delete(key);
    if (forTopic.size === 0) this.byTopic.delete(tp.topic);
    return pair;
  }

  private addRecord(tp: TopicPartition, pair: { src: string; dst: string }): void {
    this.moves.set(tp, pair);
    let forTopic = this.byTopic.get(tp.topic);
    if (!forTopic) this.byTopic.set(tp.topic, (forTopic = new Map()));
    const key = `${pair.src}\0${pair.dst}`;
    let set = forTopic.get(key);
    if (!set) forTopic.set(key, (set = new TpHashSet()));
    set.add(tp);
  }

  move(tp: TopicPartition, oldConsumer: string, newConsumer: string): void {
    if (this.moves.has(tp)) {
      const existing = this.removeRecord(tp);
      if (existing.src !== newConsumer) this.addRecord(tp, { src: existing.src, dst: newConsumer });
    } else {
      this.addRecord(tp, { src: oldConsumer, dst: newConsumer });
    }
  }

  actualPartitionToMove(tp: TopicPartition, oldConsumer: string, newConsumer: string): TopicPartition {
    const forTopic = this.byTopic.get(tp.topic);
    if (!forTopic) return tp;
    const moved = this.moves.get(tp);
    if (moved) oldConsumer = moved.src;
    const reverse = forTopic.get(`${newConsumer}\0${oldConsumer}`);
    if (!reverse) return tp;
    return reverse.first();
  }
}

/** AbstractStickyAssignor.GeneralAssignmentBuilder: members subscribe to different topics. */
class GeneralBuilder {
  private readonly topicConsumers = new Map<string, string[]>();
  private readonly consumerTopics = new Map<string, string[]>();
  private readonly partitionConsumer = new Map<TopicPartition, string>();
  private sortedAllPartitions: TopicPartition[];
  /** TreeSet<String> ordered by (assigned count, member id). */
  private sorted: string[] = [];
  private revocationRequired = false;
  private readonly movements = new PartitionMovements();
  private readonly total: number;
  private readonly subscriptionOf: Map<string, MemberSubscription>;

  constructor(
    private readonly counts: Map<string, number>,
    private current: Map<string, TopicPartition[]>,
    private readonly subscriptions: MemberSubscription[],
    private readonly maxGeneration: number,
    private readonly memberData: (s: MemberSubscription) => MemberData,
    private readonly tps: Partitions,
  ) {
    this.total = totalCount(counts);
    this.subscriptionOf = new Map(subscriptions.map((s) => [s.memberId, s]));
    for (const t of counts.keys()) this.topicConsumers.set(t, []);
    for (const s of subscriptions) {
      const topics: string[] = [];
      this.consumerTopics.set(s.memberId, topics);
      for (const t of s.topics) {
        if (!counts.has(t)) continue;
        topics.push(t);
        this.topicConsumers.get(t)!.push(s.memberId);
      }
      if (!current.has(s.memberId)) current.set(s.memberId, []);
    }
    for (const [c, list] of current) for (const tp of list) this.partitionConsumer.set(tp, c);
    const sortedTopics = [...this.topicConsumers.keys()].sort((a, b) => this.topicConsumers.get(a)!.length - this.topicConsumers.get(b)!.length || cmp(a, b));
    this.sortedAllPartitions = allTopicPartitions(sortedTopics, counts, tps);
  }

  private compareConsumers = (a: string, b: string): number => this.current.get(a)!.length - this.current.get(b)!.length || cmp(a, b);

  private sortedAdd(c: string): void {
    if (this.sorted.includes(c)) return;
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compareConsumers(this.sorted[mid], c) < 0) lo = mid + 1;
      else hi = mid;
    }
    this.sorted.splice(lo, 0, c);
  }

  private sortedRemove(c: string): void {
    removeFrom(this.sorted, c);
  }

  build(): Map<string, TopicPartition[]> {
    const prev = new Map<TopicPartition, ConsumerGenerationPair>();
    this.prepopulate(prev);
    const assigned = this.assignOwned();
    const unassigned = this.unassignedPartitions(assigned);
    for (const c of this.current.keys()) this.sortedAdd(c);
    this.balance(prev, unassigned);
    return this.current;
  }

  private assignOwned(): TopicPartition[] {
    const assigned: TopicPartition[] = [];
    for (const [consumer, list] of [...this.current]) {
      const s = this.subscriptionOf.get(consumer);
      if (!s) {
        for (const tp of list) this.partitionConsumer.delete(tp);
        this.current.delete(consumer);
        continue;
      }
      for (let i = 0; i < list.length; ) {
        const tp = list[i];
        if (!this.topicConsumers.has(tp.topic)) {
          list.splice(i, 1);
          this.partitionConsumer.delete(tp);
        } else if (!s.topics.includes(tp.topic)) {
          list.splice(i, 1);
          this.revocationRequired = true;
        } else {
          assigned.push(tp);
          i++;
        }
      }
    }
    return assigned;
  }

  private unassignedPartitions(assigned: TopicPartition[]): TopicPartition[] {
    if (assigned.length === 0) return this.sortedAllPartitions;
    const taken = new Set(assigned);
    return this.sortedAllPartitions.filter((tp) => !taken.has(tp));
  }

  private prepopulate(prev: Map<TopicPartition, ConsumerGenerationPair>): void {
    const update = (partitions: TopicPartition[], consumer: string, generation: number) => {
      for (const tp of partitions) {
        const p = prev.get(tp);
        if (!p || generation > p.generation) prev.set(tp, { consumer, generation });
      }
    };
    for (const s of this.subscriptions) {
      const data = this.memberData(s);
      if (data.generation !== undefined && data.generation < this.maxGeneration) update(data.partitions, s.memberId, data.generation);
      else if (data.generation === undefined && this.maxGeneration > DEFAULT_GENERATION) update(data.partitions, s.memberId, DEFAULT_GENERATION);
    }
  }

  private maxAssignmentSize(topics: string[]): number {
    if (topics.length === this.counts.size) return this.total;
    let n = 0;
    for (const t of topics) n += this.counts.get(t)!;
    return n;
  }

  private isBalanced(): boolean {
    const min = this.current.get(this.sorted[0])!.length;
    const max = this.current.get(this.sorted[this.sorted.length - 1])!.length;
    if (min >= max - 1) return true;
    const owner = new Map<TopicPartition, string>();
    for (const [c, list] of this.current) for (const tp of list) owner.set(tp, c);
    for (const consumer of this.sorted) {
      const mine = this.current.get(consumer)!;
      const topics = this.consumerTopics.get(consumer)!;
      if (mine.length === this.maxAssignmentSize(topics)) continue;
      const mineSet = new Set(mine);
      for (const t of topics) {
        for (let p = 0; p < this.counts.get(t)!; p++) {
          const tp = this.tps.get(t, p);
          if (mineSet.has(tp)) continue;
          const other = owner.get(tp)!;
          if (mine.length + 1 < this.current.get(other)!.length) return false;
        }
      }
    }
    return true;
  }

  private balanceScore(a: Map<string, TopicPartition[]>): number {
    const sizes = [...a.values()].map((l) => l.length);
    let score = 0;
    for (let i = 0; i < sizes.length; i++) for (let j = i + 1; j < sizes.length; j++) score += Math.abs(sizes[i] - sizes[j]);
    return score;
  }

  private maybeAssign(unassigned: TopicPartition[]): void {
    for (const tp of unassigned) {
      if (this.topicConsumers.get(tp.topic)!.length === 0) continue;
      for (const consumer of this.sorted) {
        if (this.consumerTopics.get(consumer)!.includes(tp.topic)) {
          this.sortedRemove(consumer);
          this.current.get(consumer)!.push(tp);
          this.partitionConsumer.set(tp, consumer);
          this.sortedAdd(consumer);
          break;
        }
      }
    }
  }

  private topicCanMove(topic: string): boolean {
    return this.topicConsumers.get(topic)!.length >= 2;
  }

  private consumerCanMove(consumer: string): boolean {
    const mine = this.current.get(consumer)!;
    if (mine.length < this.maxAssignmentSize(this.consumerTopics.get(consumer)!)) return true;
    return mine.some((tp) => this.topicCanMove(tp.topic));
  }

  private balance(prev: Map<TopicPartition, ConsumerGenerationPair>, unassigned: TopicPartition[]): void {
    const initializing = this.current.get(this.sorted[this.sorted.length - 1])!.length === 0;
    this.maybeAssign(unassigned);

    const fixedPartitions = new Set<TopicPartition>();
    for (const t of this.topicConsumers.keys()) {
      if (!this.topicCanMove(t)) for (let p = 0; p < this.counts.get(t)!; p++) fixedPartitions.add(this.tps.get(t, p));
    }
    this.sortedAllPartitions = this.sortedAllPartitions.filter((tp) => !fixedPartitions.has(tp));
    unassigned = unassigned.filter((tp) => !fixedPartitions.has(tp));

    const fixedAssignments = new Map<string, TopicPartition[]>();
    for (const consumer of this.consumerTopics.keys()) {
      if (!this.consumerCanMove(consumer)) {
        this.sortedRemove(consumer);
        fixedAssignments.set(consumer, this.current.get(consumer)!);
        this.current.delete(consumer);
      }
    }

    const preBalance = new Map([...this.current].map(([c, l]) => [c, [...l]]));
    const prePartitionConsumer = new Map(this.partitionConsumer);
    if (!this.revocationRequired) this.performReassignments(unassigned, prev);
    const performed = this.performReassignments(this.sortedAllPartitions, prev);
    if (!initializing && performed && this.balanceScore(this.current) >= this.balanceScore(preBalance)) {
      this.current.clear();
      for (const [c, l] of preBalance) this.current.set(c, [...l]);
      this.partitionConsumer.clear();
      for (const [tp, c] of prePartitionConsumer) this.partitionConsumer.set(tp, c);
    }
    for (const [consumer, list] of fixedAssignments) {
      this.current.set(consumer, list);
      this.sortedAdd(consumer);
    }
  }

  private performReassignments(partitions: TopicPartition[], prev: Map<TopicPartition, ConsumerGenerationPair>): boolean {
    let performed = false;
    let modified: boolean;
    do {
      modified = false;
      for (let i = 0; i < partitions.length && !this.isBalanced(); i++) {
        const tp = partitions[i];
        const consumer = this.partitionConsumer.get(tp)!;
        const p = prev.get(tp);
        if (p && this.current.get(consumer)!.length > this.current.get(p.consumer)!.length + 1) {
          this.reassign(tp, p.consumer);
          performed = modified = true;
          continue;
        }
        for (const other of this.topicConsumers.get(tp.topic)!) {
          if (this.current.get(consumer)!.length > this.current.get(other)!.length + 1) {
            this.reassignToBest(tp);
            performed = modified = true;
            break;
          }
        }
      }
    } while (modified);
    return performed;
  }

  private reassignToBest(tp: TopicPartition): void {
    const target = this.sorted.find((c) => this.consumerTopics.get(c)!.includes(tp.topic))!;
    this.reassign(tp, target);
  }

  private reassign(tp: TopicPartition, newConsumer: string): void {
    const consumer = this.partitionConsumer.get(tp)!;
    const toMove = this.movements.actualPartitionToMove(tp, consumer, newConsumer);
    const oldConsumer = this.partitionConsumer.get(toMove)!;
    this.sortedRemove(oldConsumer);
    this.sortedRemove(newConsumer);
    this.movements.move(toMove, oldConsumer, newConsumer);
    removeFrom(this.current.get(oldConsumer)!, toMove);
    this.current.get(newConsumer)!.push(toMove);
    this.partitionConsumer.set(toMove, newConsumer);
    this.sortedAdd(newConsumer);
    this.sortedAdd(oldConsumer);
  }
}
