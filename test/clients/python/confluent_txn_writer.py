"""confluent-kafka (librdkafka) transactions written for a reader under test (our client's).

Usage: confluent_txn_writer.py BOOTSTRAP TOPIC
Into partition 0 of TOPIC (made by the caller): a committed transaction of c1..c3, an aborted one
of a1..a3, a committed one of c4. Prints one JSON report: {"done": true}.
"""
import sys

from confluent_kafka import Producer

from common import report

bootstrap, topic = sys.argv[1], sys.argv[2]
p = Producer({'bootstrap.servers': bootstrap, 'transactional.id': topic + '-writer', 'linger.ms': 5})
p.init_transactions(30)
for values, commit in ((['c1', 'c2', 'c3'], True), (['a1', 'a2', 'a3'], False), (['c4'], True)):
    p.begin_transaction()
    for v in values:
        p.produce(topic, v.encode(), partition=0)
    p.flush(30)
    if commit:
        p.commit_transaction(30)
    else:
        p.abort_transaction(30)
report({'done': True})
