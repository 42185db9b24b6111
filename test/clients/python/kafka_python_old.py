"""kafka-python speaking an old broker's protocol (api_version fixed, no ApiVersions probe).

Usage: kafka_python_old.py BOOTSTRAP TOPIC API_VERSION COMPRESSION MEMBERS
API_VERSION like 0.8.1, 0.8.2, 0.9, 0.10, 0.10.1. Produces 20 keyed records, reads them back (0.8.x:
assigned partitions, offsets committed to Kafka; 0.9+: a group of MEMBERS members, the second
joining after the first took every partition), commits, and reads the committed and end offsets.
Prints one JSON report (test/clients/old-clients.test.ts).
"""
import sys

import kafka
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.structs import OffsetAndMetadata

from common import report, text, until

bootstrap, topic, version_text, compression, members_wanted = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
api_version = tuple(int(x) for x in version_text.split('.'))
compression = None if compression == 'none' else compression
group = topic + '-group'
out = {'version': kafka.__version__, 'apiVersion': list(api_version)}

producer = KafkaProducer(bootstrap_servers=bootstrap, api_version=api_version, acks=1, compression_type=compression,
                         linger_ms=20, client_id='old-producer')
futures = [(i, producer.send(topic, key=('key-%d' % (i % 4)).encode(), value=('value-%d' % i).encode()))
           for i in range(20)]
producer.flush(20)
out['delivered'] = []
for i, f in futures:
    md = f.get(10)
    out['delivered'].append({'value': 'value-%d' % i, 'key': 'key-%d' % (i % 4), 'partition': md.partition,
                             'offset': md.offset, 'timestamp': md.timestamp})
producer.close()
partitions = sorted({d['partition'] for d in out['delivered']})
consumed = []
members = []


def consumer(name, subscribe):
    c = KafkaConsumer(bootstrap_servers=bootstrap, api_version=api_version, group_id=group, client_id='old-' + name,
                      auto_offset_reset='earliest', enable_auto_commit=False, session_timeout_ms=10000,
                      heartbeat_interval_ms=500)
    if subscribe:
        c.subscribe([topic])
    members.append((name, c))
    return c


def poll_all():
    for name, c in members:
        batch = c.poll(timeout_ms=50)
        for tp, msgs in batch.items():
            for m in msgs:
                consumed.append({'member': name, 'key': text(m.key), 'value': text(m.value), 'partition': m.partition,
                                 'offset': m.offset, 'timestamp': m.timestamp})
        if batch:
            c.commit()


def assigned(name):
    for n, c in members:
        if n == name:
            return sorted(tp.partition for tp in c.assignment())
    return []


if api_version < (0, 9):
    # No group membership before 0.9: partitions assigned by hand, offsets still kept by Kafka.
    c = consumer('a', False)
    c.assign([TopicPartition(topic, p) for p in partitions])
    until(lambda: len(consumed) >= 20, 30, 'all 20 records', poll_all)
else:
    consumer('a', True)
    until(lambda: len(assigned('a')) == len(partitions), 30, 'the first member to get all partitions', poll_all)
    out['assignedAlone'] = assigned('a')
    if members_wanted > 1:
        consumer('b', True)
        until(lambda: assigned('a') and assigned('b') and sorted(assigned('a') + assigned('b')) == partitions, 30,
              'a rebalance over both members', poll_all)
        out['assignedTogether'] = {'a': assigned('a'), 'b': assigned('b')}
    until(lambda: len(consumed) >= 20, 30, 'all 20 records', poll_all)
out['consumed'] = consumed

# Committed offsets read back (OffsetFetch), an explicit commit with metadata, and end offsets
# (ListOffsets v0 before 0.10.1, through seek_to_end).
c = members[0][1]
tps = [TopicPartition(topic, p) for p in partitions]
out['committed'] = [[tp.partition, c.committed(tp)] for tp in tps]
if api_version < (0, 9):
    c.commit({tps[0]: OffsetAndMetadata(3, 'meta', -1)})
    out['committedAfter'] = c.committed(tps[0])
ends = []
for tp in tps:
    if tp not in c.assignment():
        continue
    c.seek_to_end(tp)
    # With a deadline: kafka-python's heartbeat thread may handle the ListOffsets answer while
    # position() waits in poll() with nothing in flight, which without one waits request_timeout_ms
    # (305 s) before it looks at the position again.
    end = []
    until(lambda: end.append(c.position(tp, timeout_ms=200)) or end[-1] is not None, 30, 'the end offset')
    ends.append([tp.partition, end[-1]])
out['endOffsets'] = ends
for _, m in members:
    m.close()
report(out)
