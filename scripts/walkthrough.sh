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
printf '\n$ %s\n' "printf 'k1:hello\nk2:world\n' | bin/kafka-console-producer --bootstrap-server localhost:9092 --topic first_topic --property parse.key=true --property key.separator=:"
printf 'k1:hello\nk2:world\n' | bin/kafka-console-producer --bootstrap-server localhost:9092 --topic first_topic --property parse.key=true --property key.separator=:
run bin/kafka-console-consumer --bootstrap-server localhost:9092 --topic first_topic --group my-first-application --from-beginning --max-messages 2 --property print.key=true
run bin/kafka-consumer-groups --bootstrap-server localhost:9092 --list
run bin/kafka-consumer-groups --bootstrap-server localhost:9092 --describe --group my-first-application
run bin/kafka-configs --bootstrap-server localhost:9092 --entity-type topics --entity-name first_topic --alter --add-config retention.ms=604800000
run bin/kafka-configs --bootstrap-server localhost:9092 --entity-type topics --entity-name first_topic --describe
run bin/kafka-get-offsets --bootstrap-server localhost:9092 --topic first_topic
printf '\nThe engine keeps running in the background; stop it with bin/kafka-server-stop.\n'
