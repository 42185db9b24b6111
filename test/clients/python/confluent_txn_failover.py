"""A confluent-kafka transaction across the kill of its coordinator (line protocol on stdout).

Usage: confluent_txn_failover.py BOOTSTRAP TOPIC TRANSACTIONAL_ID
Opens a transaction with one record per partition and prints "OPEN"; on the line "commit" from
stdin (sent once the coordinator was killed) commits it, runs a second transaction, and prints
"RESULT<TAB>json" with the errors seen and what a read_committed consumer reads.
"""
import json
import sys

from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition

from common import until, text

bootstrap, topic, txn_id = sys.argv[1], sys.argv[2], sys.argv[3]
out = {}
p = Producer({'bootstrap.servers': bootstrap, 'transactional.id': txn_id, 'linger.ms': 5,
              'transaction.timeout.ms': 60000})
p.init_transactions(30)
p.begin_transaction()
for i in range(3):
    p.produce(topic, value='first-%d' % i, partition=i)
p.flush(30)
print('OPEN', flush=True)
sys.stdin.readline()


def attempt(fn):
    try:
        fn()
        return None
    except KafkaException as e:
        return e.args[0].name()


out['commit'] = attempt(lambda: p.commit_transaction(60))
p.begin_transaction()
for i in range(3):
    p.produce(topic, value='second-%d' % i, partition=i)
out['secondCommit'] = attempt(lambda: p.commit_transaction(60))

c = Consumer({'bootstrap.servers': bootstrap, 'group.id': txn_id + '-reader', 'auto.offset.reset': 'earliest',
              'isolation.level': 'read_committed', 'enable.auto.commit': False})
c.assign([TopicPartition(topic, i) for i in range(3)])
got = []


def step():
    m = c.poll(0.2)
    if m is not None and not m.error():
        got.append([m.partition(), text(m.value())])


try:
    until(lambda: len(got) >= 6, 60, 'six committed records', step)
except TimeoutError:
    # What the commits answered and what was read: a stuck marker shows as a partition missing.
    print('PARTIAL\t' + json.dumps({'commit': out.get('commit'), 'secondCommit': out.get('secondCommit'), 'read': sorted(got)}), file=sys.stderr, flush=True)
    raise
c.close()
out['read'] = sorted(got)
print('RESULT\t' + json.dumps(out, sort_keys=True), flush=True)
