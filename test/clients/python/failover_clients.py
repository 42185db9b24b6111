"""confluent-kafka (librdkafka) or kafka-python across a broker failover, driven through stdin.

Usage: failover_clients.py confluent|kafka-python produce BOOTSTRAP TOPIC
       failover_clients.py confluent|kafka-python consume BOOTSTRAP TOPIC GROUP
Speaks the line protocol of test/clients/java/FailoverClients.java: ACK/ERR per record produced
(acks=all, idempotent, the library's default retries), ASSIGNED/REC per assignment and record
consumed (a group from the earliest offset, synchronous commits after each batch), DONE after
close; a "stop" line on stdin (or its end) ends the run.
"""
import sys
import threading
import time

library, mode, bootstrap, topic = sys.argv[1:5]
group = sys.argv[5] if len(sys.argv) > 5 else None
stop = threading.Event()
lock = threading.Lock()


def out(*fields):
    with lock:
        sys.stdout.write('\t'.join(str(f).replace('\n', ' ').replace('\t', ' ') for f in fields) + '\n')
        sys.stdout.flush()


def watch_stdin():
    for line in sys.stdin:
        if line.strip() == 'stop':
            break
    stop.set()


threading.Thread(target=watch_stdin, daemon=True).start()
state = {'sent': 0, 'done': 0}


def outstanding():
    return state['sent'] - state['done']


def acked(value, partition, offset):
    out('ACK', value, partition, offset)
    state['done'] += 1


def failed(value, error):
    out('ERR', value, error)
    state['done'] += 1


def confluent_produce():
    from confluent_kafka import Producer
    p = Producer({'bootstrap.servers': bootstrap, 'acks': 'all', 'enable.idempotence': True, 'linger.ms': 5,
                  'client.id': 'failover-producer'})

    def report(err, msg):
        value = msg.value().decode()
        if err is not None:
            failed(value, err)
        else:
            acked(value, msg.partition(), msg.offset())

    while not stop.is_set():
        if outstanding() >= 500:
            p.poll(0.01)  # serves delivery reports; returns as soon as one arrives
            continue
        value = 'c%d' % state['sent']
        state['sent'] += 1
        p.produce(topic, value=value.encode(), on_delivery=report)
        p.poll(0)
    p.flush(120)


def kafka_python_produce():
    from kafka import KafkaProducer
    p = KafkaProducer(bootstrap_servers=bootstrap, acks='all', enable_idempotence=True, linger_ms=5,
                      client_id='failover-producer')
    while not stop.is_set():
        if outstanding() >= 500:
            time.sleep(0.001)  # the sender thread answers the futures
            continue
        value = 'k%d' % state['sent']
        state['sent'] += 1
        f = p.send(topic, value=value.encode())
        f.add_callback(lambda md, v=value: acked(v, md.partition, md.offset))
        f.add_errback(lambda e, v=value: failed(v, repr(e)))
    p.flush(120)
    p.close(30)


def confluent_consume():
    from confluent_kafka import Consumer
    c = Consumer({'bootstrap.servers': bootstrap, 'group.id': group, 'auto.offset.reset': 'earliest',
                  'enable.auto.commit': False, 'client.id': group + '-consumer'})
    c.subscribe([topic], on_assign=lambda consumer, parts: out('ASSIGNED', sorted(tp.partition for tp in parts)))
    while not stop.is_set():
        msgs = c.consume(num_messages=500, timeout=0.1)
        got = False
        for m in msgs:
            if m.error():
                out('WARN', 'consume', m.error())
                continue
            got = True
            out('REC', m.partition(), m.offset(), m.value().decode())
        if got:
            try:
                c.commit(asynchronous=False)
            except Exception as e:  # noqa: BLE001 - reported, the run goes on
                out('WARN', 'commit', e)
    c.close()


def kafka_python_consume():
    from kafka import KafkaConsumer
    from kafka.consumer.subscription_state import ConsumerRebalanceListener

    class Listener(ConsumerRebalanceListener):
        def on_partitions_revoked(self, revoked):
            pass

        def on_partitions_assigned(self, assigned):
            out('ASSIGNED', sorted(tp.partition for tp in assigned))

    c = KafkaConsumer(bootstrap_servers=bootstrap, group_id=group, auto_offset_reset='earliest',
                      enable_auto_commit=False, client_id=group + '-consumer')
    c.subscribe([topic], listener=Listener())
    while not stop.is_set():
        batches = c.poll(timeout_ms=100)
        for records in batches.values():
            for r in records:
                out('REC', r.partition, r.offset, r.value.decode())
        if batches:
            try:
                c.commit()
            except Exception as e:  # noqa: BLE001 - reported, the run goes on
                out('WARN', 'commit', repr(e))
    c.close()


{('confluent', 'produce'): confluent_produce, ('kafka-python', 'produce'): kafka_python_produce,
 ('confluent', 'consume'): confluent_consume, ('kafka-python', 'consume'): kafka_python_consume}[(library, mode)]()
out('DONE')
