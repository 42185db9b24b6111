"""End-to-end latency with librdkafka (confluent-kafka), a client we did not write, so that the
engine and Apache Kafka's broker are measured through the same code.

  python bench/e2e-latency.py consumer BOOTSTRAP TOPIC WARMUP COUNT [key=value ...]
  python bench/e2e-latency.py producer BOOTSTRAP TOPIC WARMUP COUNT RATE [key=value ...]

Run as two processes (each with its own interpreter lock): the consumer first, reading the topic
from the beginning (no group: assign()) and saying "ready" once a fetch has reached the end of the
empty log; the producer then sends WARMUP + COUNT records of 100 bytes at
RATE records/s (paced against a schedule, so a slow moment is followed by a catch-up burst, as
Kafka's own perf tools do), each carrying its sequence number and the CLOCK_MONOTONIC time of
its produce() call (system-wide on Linux, so both processes read the same clock). The consumer
takes receive time minus that time for every record after the first WARMUP (connection set-up,
metadata, the consumer's first fetches, the broker's warm-up) and prints one JSON line of
percentiles (ms) once it has COUNT records; the producer prints the rate it achieved. Extra key=value pairs go into that client's configuration
(the producer's settings here: linger.ms=0, acks=all; everything else librdkafka's defaults).
"""
import json
import struct
import sys
import time

from confluent_kafka import Consumer, KafkaError, Producer, TopicPartition, OFFSET_BEGINNING

SIZE = 100


def timer_slack(ns):
    """Linux lets a sleeping thread oversleep by its timer slack (50 us by default); at 100 us
    between records that is half an interval. Best effort: elsewhere sleeps stay as they are."""
    try:
        import ctypes
        ctypes.CDLL(None).prctl(29, ns, 0, 0, 0)  # PR_SET_TIMERSLACK
    except (OSError, AttributeError):
        pass


def props(extra):
    return dict(kv.split('=', 1) for kv in extra)


def consume(bootstrap, topic, warmup, count, extra):
    c = Consumer({'bootstrap.servers': bootstrap, 'group.id': 'e2e-latency', 'enable.auto.commit': False,
                  'enable.partition.eof': True, **props(extra)})
    c.assign([TopicPartition(topic, 0, OFFSET_BEGINNING)])
    # Ready once a fetch has reached the end of the (empty) log: before that the consumer may still
    # be waiting for the new topic's leader (Kafka's broker takes longer to have it than the
    # engine), and records produced meanwhile would count that wait as latency.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        m = c.poll(0.1)
        if m is not None and m.error() and m.error().code() == KafkaError._PARTITION_EOF:
            break
    else:
        sys.exit('the consumer never reached the end of the log')
    print('ready', flush=True)
    lat = []
    deadline = time.monotonic() + 120
    while len(lat) < count and time.monotonic() < deadline:
        # Wait for one record (poll returns as soon as it arrives), then take what else is
        # already queued without waiting: a batch call with a timeout would wait for its whole
        # batch, which would be counted as latency, and a poll per record costs this process
        # more time per record than it has at 10,000 records/s on a busy machine.
        first = c.poll(0.5)
        now = time.monotonic_ns()
        if first is None:
            continue
        for m in [first, *c.consume(num_messages=10000, timeout=0)]:
            if m.error():
                continue
            seq, sent = struct.unpack_from('>qq', m.value())
            if seq >= warmup:
                lat.append((now - sent) / 1e6)
    c.close()
    lat.sort()
    n = len(lat)

    def pct(p):
        return round(lat[min(n - 1, int(p * n))], 3) if n else None

    print(json.dumps({'records': n, 'p50': pct(0.5), 'p99': pct(0.99), 'p999': pct(0.999),
                      'max': round(lat[-1], 3) if n else None,
                      'avg': round(sum(lat) / n, 3) if n else None}), flush=True)


def produce(bootstrap, topic, warmup, count, rate, extra):
    p = Producer({'bootstrap.servers': bootstrap, 'linger.ms': 0, 'acks': 'all', **props(extra)})
    timer_slack(1_000)
    pad = b'x' * (SIZE - 16)
    start = time.monotonic_ns()
    interval = 1e9 / rate
    total = warmup + count
    for i in range(total):
        due = start + int(i * interval)
        now = time.monotonic_ns()
        if now < due:
            # Sleep until the record is due, however short the wait: spinning here kept a whole
            # core busy at 10,000 records/s (4.6-5.9 s of CPU in a 5 s run), half of this
            # machine, taken from the broker and the consumer being measured.
            time.sleep((due - now) / 1e9)
        p.produce(topic, struct.pack('>qq', i, time.monotonic_ns()) + pad, partition=0)
        p.poll(0)
    left = p.flush(30)
    if left:
        sys.exit(f'{left} records not acknowledged')
    print(json.dumps({'records': total, 'recordsPerSecond': round(total / ((time.monotonic_ns() - start) / 1e9))}), flush=True)


if __name__ == '__main__':
    role, bootstrap, topic, warmup, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    if role == 'consumer':
        consume(bootstrap, topic, warmup, count, sys.argv[6:])
    else:
        produce(bootstrap, topic, warmup, count, float(sys.argv[6]), sys.argv[7:])
