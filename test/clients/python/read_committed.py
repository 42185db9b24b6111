"""read_committed consumers of two Python clients over a partition holding transactions.

Usage: read_committed.py BOOTSTRAP TOPIC
Reads partition 0 from the start with confluent-kafka (librdkafka) and kafka-python, each with
isolation.level=read_committed, up to the end they are told (librdkafka: its partition EOF, at
the last stable offset; kafka-python: its end offset, the last stable offset from ListOffsets
READ_COMMITTED). Prints one JSON report: the values each saw and the end offset each was told.
"""
import sys

from confluent_kafka import Consumer, KafkaError, TopicPartition
from kafka import KafkaConsumer
from kafka import TopicPartition as KTopicPartition

from common import report, text, until

bootstrap, topic = sys.argv[1], sys.argv[2]
out = {}

c = Consumer({'bootstrap.servers': bootstrap, 'group.id': topic + '-rc', 'isolation.level': 'read_committed',
              'enable.partition.eof': True, 'enable.auto.commit': False})
c.assign([TopicPartition(topic, 0, 0)])
seen = []
eof = []


def step():
    m = c.poll(0.2)
    if m is None:
        return
    if m.error():
        if m.error().code() == KafkaError._PARTITION_EOF:
            eof.append(m.offset())
            return
        raise RuntimeError(str(m.error()))
    seen.append(text(m.value()))


until(lambda: eof, 30, 'confluent-kafka partition EOF', step)
out['confluent'] = {'values': seen, 'eof': eof[0],
                    'watermarks': list(c.get_watermark_offsets(TopicPartition(topic, 0), timeout=10, cached=False))}
c.close()

k = KafkaConsumer(bootstrap_servers=bootstrap, isolation_level='read_committed', enable_auto_commit=False,
                  group_id=None, consumer_timeout_ms=200)
tp = KTopicPartition(topic, 0)
k.assign([tp])
k.seek_to_beginning(tp)
end = k.end_offsets([tp])[tp]
values = []


def kstep():
    for recs in k.poll(timeout_ms=200).values():
        values.extend(text(r.value) for r in recs)


until(lambda: k.position(tp) >= end, 30, 'kafka-python position at its end offset', kstep)
out['kafkaPython'] = {'values': values, 'end': end}
k.close()
report(out)
