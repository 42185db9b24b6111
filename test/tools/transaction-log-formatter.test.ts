// TransactionLogMessageFormatter: __transaction_state records, encoded with the coordinator's
// codec, print as Kafka 4.4's formatter printed the same records read from a Kafka broker (texts
// below copied from its output): v1 values with their non-default tagged fields, v0 values
// without tagged fields, a tombstone, and no line separator.
import { describe, expect, it } from 'vitest';
import { RecordCursor } from '../../src/client/consumer/records';
import { encodeTransactionLogKey, encodeTransactionLogValue, TransactionStatus } from '../../src/protocol/internal/transaction-log';
import { Output } from '../../src/tools/consumer/output';
import { TransactionLogMessageFormatter } from '../../src/tools/consumer/transaction-log-formatter';

function print(records: { key: Buffer | null; value: Buffer | null }[]): string {
  const chunks: Buffer[] = [];
  const out = new Output((chunk, release) => { chunks.push(Buffer.from(chunk)); release(); });
  const f = new TransactionLogMessageFormatter();
  for (const r of records) {
    const c = new RecordCursor();
    c.buf = Buffer.concat([r.key ?? Buffer.alloc(0), r.value ?? Buffer.alloc(0)]);
    c.keyStart = 0;
    c.keyLen = r.key ? r.key.length : -1;
    c.valueStart = r.key ? r.key.length : 0;
    c.valueLen = r.value ? r.value.length : -1;
    f.write(c, out);
  }
  out.flush();
  return Buffer.concat(chunks).toString('utf8');
}

describe('TransactionLogMessageFormatter', () => {
  it('prints v1 values as Kafka does, tagged fields only when not default', () => {
    const key = encodeTransactionLogKey('tx-open');
    const empty = encodeTransactionLogValue({
      producerId: 4, previousProducerId: 4, nextProducerId: -1, producerEpoch: 0, nextProducerEpoch: -1, transactionTimeoutMs: 60000,
      transactionStatus: TransactionStatus.Empty, transactionPartitions: null, transactionLastUpdateTimestampMs: 1796640410042,
      transactionStartTimestampMs: -1, clientTransactionVersion: 0,
    }, 1);
    const ongoing = encodeTransactionLogValue({
      producerId: 4, previousProducerId: 4, nextProducerId: -1, producerEpoch: 0, nextProducerEpoch: -1, transactionTimeoutMs: 60000,
      transactionStatus: TransactionStatus.Ongoing, transactionPartitions: [{ topic: 'tx-o', partitionIds: [0] }],
      transactionLastUpdateTimestampMs: 1796640410215, transactionStartTimestampMs: 1796640410215, clientTransactionVersion: 2,
    }, 1);
    expect(print([{ key, value: empty }, { key, value: ongoing }])).toBe(
      '{"key":{"type":0,"data":{"transactionalId":"tx-open"}},"value":{"version":1,"data":{"producerId":4,"previousProducerId":4,"producerEpoch":0,"transactionTimeoutMs":60000,"transactionStatus":"Empty","transactionPartitions":null,"transactionLastUpdateTimestampMs":1796640410042,"transactionStartTimestampMs":-1}}}'
      + '{"key":{"type":0,"data":{"transactionalId":"tx-open"}},"value":{"version":1,"data":{"producerId":4,"previousProducerId":4,"producerEpoch":0,"transactionTimeoutMs":60000,"transactionStatus":"Ongoing","transactionPartitions":[{"topic":"tx-o","partitionIds":[0]}],"transactionLastUpdateTimestampMs":1796640410215,"transactionStartTimestampMs":1796640410215,"clientTransactionVersion":2}}}');
  });

  it('prints v0 values (what the engine writes) without tagged fields, a tombstone as null, a keyless record not at all', () => {
    const key = encodeTransactionLogKey('t"1');
    const v0 = encodeTransactionLogValue({
      producerId: 1000, producerEpoch: 3, transactionTimeoutMs: 60000, transactionStatus: TransactionStatus.CompleteCommit,
      transactionPartitions: [], transactionLastUpdateTimestampMs: 5, transactionStartTimestampMs: 4,
    }, 0);
    expect(print([{ key, value: v0 }, { key, value: null }, { key: null, value: v0 }])).toBe(
      '{"key":{"type":0,"data":{"transactionalId":"t\\"1"}},"value":{"version":0,"data":{"producerId":1000,"producerEpoch":3,"transactionTimeoutMs":60000,"transactionStatus":"CompleteCommit","transactionPartitions":[],"transactionLastUpdateTimestampMs":5,"transactionStartTimestampMs":4}}}'
      + '{"key":{"type":0,"data":{"transactionalId":"t\\"1"}},"value":null}');
  });
});
