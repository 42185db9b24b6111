// Committed offsets through the wire: OffsetCommit/OffsetFetch rules, the records written to
// __consumer_offsets (Kafka's key/value schema), OffsetDelete, DeleteGroups, retention expiry,
// and reload after an engine restart.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import { startInProcessEngine, spawnEngine, tempDir, TestEngine, waitFor, ROOT } from '../helpers/engine';
import {
  ApiKey, E, connect, join, joinFully, sync, heartbeat, leave, describe1, commit, fetchOffsets, createTopic, partitionCodes, assignment,
} from './coordinator-wire';

const { decodeRecords } = require(path.join(ROOT, 'dist/protocol/records/batch'));
const rec = require(path.join(ROOT, 'dist/engine/coordinator/offsets-records'));

let engine: TestEngine;
const conns: any[] = [];
async function conn(clientId = 'wire'): Promise<any> {
  const c = await connect(engine.port, clientId);
  conns.push(c);
  return c;
}

beforeAll(async () => {
  engine = await startInProcessEngine({ 'group.min.session.timeout.ms': '200', 'offsets.retention.check.interval.ms': '100' });
  const c = await conn();
  await createTopic(c, 'ot', 3);
  await createTopic(c, 'other', 1);
});
afterAll(async () => {
  for (const c of conns) c.close();
  await engine.stop();
});

/** Every record of the group's __consumer_offsets partition, decoded. */
async function offsetsTopicRecords(c: any, groupId: string): Promise<{ key: any; value: any }[]> {
  const partition = rec.offsetsPartitionFor(groupId, 50);
  const resp = await c.request(ApiKey.Fetch, 11, {
    replicaId: -1, maxWaitMs: 0, minBytes: 1, maxBytes: 1 << 24, isolationLevel: 0, sessionId: 0, sessionEpoch: -1,
    topics: [{ topic: '__consumer_offsets', partitions: [{ partition, fetchOffset: 0, logStartOffset: -1, partitionMaxBytes: 1 << 24, currentLeaderEpoch: -1 }] }],
    forgottenTopicsData: [], rackId: '',
  });
  const p = resp.responses[0].partitions[0];
  expect(p.errorCode).toBe(0);
  const out: { key: any; value: any }[] = [];
  const recs: Buffer = p.records ?? Buffer.alloc(0);
  let at = 0;
  while (at + 12 <= recs.length) {
    const len = recs.readInt32BE(at + 8);
    decodeRecords(recs.subarray(at, at + 12 + len), (r: any) => {
      const key = rec.decodeOffsetsTopicKey(Buffer.from(r.key));
      if ((key.group ?? '') !== groupId) return;
      let value = null;
      if (r.value) value = key.type === 'offset' ? rec.decodeOffsetCommitValue(Buffer.from(r.value)) : rec.decodeGroupMetadataValue(Buffer.from(r.value));
      out.push({ key, value });
    });
    at += 12 + len;
  }
  return out;
}

describe('OffsetCommit / OffsetFetch', () => {
  it('a member commits with metadata; fetch by partition and (null topics) all of them', async () => {
    const c = await conn();
    const j = await joinFully(c, { groupId: 'oc1', topics: ['ot'] });
    await sync(c, 'oc1', j.generationId, j.memberId, [{ memberId: j.memberId, assignment: assignment('ot', [0, 1, 2]) }]);
    const r = await commit(c, 'oc1', j.generationId, j.memberId, [
      { name: 'ot', partitions: [{ partitionIndex: 0, committedOffset: 5, committedMetadata: 'meta-0' }, { partitionIndex: 2, committedOffset: 7 }] },
      { name: 'missing', partitions: [{ partitionIndex: 0, committedOffset: 1 }] },
      { name: 'other', partitions: [{ partitionIndex: 4, committedOffset: 1 }] },
    ]);
    expect(partitionCodes(r)).toEqual(['ot-0:0', 'ot-2:0', `missing-0:${E.UNKNOWN_TOPIC_OR_PARTITION}`, `other-4:${E.UNKNOWN_TOPIC_OR_PARTITION}`]);
    for (const v of [1, 3, 5]) {
      const f = await fetchOffsets(c, 'oc1', [{ name: 'ot', partitionIndexes: [0, 1, 2] }], v);
      expect(f.topics[0].partitions.map((p: any) => [p.partitionIndex, p.committedOffset, p.metadata, p.errorCode])).toEqual([
        [0, 5, 'meta-0', 0], [1, -1, '', 0], [2, 7, '', 0],
      ]);
    }
    const all = await fetchOffsets(c, 'oc1', null);
    expect(all.errorCode).toBe(0);
    expect(all.topics).toEqual([{ name: 'ot', partitions: [
      { partitionIndex: 0, committedOffset: 5, committedLeaderEpoch: -1, metadata: 'meta-0', errorCode: 0 },
      { partitionIndex: 2, committedOffset: 7, committedLeaderEpoch: -1, metadata: '', errorCode: 0 },
    ] }]);
    // Unknown group: no error, no offsets.
    expect((await fetchOffsets(c, 'nobody', null)).topics).toEqual([]);
    expect((await fetchOffsets(c, 'nobody', [{ name: 'ot', partitionIndexes: [0] }])).topics[0].partitions[0].committedOffset).toBe(-1);
  });

  it('the commit is in __consumer_offsets with Kafka\'s key/value layout (key v1, value v3)', async () => {
    const c = await conn();
    const records = await offsetsTopicRecords(c, 'oc1');
    const offsets = records.filter((r) => r.key.type === 'offset');
    expect(offsets.map((r) => [r.key.version, r.key.topic, r.key.partition, r.value.version, r.value.offset, r.value.metadata])).toEqual([
      [1, 'ot', 0, 3, 5, 'meta-0'], [1, 'ot', 2, 3, 7, ''],
    ]);
    const groups = records.filter((r) => r.key.type === 'group');
    expect(groups.length).toBeGreaterThan(0);
    const last = groups[groups.length - 1];
    expect(last.key.group).toBe('oc1');
    expect(last.value.version).toBe(3);
    expect(last.value.protocolType).toBe('consumer');
    expect(last.value.protocol).toBe('range');
    expect(last.value.members.length).toBe(1);
    expect(last.value.members[0].clientHost).toBe('/127.0.0.1');
    expect(rec.decodeOffsetsTopicKey(rec.encodeGroupMetadataKey('oc1')).type).toBe('group');
  });

  it('generation, member and state checks', async () => {
    const c = await conn();
    const j = await joinFully(c, { groupId: 'oc2', topics: ['ot'] });
    // CompletingRebalance: REBALANCE_IN_PROGRESS.
    expect(partitionCodes(await commit(c, 'oc2', j.generationId, j.memberId, [{ name: 'ot', partitions: [{ partitionIndex: 0, committedOffset: 1 }] }])))
      .toEqual([`ot-0:${E.REBALANCE_IN_PROGRESS}`]);
    await sync(c, 'oc2', j.generationId, j.memberId, []);
    const p0 = [{ name: 'ot', partitions: [{ partitionIndex: 0, committedOffset: 1 }] }];
    expect(partitionCodes(await commit(c, 'oc2', j.generationId + 1, j.memberId, p0))).toEqual([`ot-0:${E.ILLEGAL_GENERATION}`]);
    expect(partitionCodes(await commit(c, 'oc2', j.generationId, 'someone', p0))).toEqual([`ot-0:${E.UNKNOWN_MEMBER_ID}`]);
    // An admin commit (generation -1, no member id) is refused while the group has members...
    expect(partitionCodes(await commit(c, 'oc2', -1, '', p0))).toEqual([`ot-0:${E.UNKNOWN_MEMBER_ID}`]);
    expect(partitionCodes(await commit(c, 'oc2', j.generationId, j.memberId, p0))).toEqual(['ot-0:0']);
    // ...and accepted once it is Empty, or for a group that does not exist yet.
    await leave(c, 'oc2', [{ memberId: j.memberId }]);
    expect(partitionCodes(await commit(c, 'oc2', -1, '', [{ name: 'ot', partitions: [{ partitionIndex: 0, committedOffset: 9 }] }]))).toEqual(['ot-0:0']);
    expect((await fetchOffsets(c, 'oc2', [{ name: 'ot', partitionIndexes: [0] }])).topics[0].partitions[0].committedOffset).toBe(9);
    expect(partitionCodes(await commit(c, 'admin-made', -1, '', p0, { version: 2 }))).toEqual(['ot-0:0']);
    expect((await describe1(c, 'admin-made'))).toMatchObject({ groupState: 'Empty', protocolType: '' });
    // A generation for a group that does not exist: ILLEGAL_GENERATION (before OffsetCommit v9).
    expect(partitionCodes(await commit(c, 'never', 3, 'm', p0))).toEqual([`ot-0:${E.ILLEGAL_GENERATION}`]);
    expect(partitionCodes(await commit(c, '', -1, '', p0))).toEqual([`ot-0:${E.INVALID_GROUP_ID}`]);
    expect(partitionCodes(await commit(c, 'oc2', -1, '', [{ name: 'ot', partitions: [{ partitionIndex: 1, committedOffset: 1, committedMetadata: 'x'.repeat(4097) }] }])))
      .toEqual([`ot-1:${E.OFFSET_METADATA_TOO_LARGE}`]);
  });

  it('a commit keeps the member\'s session alive', async () => {
    const c = await conn();
    const j = await joinFully(c, { groupId: 'oc-session', sessionTimeoutMs: 1500, topics: ['ot'] });
    await sync(c, 'oc-session', j.generationId, j.memberId, []);
    const until = Date.now() + 2500; // longer than the session: only the commits keep it alive
    while (Date.now() < until) {
      expect(partitionCodes(await commit(c, 'oc-session', j.generationId, j.memberId, [{ name: 'ot', partitions: [{ partitionIndex: 0, committedOffset: 1 }] }]))).toEqual(['ot-0:0']);
      await new Promise((r) => setTimeout(r, 100)); // pacing of a consumer's commits, not synchronisation
    }
    expect((await heartbeat(c, 'oc-session', j.generationId, j.memberId)).errorCode).toBe(0);
  });
});

describe('OffsetDelete and DeleteGroups', () => {
  it('OffsetDelete refuses topics an active member subscribes to, deletes others and writes tombstones', async () => {
    const c = await conn();
    const j = await joinFully(c, { groupId: 'od', topics: ['ot'] });
    await sync(c, 'od', j.generationId, j.memberId, []);
    await commit(c, 'od', j.generationId, j.memberId, [
      { name: 'ot', partitions: [{ partitionIndex: 0, committedOffset: 3 }] },
      { name: 'other', partitions: [{ partitionIndex: 0, committedOffset: 4 }] },
    ]);
    const del = (topics: any[]) => c.request(ApiKey.OffsetDelete, 0, { groupId: 'od', topics });
    const r = await del([{ name: 'ot', partitions: [{ partitionIndex: 0 }] }, { name: 'other', partitions: [{ partitionIndex: 0 }] }, { name: 'missing', partitions: [{ partitionIndex: 0 }] }]);
    expect(r.errorCode).toBe(0);
    expect(partitionCodes(r)).toEqual([`ot-0:${E.GROUP_SUBSCRIBED_TO_TOPIC}`, 'other-0:0', `missing-0:${E.UNKNOWN_TOPIC_OR_PARTITION}`]);
    const f = await fetchOffsets(c, 'od', null);
    expect(f.topics.map((t: any) => t.name)).toEqual(['ot']);
    const tomb = (await offsetsTopicRecords(c, 'od')).filter((x) => x.key.type === 'offset' && x.key.topic === 'other');
    expect(tomb[tomb.length - 1].value).toBeNull();
    await leave(c, 'od', [{ memberId: j.memberId }]);
    expect(partitionCodes(await del([{ name: 'ot', partitions: [{ partitionIndex: 0 }] }]))).toEqual(['ot-0:0']);
    expect((await fetchOffsets(c, 'od', null)).topics).toEqual([]);
    expect((await c.request(ApiKey.OffsetDelete, 0, { groupId: 'no-group', topics: [] })).errorCode).toBe(E.GROUP_ID_NOT_FOUND);
    expect((await c.request(ApiKey.OffsetDelete, 0, { groupId: '', topics: [] })).errorCode).toBe(E.INVALID_GROUP_ID);
  });

  it('DeleteGroups: NON_EMPTY_GROUP, GROUP_ID_NOT_FOUND, INVALID_GROUP_ID, and tombstones on success', async () => {
    const c = await conn();
    const j = await joinFully(c, { groupId: 'dg', topics: ['ot'] });
    await sync(c, 'dg', j.generationId, j.memberId, []);
    await commit(c, 'dg', j.generationId, j.memberId, [{ name: 'ot', partitions: [{ partitionIndex: 1, committedOffset: 2 }] }]);
    const r1 = await c.request(ApiKey.DeleteGroups, 1, { groupsNames: ['dg', 'no-such', ''] });
    expect(r1.results).toEqual([
      { groupId: 'dg', errorCode: E.NON_EMPTY_GROUP }, { groupId: 'no-such', errorCode: E.GROUP_ID_NOT_FOUND }, { groupId: '', errorCode: E.INVALID_GROUP_ID },
    ]);
    await leave(c, 'dg', [{ memberId: j.memberId }]);
    const r2 = await c.request(ApiKey.DeleteGroups, 0, { groupsNames: ['dg'] });
    expect(r2.results).toEqual([{ groupId: 'dg', errorCode: 0 }]);
    expect((await describe1(c, 'dg')).groupState).toBe('Dead');
    expect((await c.request(ApiKey.ListGroups, 2, {})).groups.map((g: any) => g.groupId)).not.toContain('dg');
    expect((await fetchOffsets(c, 'dg', null)).topics).toEqual([]);
    const records = await offsetsTopicRecords(c, 'dg');
    const tail = records.slice(-2);
    expect(tail.map((x) => [x.key.type, x.value])).toEqual([['offset', null], ['group', null]]);
  });
});

describe('topic deletion', () => {
  it('drops the deleted topic\'s committed offsets', async () => {
    const c = await conn();
    await createTopic(c, 'doomed', 2);
    expect(partitionCodes(await commit(c, 'td', -1, '', [
      { name: 'doomed', partitions: [{ partitionIndex: 0, committedOffset: 1 }, { partitionIndex: 1, committedOffset: 2 }] },
      { name: 'ot', partitions: [{ partitionIndex: 0, committedOffset: 3 }] },
    ]))).toEqual(['doomed-0:0', 'doomed-1:0', 'ot-0:0']);
    const del = await c.request(ApiKey.DeleteTopics, 3, { topicNames: ['doomed'], timeoutMs: 5000 });
    expect(del.responses[0].errorCode).toBe(0);
    expect((await fetchOffsets(c, 'td', null)).topics.map((t: any) => t.name)).toEqual(['ot']);
  });
});

describe('retention', () => {
  it('expired offsets of an Empty group are removed, then the group itself disappears', async () => {
    const c = await conn();
    // OffsetCommit v2-4 carry a retention time: the offset expires at commit time + retention.
    expect(partitionCodes(await commit(c, 'ret', -1, '', [{ name: 'ot', partitions: [{ partitionIndex: 0, committedOffset: 1 }] }], { version: 2, retentionTimeMs: 50 }))).toEqual(['ot-0:0']);
    await waitFor(async () => !(await c.request(ApiKey.ListGroups, 2, {})).groups.some((g: any) => g.groupId === 'ret'), 10000, 'group expired');
    expect((await fetchOffsets(c, 'ret', null)).topics).toEqual([]);
    expect((await describe1(c, 'ret')).groupState).toBe('Dead');
    const records = await offsetsTopicRecords(c, 'ret');
    expect(records.map((x) => x.key.version)).toEqual([1, 1, 2]); // commit (value v1: expiry), tombstone, group tombstone
    expect(records[0].value.version).toBe(1);
    expect(records.slice(1).map((x) => x.value)).toEqual([null, null]);
  });
});

describe('restart', () => {
  it('committed offsets and groups survive; loaded members expire unless they heartbeat', async () => {
    const dir = tempDir();
    const overrides = { 'group.min.session.timeout.ms': '200' };
    let child = await spawnEngine({ dir, overrides });
    try {
      let c = await connect(child.port);
      await createTopic(c, 'rt', 2);
      const j = await joinFully(c, { groupId: 'rg', sessionTimeoutMs: 6000, topics: ['rt'] });
      expect(j.errorCode).toBe(0);
      expect((await sync(c, 'rg', j.generationId, j.memberId, [{ memberId: j.memberId, assignment: assignment('rt', [0, 1]) }])).errorCode).toBe(0);
      expect(partitionCodes(await commit(c, 'rg', j.generationId, j.memberId, [{ name: 'rt', partitions: [{ partitionIndex: 1, committedOffset: 42, committedMetadata: 'm' }] }]))).toEqual(['rt-1:0']);
      expect(partitionCodes(await commit(c, 'simple', -1, '', [{ name: 'rt', partitions: [{ partitionIndex: 0, committedOffset: 7 }] }]))).toEqual(['rt-0:0']);
      c.close();
      await child.stop();

      child = await spawnEngine({ dir, overrides });
      c = await connect(child.port);
      const f = await fetchOffsets(c, 'rg', null);
      expect(f.topics).toEqual([{ name: 'rt', partitions: [{ partitionIndex: 1, committedOffset: 42, committedLeaderEpoch: -1, metadata: 'm', errorCode: 0 }] }]);
      expect((await fetchOffsets(c, 'simple', [{ name: 'rt', partitionIndexes: [0] }])).topics[0].partitions[0].committedOffset).toBe(7);
      const listed = (await c.request(ApiKey.ListGroups, 2, {})).groups;
      expect(listed).toContainEqual(expect.objectContaining({ groupId: 'rg', protocolType: 'consumer' }));
      expect(listed).toContainEqual(expect.objectContaining({ groupId: 'simple', protocolType: '' }));
      const d = await describe1(c, 'rg');
      expect(d.groupState).toBe('Stable');
      expect(d.members.map((m: any) => m.memberId)).toEqual([j.memberId]);
      // The member can carry on with its generation...
      expect((await heartbeat(c, 'rg', j.generationId, j.memberId)).errorCode).toBe(0);
      // ...and when it goes away its session expires and the group becomes Empty.
      await waitFor(async () => (await describe1(c, 'rg')).groupState === 'Empty', 30000, 'loaded member expired');
      c.close();
    } finally {
      await child.stop();
    }
  }, 60000);
});
