#!/usr/bin/env bash
# The seed walkthrough, as a Kafka tutorial runs it, against the engine that the first tool
# call auto-starts on localhost:9092 (stop it afterwards with bin/kafka-server-stop).
set -euo pipefail
cd "$(dirname "$0")/.."
run() { printf '\n$ %s\n' "$*"; "$@"; }
run bin/kafka-topics --bootstrap-server localhost:9092 --create --topic first_topic --partitions 3 --replication-factor 1 --if-not-exists
run bin/kafka-topics --bootstrap-server localhost:9092 --list
run bin/kafka-topics --bootstrap-server localhost:9092 --describe --topic first_topic
run bin/kafka-topics --zookeeper 127.0.0.1:2181 --list
