"""kafka-python 2.x (versions negotiated) against the engine: admin, produce, a two-member group.

Usage: kafka_python_current.py BOOTSTRAP TOPIC COMPRESSION
Prints one JSON report (see test/clients/python-kafka-python.test.ts for what is checked).
"""
import sys

import kafka
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import ConfigResource, ConfigResourceType, NewPartitions, NewTopic
from kafka.errors import TopicAlreadyExistsError

from common import report, text, until

bootstrap, topic, compression = sys.argv[1], sys.argv[2], sys.argv[3]
group = topic + '-group'
out = {'version': kafka.__version__}

admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id='kp-admin')
out['brokerVersion'] = list(admin._client.check_version())
admin.create_topics([NewTopic(topic, 2, 1, topic_configs={'retention.ms': '3600000'})])
try:
    admin.create_topics([NewTopic(topic, 2, 1)])
    out['duplicate'] = None
except TopicAlreadyExistsError as e:
    out['duplicate'] = type(e).__name__
admin.create_partitions({topic: NewPartitions(3)})
out['topics'] = sorted(t for t in admin.list_topics() if not t.startswith('__'))
described = admin.describe_topics([topic])[0]
out['described'] = {'name': described['topic'], 'error': described['error_code'], 'internal': described['is_internal'],
                    'operations': sorted(described['authorized_operations']),
                    'partitions': sorted([p['partition'], p['leader'], p['replicas'], p['isr']] for p in described['partitions'])}


def topic_config(name):
    for resp in admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic)]):
        for res in resp.resources:
            for entry in res[4]:
                if entry[0] == name:
                    return entry[1]
    return None


out['retention'] = topic_config('retention.ms')
admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, topic, configs={'retention.ms': '7200000'})])
out['retentionAltered'] = topic_config('retention.ms')

# Produce: keys on murmur2 partitions (Java's default partitioner), headers, acks=all.
producer = KafkaProducer(bootstrap_servers=bootstrap, acks='all', compression_type=compression, linger_ms=20)
futures = []
for i in range(30):
    futures.append((i, producer.send(topic, key=('key-%d' % (i % 6)).encode(), value=('value-%d' % i).encode(),
                                     headers=[('n', str(i).encode())])))
producer.flush(20)
out['delivered'] = [{'value': 'value-%d' % i, 'key': 'key-%d' % (i % 6), 'partition': f.get(10).partition,
                     'offset': f.get(10).offset} for i, f in futures]
producer.close()

# Two members: the first alone, then both after a rebalance; manual synchronous commits.
members = []


def member(name):
    c = KafkaConsumer(topic, bootstrap_servers=bootstrap, group_id=group, client_id='kp-' + name,
                      auto_offset_reset='earliest', enable_auto_commit=False, session_timeout_ms=10000,
                      heartbeat_interval_ms=500, max_poll_interval_ms=30000)
    members.append((name, c))
    return c


consumed = []


def poll_all():
    for name, c in members:
        batch = c.poll(timeout_ms=50)
        for tp, msgs in batch.items():
            for m in msgs:
                consumed.append({'member': name, 'key': text(m.key), 'value': text(m.value), 'partition': m.partition,
                                 'offset': m.offset, 'headers': [[k, text(v)] for k, v in m.headers]})
        if batch:
            c.commit()


def assigned(name):
    for n, c in members:
        if n == name:
            return sorted(tp.partition for tp in c.assignment())
    return []


member('a')
until(lambda: assigned('a') == [0, 1, 2], 30, 'the first member to get all partitions', poll_all)
out['assignedAlone'] = assigned('a')
member('b')
until(lambda: assigned('a') and assigned('b') and sorted(assigned('a') + assigned('b')) == [0, 1, 2], 30,
      'a rebalance over both members', poll_all)
out['assignedTogether'] = {'a': assigned('a'), 'b': assigned('b')}
until(lambda: len(consumed) >= 30, 30, 'all 30 records', poll_all)
out['consumed'] = consumed

groups = admin.describe_consumer_groups([group])
out['groupState'] = groups[0].state
out['groupMembers'] = len(groups[0].members)
committed = admin.list_consumer_group_offsets(group)
out['committed'] = sorted([tp.partition, om.offset] for tp, om in committed.items())
ends = members[0][1].end_offsets([TopicPartition(topic, p) for p in range(3)])
out['endOffsets'] = sorted([tp.partition, o] for tp, o in ends.items())
for _, c in members:
    c.close()
admin.close()
report(out)
