"""confluent-kafka (librdkafka 2.x) transactions against the engine.

Usage: confluent_transactions.py BOOTSTRAP TOPIC
A transactional producer commits, aborts and commits again; a read_committed consumer reads only
the committed records, in order, and a read_uncommitted one all of them. A second producer with
the same transactional.id fences the first (a zombie), and a transaction left open past its
transaction.timeout.ms is aborted by the coordinator. Prints one JSON report
(test/clients/python-confluent-transactions.test.ts checks it).
"""
import sys

from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

from common import report, text, until

bootstrap, topic = sys.argv[1], sys.argv[2]
out = {}
admin = AdminClient({'bootstrap.servers': bootstrap})
admin.create_topics([NewTopic(topic, num_partitions=2, replication_factor=1)])[topic].result(15)


def error_of(fn):
    try:
        fn()
        return None
    except KafkaException as e:
        err = e.args[0]
        return {'name': err.name(), 'fatal': err.fatal(), 'abortable': err.txn_requires_abort()}


def producer(txn_id, **extra):
    conf = {'bootstrap.servers': bootstrap, 'transactional.id': txn_id, 'linger.ms': 5}
    conf.update(extra)
    return Producer(conf)


# Commit, abort, commit: keys pin the partitions.
p = producer(topic + '-tx')
p.init_transactions(30)
for batch, commit in ((['c1', 'c2', 'c3', 'c4'], True), (['a1', 'a2', 'a3', 'a4'], False), (['c5', 'c6'], True)):
    p.begin_transaction()
    for i, v in enumerate(batch):
        p.produce(topic, value=v, partition=i % 2)
    if commit:
        p.commit_transaction(30)
    else:
        p.flush(30)
        p.abort_transaction(30)


def read_all(isolation, expected):
    c = Consumer({'bootstrap.servers': bootstrap, 'group.id': topic + '-' + isolation, 'auto.offset.reset': 'earliest',
                  'isolation.level': isolation, 'enable.auto.commit': False})
    c.assign([TopicPartition(topic, 0), TopicPartition(topic, 1)])
    got = {0: [], 1: []}
    eof = set()

    def step():
        m = c.poll(0.2)
        if m is None:
            return
        if m.error():
            if m.error().code() == -191:  # _PARTITION_EOF
                eof.add(m.partition())
            return
        got[m.partition()].append(text(m.value()))

    until(lambda: sum(len(v) for v in got.values()) >= expected, 30, isolation + ' records', step)
    c.close()
    return got


out['committed'] = read_all('read_committed', 6)
out['uncommitted'] = read_all('read_uncommitted', 10)

# A zombie: a second instance with the same transactional.id takes over; the first is fenced.
z1 = producer(topic + '-zombie')
z1.init_transactions(30)
z1.begin_transaction()
z1.produce(topic, value='zombie', partition=0)
z1.flush(30)
z2 = producer(topic + '-zombie')
z2.init_transactions(30)
out['zombieCommit'] = error_of(lambda: z1.commit_transaction(30))
z2.begin_transaction()
z2.produce(topic, value='successor', partition=0)
z2.commit_transaction(30)

# A transaction open past its timeout: the coordinator aborts it and fences the producer.
t = producer(topic + '-slow', **{'transaction.timeout.ms': 1500})
t.init_transactions(30)
t.begin_transaction()
t.produce(topic, value='too-slow', partition=1)
t.flush(30)
# The abort marker moves the last stable offset past the record (queried read_committed).
probe = Consumer({'bootstrap.servers': bootstrap, 'group.id': topic + '-probe', 'isolation.level': 'read_committed'})
_, hw_before = probe.get_watermark_offsets(TopicPartition(topic, 1), timeout=10, cached=False)
until(lambda: probe.get_watermark_offsets(TopicPartition(topic, 1), timeout=10, cached=False)[1] >= hw_before + 2, 30,
      'the timed-out transaction to be aborted', None)
probe.close()
out['timedOutCommit'] = error_of(lambda: t.commit_transaction(30))

out['final'] = read_all('read_committed', 7)
report(out)
