// The __transaction_state record codec (Kafka 4.4's TransactionLogKey v0, TransactionLogValue v0/v1)
// and the transactional id → partition mapping.
import { describe, it, expect } from 'vitest';
import {
  encodeTransactionLogKey, decodeTransactionLogKey, encodeTransactionLogValue, decodeTransactionLogValue,
  transactionStatePartitionFor, transactionStatusName, transactionStatusId, TransactionStatus,
} from '../../src/protocol/internal/transaction-log';

function i8(v: number): Buffer { const b = Buffer.alloc(1); b.writeInt8(v); return b; }
function i16(v: number): Buffer { const b = Buffer.alloc(2); b.writeInt16BE(v); return b; }
function i32(v: number): Buffer { const b = Buffer.alloc(4); b.writeInt32BE(v); return b; }
function i64(v: number): Buffer { const b = Buffer.alloc(8); b.writeBigInt64BE(BigInt(v)); return b; }
function str(s: string): Buffer { return Buffer.concat([i16(Buffer.byteLength(s)), Buffer.from(s)]); }
function cstr(s: string): Buffer { return Buffer.concat([Buffer.from([Buffer.byteLength(s) + 1]), Buffer.from(s)]); }

const ongoing = {
  producerId: 1000, producerEpoch: 3, transactionTimeoutMs: 60000, transactionStatus: TransactionStatus.Ongoing,
  transactionPartitions: [{ topic: 't', partitionIds: [0, 2] }],
  transactionLastUpdateTimestampMs: 1700000000500, transactionStartTimestampMs: 1700000000000,
};

describe('__transaction_state records', () => {
  it('TransactionLogKey v0 is the version then the transactional id', () => {
    const k = encodeTransactionLogKey('tx-1');
    expect(k).toEqual(Buffer.concat([i16(0), str('tx-1')]));
    expect(decodeTransactionLogKey(k)).toEqual({ version: 0, transactionalId: 'tx-1' });
    expect(() => decodeTransactionLogKey(Buffer.concat([i16(1), str('x')]))).toThrow(/version 1/);
  });

  it('TransactionLogValue v0 has Kafka\'s byte layout', () => {
    const v = encodeTransactionLogValue(ongoing, 0);
    expect(v).toEqual(Buffer.concat([
      i16(0), i64(1000), i16(3), i32(60000), i8(1),
      i32(1), str('t'), i32(2), i32(0), i32(2),
      i64(1700000000500), i64(1700000000000),
    ]));
    expect(decodeTransactionLogValue(v)).toEqual({
      ...ongoing, version: 0, previousProducerId: -1, nextProducerId: -1, nextProducerEpoch: -1, clientTransactionVersion: 0,
    });
  });

  it('an Empty state carries a null partition list', () => {
    const v = encodeTransactionLogValue({ ...ongoing, transactionStatus: TransactionStatus.Empty, transactionPartitions: null }, 0);
    expect(v.subarray(2 + 8 + 2 + 4 + 1, 2 + 8 + 2 + 4 + 1 + 4)).toEqual(i32(-1));
    expect(decodeTransactionLogValue(v).transactionPartitions).toBeNull();
  });

  it('TransactionLogValue v1 is flexible: compact strings/arrays and the tagged fields in tag order', () => {
    const v = encodeTransactionLogValue({
      ...ongoing, previousProducerId: 999, nextProducerId: 1001, nextProducerEpoch: 0, clientTransactionVersion: 2,
    }, 1);
    expect(v).toEqual(Buffer.concat([
      i16(1), i64(1000), i16(3), i32(60000), i8(1),
      Buffer.from([2]), cstr('t'), Buffer.from([3]), i32(0), i32(2), Buffer.from([0]),
      i64(1700000000500), i64(1700000000000),
      Buffer.from([4]),
      Buffer.from([0, 8]), i64(999),
      Buffer.from([1, 8]), i64(1001),
      Buffer.from([2, 2]), i16(2),
      Buffer.from([3, 2]), i16(0),
    ]));
    expect(decodeTransactionLogValue(v)).toMatchObject({ version: 1, previousProducerId: 999, nextProducerId: 1001, nextProducerEpoch: 0, clientTransactionVersion: 2, producerId: 1000 });
    // Defaults are not written as tagged fields.
    const plain = encodeTransactionLogValue(ongoing, 1);
    expect(plain[plain.length - 1]).toBe(0);
    expect(decodeTransactionLogValue(plain)).toMatchObject({ ...ongoing, previousProducerId: -1, clientTransactionVersion: 0 });
  });

  it('skips unknown tagged fields and rejects unknown versions', () => {
    const plain = encodeTransactionLogValue(ongoing, 1);
    const withUnknown = Buffer.concat([plain.subarray(0, plain.length - 1), Buffer.from([1, 9, 2, 0xab, 0xcd])]);
    expect(decodeTransactionLogValue(withUnknown)).toMatchObject(ongoing);
    expect(() => decodeTransactionLogValue(Buffer.concat([i16(2), plain.subarray(2)]))).toThrow(/version 2/);
  });

  it('names states as Kafka prints them', () => {
    expect(transactionStatusName(2)).toBe('PrepareCommit');
    expect(transactionStatusName(7)).toBe('PrepareEpochFence');
    expect(transactionStatusId('CompleteAbort')).toBe(5);
    expect(transactionStatusId('nope')).toBeUndefined();
  });

  it('maps a transactional id to a partition as groups are mapped', () => {
    expect(transactionStatePartitionFor('test', 50)).toBe(3556498 % 50);
    expect(transactionStatePartitionFor('my-app', 50)).toBe(0);
    expect(transactionStatePartitionFor('polygenelubricants', 50)).toBe(0);
  });
});
