"""confluent-kafka (librdkafka 2.x) told the broker is old: api.version.request=false and
broker.version.fallback (0.8.2: Produce/Fetch v0, no group membership; 0.9.0: Produce/Fetch v1,
JoinGroup v0; 0.10.0: message format v1 with timestamps).

Usage: confluent_old.py BOOTSTRAP TOPIC FALLBACK COMPRESSION
Produces 20 keyed records with the codec, reads them back (0.8.2: assigned partitions; later: a
group member) committing as it goes, reads the committed offsets and the watermarks back.
Prints one JSON report (test/clients/old-clients.test.ts).
"""
import sys

from confluent_kafka import Consumer, KafkaError, Producer, TopicPartition

from common import report, text, until

bootstrap, topic, fallback, compression = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
old = {'bootstrap.servers': bootstrap, 'api.version.request': False, 'broker.version.fallback': fallback}
out = {'fallback': fallback}

delivered = []


def on_delivery(err, msg):
    ts = msg.timestamp()
    delivered.append({'error': None if err is None else err.name(), 'key': text(msg.key()), 'value': text(msg.value()),
                      'partition': msg.partition(), 'offset': msg.offset(), 'timestamp': ts[1]})


p = Producer(dict(old, **{'compression.type': compression, 'linger.ms': 20, 'acks': 1}))
for i in range(20):
    p.produce(topic, key='key-%d' % (i % 4), value='value-%d' % i, timestamp=1700000000000 + i, on_delivery=on_delivery)
p.flush(20)
out['delivered'] = delivered
partitions = sorted({d['partition'] for d in delivered})

assigned = []
c = Consumer(dict(old, **{'group.id': topic + '-group', 'auto.offset.reset': 'earliest', 'enable.auto.commit': False,
                          'session.timeout.ms': 10000, 'heartbeat.interval.ms': 500}))
if fallback.startswith('0.8'):
    c.assign([TopicPartition(topic, p, 0) for p in partitions])
else:
    c.subscribe([topic], on_assign=lambda cons, tps: assigned.extend(tp.partition for tp in tps))
consumed = []


def poll():
    m = c.poll(0.05)
    if m is None or m.error():
        if m is not None and m.error().code() != KafkaError._PARTITION_EOF:
            raise RuntimeError(m.error().str())
        return
    consumed.append({'key': text(m.key()), 'value': text(m.value()), 'partition': m.partition(), 'offset': m.offset(),
                     'timestamp': m.timestamp()[1], 'timestampType': m.timestamp()[0]})
    c.commit(message=m, asynchronous=False)


until(lambda: len(consumed) >= 20, 30, 'all 20 records', poll)
out['consumed'] = consumed
out['assigned'] = sorted(assigned)
committed = c.committed([TopicPartition(topic, p) for p in partitions], timeout=10)
out['committed'] = [[tp.partition, tp.offset] for tp in committed]
out['watermarks'] = [[p] + list(c.get_watermark_offsets(TopicPartition(topic, p), timeout=10)) for p in partitions]
c.close()
report(out)
