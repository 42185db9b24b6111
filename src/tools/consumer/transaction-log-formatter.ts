// TransactionLogMessageFormatter (Kafka 4.4's org.apache.kafka.tools.consumer, over its
// CoordinatorRecordMessageFormatter): each __transaction_state record as one compact JSON object,
// {"key":{"type":0,"data":{"transactionalId":...}},"value":{"version":V,"data":{...}}}, with no line
// separator between records (Kafka writes none). The value's fields come in the message's order,
// its tagged fields (version 1+) only when they differ from their defaults, as Kafka's generated
// JSON converters write them; transactionStatus is the state's name. A record without a key prints
// nothing; a tombstone prints "value":null. The layouts are the transaction coordinator's
// (src/protocol/internal/transaction-log.ts).
import type { RecordCursor } from '../../client/consumer/records';
import {
  decodeTransactionLogKey, decodeTransactionLogValue, transactionStatusName, type TransactionLogValue,
} from '../../protocol/internal/transaction-log';
import type { Output } from './output';
import type { RecordFormatter } from './formatters';

/** The key record type Kafka's transaction coordinator writes (TransactionLogKey's apiKey). */
const TRANSACTION_LOG_KEY_TYPE = 0;

function valueJson(v: TransactionLogValue, version: number): string {
  const parts: string[] = [`"producerId":${v.producerId}`];
  const tagged = (name: string, value: number | undefined, dflt: number) => {
    if (version >= 1 && value !== undefined && value !== dflt) parts.push(`"${name}":${value}`);
  };
  tagged('previousProducerId', v.previousProducerId, -1);
  tagged('nextProducerId', v.nextProducerId, -1);
  parts.push(`"producerEpoch":${v.producerEpoch}`);
  tagged('nextProducerEpoch', v.nextProducerEpoch, -1);
  parts.push(`"transactionTimeoutMs":${v.transactionTimeoutMs}`);
  parts.push(`"transactionStatus":${JSON.stringify(transactionStatusName(v.transactionStatus))}`);
  const partitions = v.transactionPartitions === null ? 'null'
    : `[${v.transactionPartitions.map((p) => `{"topic":${JSON.stringify(p.topic)},"partitionIds":[${p.partitionIds.join(',')}]}`).join(',')}]`;
  parts.push(`"transactionPartitions":${partitions}`);
  parts.push(`"transactionLastUpdateTimestampMs":${v.transactionLastUpdateTimestampMs}`);
  parts.push(`"transactionStartTimestampMs":${v.transactionStartTimestampMs}`);
  tagged('clientTransactionVersion', v.clientTransactionVersion, 0);
  return `{${parts.join(',')}}`;
}

export class TransactionLogMessageFormatter implements RecordFormatter {
  write(c: RecordCursor, out: Output): void {
    if (c.keyLen < 0) return;
    let text: string;
    try {
      const key = decodeTransactionLogKey(Buffer.from(c.buf.subarray(c.keyStart, c.keyStart + c.keyLen)));
      text = `{"key":{"type":${TRANSACTION_LOG_KEY_TYPE},"data":{"transactionalId":${JSON.stringify(key.transactionalId)}}}`;
      if (c.valueLen < 0) text += ',"value":null}';
      else {
        const value = decodeTransactionLogValue(Buffer.from(c.buf.subarray(c.valueStart, c.valueStart + c.valueLen)));
        text += `,"value":{"version":${value.version},"data":${valueJson(value, value.version)}}}`;
      }
    } catch (e) {
      throw new Error(`Could not read record at offset ${c.offset} due to: ${(e as Error).message}`);
    }
    out.utf8(text);
  }
}
