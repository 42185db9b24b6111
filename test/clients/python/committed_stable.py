"""confluent-kafka's committed() for a group, read_committed (librdkafka sends OffsetFetch with
require_stable) or read_uncommitted.

Usage: committed_stable.py BOOTSTRAP TOPIC GROUP ISOLATION TIMEOUT_S
Prints one JSON report: the committed offset of partition 0, or the error librdkafka gave.
"""
import sys

from confluent_kafka import Consumer, KafkaException, TopicPartition

from common import report

bootstrap, topic, group, isolation, timeout = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5])
c = Consumer({'bootstrap.servers': bootstrap, 'group.id': group, 'isolation.level': isolation, 'enable.auto.commit': False})
try:
    [tp] = c.committed([TopicPartition(topic, 0)], timeout=timeout)
    report({'offset': tp.offset, 'error': None if tp.error is None else tp.error.name()})
except KafkaException as e:
    report({'offset': None, 'error': e.args[0].name()})
finally:
    c.close()
