// The partition assignors (src/client/consumer/assignors): worked examples taken from Kafka 3.9's
// own unit tests (RangeAssignorTest, RoundRobinAssignorTest, AbstractStickyAssignorTest,
// CooperativeStickyAssignorTest), asserting what Java asserts, list order included where Java's
// test compares lists.
import * as path from 'node:path';
import { describe, it, expect } from 'vitest';
import { ROOT } from '../helpers/engine';

/* eslint-disable @typescript-eslint/no-var-requires */
const { RangeAssignor, RoundRobinAssignor, CooperativeStickyAssignor, StickyAssignor, assignorsFor, rebalanceProtocolOf, AssignorConfigError } = require(path.join(ROOT, 'dist/client/consumer/assignors'));
const { encodeStickyUserData, decodeStickyUserData } = require(path.join(ROOT, 'dist/client/consumer/assignors/sticky'));
/* eslint-enable @typescript-eslint/no-var-requires */

type TP = { topic: string; partition: number };
const tp = (topic: string, partition: number): TP => ({ topic, partition });
const counts = (o: Record<string, number>) => new Map(Object.entries(o));

/** new Subscription(topics) / subscription(topics, i): no owned partitions, no generation. */
function sub(memberId: string, topics: string[], extra: Partial<{ owned: TP[]; generation: number; userData: Buffer | null; instance: string }> = {}) {
  const generation = extra.generation ?? -1;
  return {
    memberId,
    groupInstanceId: extra.instance ?? null,
    topics,
    ownedPartitions: extra.owned ?? [],
    generationId: generation,
    hasGenerationId: generation >= 0,
    userData: extra.userData ?? null,
    rackId: null,
  };
}

/** buildSubscriptionV2Above for the cooperative assignor: owned partitions, generation (field and user data). */
function subV2(memberId: string, topics: string[], owned: TP[], generation: number) {
  const userData = Buffer.alloc(4);
  userData.writeInt32BE(generation);
  return sub(memberId, topics, { owned, generation, userData });
}

const asSet = (l: TP[]) => new Set(l.map((p) => `${p.topic}-${p.partition}`));

describe('RangeAssignor', () => {
  const a = new RangeAssignor();

  it('two consumers, two topics of three partitions', () => {
    const r = a.assign(counts({ topic1: 3, topic2: 3 }), [sub('consumer1', ['topic1', 'topic2']), sub('consumer2', ['topic1', 'topic2'])]);
    expect(r.get('consumer1')).toEqual([tp('topic1', 0), tp('topic1', 1), tp('topic2', 0), tp('topic2', 1)]);
    expect(r.get('consumer2')).toEqual([tp('topic1', 2), tp('topic2', 2)]);
  });

  it('mixed subscriptions', () => {
    const r = a.assign(counts({ topic1: 3, topic2: 2 }), [sub('consumer1', ['topic1']), sub('consumer2', ['topic1', 'topic2']), sub('consumer3', ['topic1'])]);
    expect(r.get('consumer1')).toEqual([tp('topic1', 0)]);
    expect(r.get('consumer2')).toEqual([tp('topic1', 1), tp('topic2', 0), tp('topic2', 1)]);
    expect(r.get('consumer3')).toEqual([tp('topic1', 2)]);
  });

  it('only subscribed topics; members sorted by id whatever the join order; static members first', () => {
    const r = a.assign(counts({ topic1: 3, other: 3 }), [sub('consumer1', ['topic1'])]);
    expect(r.get('consumer1')).toEqual([tp('topic1', 0), tp('topic1', 1), tp('topic1', 2)]);
    const r2 = a.assign(counts({ t: 5 }), [sub('b', ['t']), sub('a', ['t'])]);
    expect(r2.get('a')).toEqual([tp('t', 0), tp('t', 1), tp('t', 2)]);
    expect(r2.get('b')).toEqual([tp('t', 3), tp('t', 4)]);
    const r3 = a.assign(counts({ t: 3 }), [sub('a', ['t']), sub('z', ['t'], { instance: 'i1' })]);
    expect(r3.get('z')).toEqual([tp('t', 0), tp('t', 1)]);
    expect(r3.get('a')).toEqual([tp('t', 2)]);
  });

  it('more consumers than partitions; every member gets an entry', () => {
    const r = a.assign(counts({ t: 1 }), [sub('c1', ['t']), sub('c2', ['t'])]);
    expect(r.get('c1')).toEqual([tp('t', 0)]);
    expect(r.get('c2')).toEqual([]);
  });
});

describe('RoundRobinAssignor', () => {
  const a = new RoundRobinAssignor();

  it('two consumers, two topics of three partitions', () => {
    const r = a.assign(counts({ topic1: 3, topic2: 3 }), [sub('consumer1', ['topic1', 'topic2']), sub('consumer2', ['topic1', 'topic2'])]);
    expect(r.get('consumer1')).toEqual([tp('topic1', 0), tp('topic1', 2), tp('topic2', 1)]);
    expect(r.get('consumer2')).toEqual([tp('topic1', 1), tp('topic2', 0), tp('topic2', 2)]);
  });

  it('mixed subscriptions', () => {
    const r = a.assign(counts({ topic1: 3, topic2: 2 }), [sub('consumer1', ['topic1']), sub('consumer2', ['topic1', 'topic2']), sub('consumer3', ['topic1'])]);
    expect(r.get('consumer1')).toEqual([tp('topic1', 0)]);
    expect(r.get('consumer2')).toEqual([tp('topic1', 1), tp('topic2', 0), tp('topic2', 1)]);
    expect(r.get('consumer3')).toEqual([tp('topic1', 2)]);
  });
});

describe('CooperativeStickyAssignor (AbstractStickyAssignor worked examples)', () => {
  it('mixed topic subscriptions (general builder)', () => {
    const a = new CooperativeStickyAssignor();
    const { assignment } = a.stickyAssignment(counts({ topic1: 3, topic2: 2 }), [
      sub('consumer1', ['topic1']), sub('consumer2', ['topic1', 'topic2']), sub('consumer3', ['topic1']),
    ]);
    expect(assignment.get('consumer1')).toEqual([tp('topic1', 0), tp('topic1', 2)]);
    expect(assignment.get('consumer2')).toEqual([tp('topic2', 0), tp('topic2', 1)]);
    expect(assignment.get('consumer3')).toEqual([tp('topic1', 1)]);
  });

  it('two consumers, two topics of three partitions (constrained builder)', () => {
    const a = new CooperativeStickyAssignor();
    const { assignment, transferring } = a.stickyAssignment(counts({ topic1: 3, topic2: 3 }), [
      sub('consumer1', ['topic1', 'topic2']), sub('consumer2', ['topic1', 'topic2']),
    ]);
    expect(assignment.get('consumer1')).toEqual([tp('topic1', 0), tp('topic1', 2), tp('topic2', 1)]);
    expect(assignment.get('consumer2')).toEqual([tp('topic1', 1), tp('topic2', 0), tp('topic2', 2)]);
    expect(transferring.size).toBe(0);
  });

  it('a member owning minQuota while maxQuota is expected', () => {
    const a = new CooperativeStickyAssignor();
    const topics = ['topic1', 'topic2'];
    const { assignment, transferring } = a.stickyAssignment(counts({ topic1: 2, topic2: 3 }), [
      subV2('consumer1', topics, [tp('topic1', 0), tp('topic2', 1)], 1),
      subV2('consumer2', topics, [tp('topic1', 1), tp('topic2', 2)], 1),
    ]);
    expect(assignment.get('consumer1')).toEqual([tp('topic1', 0), tp('topic2', 1), tp('topic2', 0)]);
    expect(assignment.get('consumer2')).toEqual([tp('topic1', 1), tp('topic2', 2)]);
    expect(transferring.size).toBe(0);
  });

  it('more members at maxQuota than can stay there: one partition transfers (and waits a round)', () => {
    const a = new CooperativeStickyAssignor();
    const topics = ['topic1', 'topic2'];
    const members = [
      subV2('consumer1', topics, [tp('topic1', 0), tp('topic2', 0)], 1),
      subV2('consumer2', topics, [tp('topic1', 1), tp('topic2', 1)], 1),
      subV2('consumer3', topics, [], 1),
    ];
    const { assignment, transferring } = a.stickyAssignment(counts({ topic1: 2, topic2: 2 }), members);
    expect([...transferring]).toEqual([[tp('topic2', 0), 'consumer3']]);
    expect(assignment.get('consumer1')).toEqual([tp('topic1', 0)]);
    expect(assignment.get('consumer2')).toEqual([tp('topic1', 1), tp('topic2', 1)]);
    expect(assignment.get('consumer3')).toEqual([tp('topic2', 0)]);
    // What the cooperative assignor hands out: topic2-0 is revoked from consumer1 first.
    const final = new CooperativeStickyAssignor().assign(counts({ topic1: 2, topic2: 2 }), members);
    expect(final.get('consumer3')).toEqual([]);
    expect(final.get('consumer1')).toEqual([tp('topic1', 0)]);
  });

  it('all members under minQuota', () => {
    const a = new CooperativeStickyAssignor();
    const topics = ['topic1', 'topic2'];
    const { assignment } = a.stickyAssignment(counts({ topic1: 2, topic2: 3 }), [
      subV2('consumer1', topics, [tp('topic1', 0)], 1),
      subV2('consumer2', topics, [tp('topic1', 1)], 1),
      subV2('consumer3', topics, [], 1),
    ]);
    expect(assignment.get('consumer1')).toEqual([tp('topic1', 0), tp('topic2', 1)]);
    expect(assignment.get('consumer2')).toEqual([tp('topic1', 1), tp('topic2', 2)]);
    expect(assignment.get('consumer3')).toEqual([tp('topic2', 0)]);
  });

  it('add then remove a member on one topic', () => {
    const a = new CooperativeStickyAssignor();
    let r = a.stickyAssignment(counts({ topic: 3 }), [sub('consumer1', ['topic'])]);
    expect(r.assignment.get('consumer1')).toEqual([tp('topic', 0), tp('topic', 1), tp('topic', 2)]);
    r = a.stickyAssignment(counts({ topic: 3 }), [subV2('consumer1', ['topic'], r.assignment.get('consumer1')!, 1), subV2('consumer2', ['topic'], [], 1)]);
    expect([...r.transferring]).toEqual([[tp('topic', 2), 'consumer2']]);
    expect(r.assignment.get('consumer1')).toEqual([tp('topic', 0), tp('topic', 1)]);
    expect(r.assignment.get('consumer2')).toEqual([tp('topic', 2)]);
    r = a.stickyAssignment(counts({ topic: 3 }), [subV2('consumer2', ['topic'], r.assignment.get('consumer2')!, 1)]);
    expect(asSet(r.assignment.get('consumer2')!)).toEqual(asSet([tp('topic', 0), tp('topic', 1), tp('topic', 2)]));
    expect(r.transferring.size).toBe(0);
  });

  it('partitions claimed in an older generation go to the member with the newer one', () => {
    const a = new CooperativeStickyAssignor();
    const topics = ['topic', 'topic2'];
    const owned = [tp('topic', 0), tp('topic', 2), tp('topic2', 1)];
    const { assignment, transferring } = a.stickyAssignment(counts({ topic: 3, topic2: 3 }), [
      subV2('consumer1', topics, owned, 10), subV2('consumer2', topics, owned, 9),
    ]);
    expect(asSet(assignment.get('consumer1')!)).toEqual(asSet(owned));
    expect(asSet(assignment.get('consumer2')!)).toEqual(asSet([tp('topic', 1), tp('topic2', 0), tp('topic2', 2)]));
    expect(transferring.size).toBe(0);
  });

  it('three generations: each keeps what its generation says', () => {
    const a = new CooperativeStickyAssignor();
    const topics = ['topic', 'topic2', 'topic3'];
    const { assignment } = a.stickyAssignment(counts({ topic: 3, topic2: 3, topic3: 3 }), [
      subV2('consumer1', topics, [tp('topic', 0), tp('topic2', 0), tp('topic3', 0)], 10),
      subV2('consumer2', topics, [tp('topic', 1), tp('topic2', 1), tp('topic3', 1)], 9),
      subV2('consumer3', topics, [tp('topic2', 1), tp('topic3', 0), tp('topic3', 2)], 8),
    ]);
    expect(asSet(assignment.get('consumer1')!)).toEqual(asSet([tp('topic', 0), tp('topic2', 0), tp('topic3', 0)]));
    expect(asSet(assignment.get('consumer2')!)).toEqual(asSet([tp('topic', 1), tp('topic2', 1), tp('topic3', 1)]));
    expect(asSet(assignment.get('consumer3')!)).toEqual(asSet([tp('topic', 2), tp('topic2', 2), tp('topic3', 2)]));
  });

  it('a new member in the general case: balanced, nothing handed over directly', () => {
    const a = new CooperativeStickyAssignor();
    const first = a.assign(counts({ t1: 4, t2: 2 }), [sub('m1', ['t1', 't2']), sub('m2', ['t1'])]);
    const all = [...first.values()].flat();
    expect(asSet(all).size).toBe(6);
    const next = a.assign(counts({ t1: 4, t2: 2 }), [
      subV2('m1', ['t1', 't2'], first.get('m1')!, 1), subV2('m2', ['t1'], first.get('m2')!, 1), subV2('m3', ['t1', 't2'], [], 1),
    ]);
    // No partition goes from one owner straight to another.
    for (const [m, list] of next) {
      for (const p of list) {
        for (const [o, owned] of first) if (o !== m) expect(owned.some((q: TP) => q.topic === p.topic && q.partition === p.partition)).toBe(false);
      }
    }
  });

  it('user data is the generation of the last assignment (int32)', () => {
    const a = new CooperativeStickyAssignor();
    expect(a.subscriptionUserData()).toEqual(Buffer.from([0xff, 0xff, 0xff, 0xff]));
    a.onAssignment(7);
    expect(a.subscriptionUserData()).toEqual(Buffer.from([0, 0, 0, 7]));
  });
});

/** StickyAssignorTest's subscriptions: what was owned travels in the user data (v0: not in ownedPartitions). */
function stickySub(memberId: string, topics: string[], owned: TP[], generation: number, version: 0 | 2) {
  return { ...sub(memberId, topics, { owned: version === 0 ? [] : owned, generation: version === 0 ? -1 : generation }), userData: encodeStickyUserData(owned, generation) };
}

describe('StickyAssignor', () => {
  it('old subscription versions: the user data says what each member owned', () => {
    const a = new StickyAssignor();
    const r = a.assign(counts({ topic1: 3 }), [
      stickySub('consumer1', ['topic1'], [tp('topic1', 0)], 1, 0),
      stickySub('consumer2', ['topic1'], [tp('topic1', 1)], 1, 2),
      stickySub('consumer3', ['topic1'], [], 1, 2),
    ]);
    expect(r.get('consumer1')).toEqual([tp('topic1', 0)]);
    expect(r.get('consumer2')).toEqual([tp('topic1', 1)]);
    expect(r.get('consumer3')).toEqual([tp('topic1', 2)]);
  });

  for (const equal of [true, false]) {
    it(`multiple generations keep what each member had (all subscriptions equal: ${equal})`, () => {
      const a = new StickyAssignor();
      const all = ['topic', 'topic2'];
      const c2topics = equal ? all : ['topic'];
      const c = counts({ topic: 6, topic2: 6 });
      const r1 = a.assign(c, [sub('consumer1', all), sub('consumer2', c2topics), sub('consumer3', all)]);
      for (const m of ['consumer1', 'consumer2', 'consumer3']) expect(r1.get(m).length).toBe(4);
      const r2 = a.assign(c, [stickySub('consumer1', all, r1.get('consumer1'), 1, 2), stickySub('consumer2', c2topics, r1.get('consumer2'), 1, 2)]);
      expect(r2.get('consumer1').length).toBe(6);
      expect(r2.get('consumer2').length).toBe(6);
      const has = (list: TP[], p: TP) => list.some((q) => q.topic === p.topic && q.partition === p.partition);
      if (equal) for (const p of r1.get('consumer1')) expect(has(r2.get('consumer1'), p)).toBe(true);
      for (const p of r1.get('consumer2')) expect(has(r2.get('consumer2'), p)).toBe(true);
      expect(r1.get('consumer3').some((p: TP) => has(r2.get('consumer2'), p))).toBe(true);
      const r3 = a.assign(c, [stickySub('consumer2', c2topics, r2.get('consumer2'), 2, 2), stickySub('consumer3', all, r1.get('consumer3'), 1, 2)]);
      expect(r3.get('consumer2').length).toBe(6);
      expect(r3.get('consumer3').length).toBe(6);
      expect(r3.get('consumer2').some((p: TP) => has(r3.get('consumer3'), p))).toBe(false);
    });
  }

  it('user data: v1 written (previous assignment + generation), v0 read, garbage is nothing owned', () => {
    const b = encodeStickyUserData([tp('t', 0), tp('t', 2)], 5);
    expect(b.toString('hex')).toBe('00000001' + '0001' + '74' + '00000002' + '00000000' + '00000002' + '00000005');
    expect(decodeStickyUserData(b)).toEqual({ partitions: [tp('t', 0), tp('t', 2)], generation: 5 });
    expect(decodeStickyUserData(b.subarray(0, b.length - 4))).toEqual({ partitions: [tp('t', 0), tp('t', 2)], generation: undefined });
    expect(decodeStickyUserData(Buffer.from([1, 2]))).toEqual({ partitions: [], generation: -1 });
    const a = new StickyAssignor();
    expect(a.subscriptionUserData()).toBe(null);
    a.onAssignment(3, [tp('t', 1)]);
    expect(decodeStickyUserData(a.subscriptionUserData())).toEqual({ partitions: [tp('t', 1)], generation: 3 });
  });
});

describe('partition.assignment.strategy', () => {
  it('Java class names; the protocol is the highest every assignor supports', () => {
    const def = assignorsFor(['org.apache.kafka.clients.consumer.RangeAssignor', 'org.apache.kafka.clients.consumer.CooperativeStickyAssignor']);
    expect(def.map((x: { name: string }) => x.name)).toEqual(['range', 'cooperative-sticky']);
    expect(rebalanceProtocolOf(def)).toBe('eager');
    expect(rebalanceProtocolOf(assignorsFor(['org.apache.kafka.clients.consumer.CooperativeStickyAssignor']))).toBe('cooperative');
    expect(assignorsFor(['org.apache.kafka.clients.consumer.RoundRobinAssignor'])[0].name).toBe('roundrobin');
    expect(assignorsFor(['org.apache.kafka.clients.consumer.StickyAssignor'])[0].name).toBe('sticky');
  });

  it('an unknown class fails as the Java consumer does', () => {
    expect(() => assignorsFor(['range'])).toThrow(AssignorConfigError);
    expect(() => assignorsFor(['range'])).toThrow('range ClassNotFoundException exception occurred');
  });
});
