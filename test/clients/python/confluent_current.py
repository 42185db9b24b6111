"""confluent-kafka (librdkafka 2.x) against the engine: admin, produce, a two-member group.

Usage: confluent_current.py BOOTSTRAP TOPIC COMPRESSION
Prints one JSON report (see test/clients/python-confluent.test.ts for what is checked).
"""
import sys

import confluent_kafka
from confluent_kafka import Consumer, ConsumerGroupTopicPartitions, KafkaError, Producer, TopicCollection, TopicPartition
from confluent_kafka.admin import (AdminClient, AlterConfigOpType, ConfigEntry, ConfigResource, NewPartitions,
                                   NewTopic, OffsetSpec)

from common import report, text, until

bootstrap, topic, compression = sys.argv[1], sys.argv[2], sys.argv[3]
group = topic + '-group'
out = {'version': confluent_kafka.__version__, 'librdkafka': confluent_kafka.libversion()[0]}
admin = AdminClient({'bootstrap.servers': bootstrap})

# Admin: create (with a config), list, describe configs, alter incrementally, add partitions.
admin.create_topics([NewTopic(topic, num_partitions=2, replication_factor=1,
                              config={'retention.ms': '3600000'})])[topic].result(15)
dup = admin.create_topics([NewTopic(topic, num_partitions=2, replication_factor=1)])[topic]
try:
    dup.result(15)
    out['duplicate'] = None
except Exception as e:  # KafkaException wrapping TOPIC_ALREADY_EXISTS
    out['duplicate'] = e.args[0].name()
admin.create_partitions([NewPartitions(topic, 3)])[topic].result(15)
md = admin.list_topics(timeout=15)
out['topics'] = sorted(t for t in md.topics if not t.startswith('__'))
out['partitions'] = sorted(md.topics[topic].partitions)
desc = admin.describe_topics(TopicCollection([topic]))[topic].result(15)
out['described'] = {'name': desc.name, 'internal': desc.is_internal, 'topicId': str(desc.topic_id),
                    'partitions': [[p.id, p.leader.id, [r.id for r in p.replicas], [r.id for r in p.isr]] for p in desc.partitions]}
res = ConfigResource(ConfigResource.Type.TOPIC, topic)
out['retention'] = admin.describe_configs([res])[res].result(15)['retention.ms'].value
alter = ConfigResource(ConfigResource.Type.TOPIC, topic, incremental_configs=[
    ConfigEntry('max.message.bytes', '2000000', incremental_operation=AlterConfigOpType.SET)])
admin.incremental_alter_configs([alter])[alter].result(15)
cfg = admin.describe_configs([res])[res].result(15)
out['maxMessageBytes'] = [cfg['max.message.bytes'].value, cfg['max.message.bytes'].source]

# Produce: keys (librdkafka's default partitioner, consistent_random: CRC32 of the key),
# headers, acks=all, idempotence, the codec asked for.
delivered = []


def on_delivery(err, msg):
    delivered.append({'error': None if err is None else err.name(), 'key': text(msg.key()), 'value': text(msg.value()),
                      'partition': msg.partition(), 'offset': msg.offset()})


p = Producer({'bootstrap.servers': bootstrap, 'acks': 'all', 'enable.idempotence': True,
              'compression.type': compression, 'linger.ms': 20})
for i in range(30):
    p.produce(topic, key='key-%d' % (i % 6), value='value-%d' % i, headers=[('n', str(i).encode()), ('empty', None)],
              on_delivery=on_delivery)
p.flush(20)
out['delivered'] = delivered

# A group of two members: the first takes all partitions, the second joins (a rebalance), both
# consume and commit synchronously.
members = []
assignments = {}


def member(name):
    def on_assign(c, partitions):
        assignments[name] = sorted(tp.partition for tp in partitions)

    def on_revoke(c, partitions):
        assignments[name] = []

    c = Consumer({'bootstrap.servers': bootstrap, 'group.id': group, 'auto.offset.reset': 'earliest',
                  'enable.auto.commit': False, 'partition.assignment.strategy': 'range',
                  'session.timeout.ms': 10000, 'heartbeat.interval.ms': 500})
    c.subscribe([topic], on_assign=on_assign, on_revoke=on_revoke)
    members.append((name, c))
    return c


consumed = []


def poll_all():
    for name, c in members:
        m = c.poll(0.05)
        if m is None:
            continue
        if m.error():
            if m.error().code() != KafkaError._PARTITION_EOF:
                raise RuntimeError(m.error().str())
            continue
        consumed.append({'member': name, 'key': text(m.key()), 'value': text(m.value()), 'partition': m.partition(),
                         'offset': m.offset(), 'headers': [[k, text(v)] for k, v in (m.headers() or [])]})
        c.commit(message=m, asynchronous=False)


member('a')
until(lambda: len(assignments.get('a', [])) == 3, 30, 'the first member to get all partitions', poll_all)
out['assignedAlone'] = assignments['a']
member('b')
until(lambda: assignments.get('a') and assignments.get('b')
      and sorted(assignments['a'] + assignments['b']) == [0, 1, 2], 30, 'a rebalance over both members', poll_all)
out['assignedTogether'] = {k: v for k, v in assignments.items()}
until(lambda: len(consumed) >= 30, 30, 'all 30 records', poll_all)
out['consumed'] = consumed

# Admin views of the group: its members and committed offsets, and the topic's end offsets.
desc = admin.describe_consumer_groups([group])[group].result(15)
out['groupState'] = str(desc.state).split('.')[-1]
out['groupMembers'] = len(desc.members)
committed = admin.list_consumer_group_offsets([ConsumerGroupTopicPartitions(group)])[group].result(15)
out['committed'] = sorted([tp.partition, tp.offset] for tp in committed.topic_partitions)
ends = admin.list_offsets({TopicPartition(topic, i): OffsetSpec.latest() for i in range(3)})
out['endOffsets'] = sorted([tp.partition, f.result(15).offset] for tp, f in ends.items())
for _, c in members:
    c.close()
report(out)
