// Where new partitions' replicas go: Kafka's striped replica placer. Racks are taken round
// robin from a random start, brokers within a rack likewise, each partition starting one broker
// further on (the "striped" pattern: 3,1,2 / 1,2,3 / 2,3,1), leaders only on unfenced brokers,
// fenced brokers used only when the unfenced ones run out; after as many partitions as there are
// unfenced brokers, the lists are shuffled so larger topics don't repeat the same sets.
import { ErrorCode, KafkaError } from '../../protocol/errors';

export interface UsableBroker {
  id: number;
  rack: string | null;
  fenced: boolean;
}

export type RandomInt = (bound: number) => number;

const defaultRandom: RandomInt = (bound) => Math.floor(Math.random() * bound);

function shuffle<T>(list: T[], random: RandomInt): void {
  for (let i = list.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [list[i], list[j]] = [list[j], list[i]];
  }
}

class BrokerList {
  readonly brokers: number[] = [];
  private index = 0;
  private offset = 0;
  private epoch = 0;

  initialize(random: RandomInt): void {
    if (this.brokers.length === 0) return;
    this.brokers.sort((a, b) => a - b);
    this.offset = random(this.brokers.length);
  }

  next(epoch: number): number {
    if (this.brokers.length === 0) return -1;
    if (this.epoch !== epoch) {
      this.epoch = epoch;
      this.index = 0;
      this.offset = (this.offset + 1) % this.brokers.length;
    }
    if (this.index >= this.brokers.length) return -1;
    return this.brokers[(this.index++ + this.offset) % this.brokers.length];
  }
}

class Rack {
  readonly fenced = new BrokerList();
  readonly unfenced = new BrokerList();
  next(epoch: number): number {
    const r = this.unfenced.next(epoch);
    return r >= 0 ? r : this.fenced.next(epoch);
  }
}

function invalid(message: string): never {
  throw KafkaError.from(ErrorCode.INVALID_REPLICATION_FACTOR, message);
}

export function checkReplicationFactor(rf: number, totalBrokers: number, unfencedBrokers: number): void {
  if (rf <= 0) invalid(`Invalid replication factor ${rf}: the replication factor must be positive.`);
  if (unfencedBrokers === 0) invalid('All brokers are currently fenced.');
  if (rf > totalBrokers) invalid(`The target replication factor of ${rf} cannot be reached because only ${totalBrokers} broker(s) are registered.`);
}

/** Replica lists for `partitions` new partitions of replication factor `rf`. */
export function placeReplicas(brokers: readonly UsableBroker[], partitions: number, rf: number, random: RandomInt = defaultRandom): number[][] {
  const racks = new Map<string, Rack>();
  const rackNames: string[] = [];
  let unfencedCount = 0;
  for (const b of brokers) {
    const name = b.rack ?? '';
    let rack = racks.get(name);
    if (!rack) {
      racks.set(name, (rack = new Rack()));
      rackNames.push(name);
    }
    (b.fenced ? rack.fenced : rack.unfenced).brokers.push(b.id);
    if (!b.fenced) unfencedCount++;
  }
  checkReplicationFactor(rf, brokers.length, unfencedCount);
  for (const rack of racks.values()) {
    rack.fenced.initialize(random);
    rack.unfenced.initialize(random);
  }
  rackNames.sort(); // '' (no rack) first, as Kafka sorts Optional.empty() first
  let offset = rackNames.length === 0 ? 0 : random(rackNames.length);
  let epoch = 0;
  const out: number[][] = [];
  for (let p = 0; p < partitions; p++) {
    if (epoch === unfencedCount && unfencedCount > 1) {
      shuffle(rackNames, random);
      for (const rack of racks.values()) {
        shuffle(rack.fenced.brokers, random);
        shuffle(rack.unfenced.brokers, random);
      }
      epoch = 0;
    }
    if (offset === rackNames.length) offset = 0;
    const replicas: number[] = [];
    let firstRack = offset;
    for (;;) {
      const r = racks.get(rackNames[firstRack])!.unfenced.next(epoch);
      if (r >= 0) {
        replicas.push(r);
        break;
      }
      firstRack = (firstRack + 1) % rackNames.length;
    }
    let rackIndex = offset;
    for (let i = 1; i < rf; i++) {
      let r = -1;
      do {
        if (rackIndex === firstRack) firstRack = -1;
        else r = racks.get(rackNames[rackIndex])!.next(epoch);
        rackIndex = (rackIndex + 1) % rackNames.length;
      } while (r < 0);
      replicas.push(r);
    }
    epoch++;
    offset++;
    out.push(replicas);
  }
  return out;
}
