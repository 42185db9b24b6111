#!/usr/bin/env bash
# The seed walkthrough: a Kafka CLI tutorial's commands in the order it writes them (topics,
# producer, producer with keys, consumer, consumer group, reset, delete), against the engine that
# the first tool call auto-starts on localhost:9092 (stop it afterwards with bin/kafka-server-stop).
# BOOTSTRAP=host:port runs it against another broker (no auto-start there).
set -euo pipefail
cd "$(dirname "$0")/.."
B="${BOOTSTRAP:-localhost:9092}"
run() { printf '\n$ %s\n' "$*"; "$@"; }
feed() { printf '\n$ printf %q | %s\n' "$1" "${*:2}"; printf "$1" | "${@:2}"; }
run bin/kafka-topics --bootstrap-server "$B" --create --topic first_topic --partitions 3 --replication-factor 1
run bin/kafka-topics --bootstrap-server "$B" --list
run bin/kafka-topics --bootstrap-server "$B" --describe --topic first_topic
feed 'Hello World\nMy name is kafka-local\n' bin/kafka-console-producer --bootstrap-server "$B" --topic first_topic --producer-property acks=all
feed 'example key:example value\nuser_id_1:learning Kafka\n' bin/kafka-console-producer --bootstrap-server "$B" --topic first_topic --property parse.key=true --property key.separator=:
run bin/kafka-console-consumer --bootstrap-server "$B" --topic first_topic --from-beginning --max-messages 4 \
  --formatter org.apache.kafka.tools.consumer.DefaultMessageFormatter --property print.timestamp=true --property print.key=true --property print.value=true --property print.partition=true
run bin/kafka-console-consumer --bootstrap-server "$B" --topic first_topic --group my-first-application --from-beginning --max-messages 4
run bin/kafka-consumer-groups --bootstrap-server "$B" --list
run bin/kafka-consumer-groups --bootstrap-server "$B" --describe --group my-first-application
run bin/kafka-consumer-groups --bootstrap-server "$B" --group my-first-application --reset-offsets --to-earliest --execute --topic first_topic
run bin/kafka-consumer-groups --bootstrap-server "$B" --describe --group my-first-application
run bin/kafka-topics --bootstrap-server "$B" --delete --topic first_topic
[ -n "${BOOTSTRAP:-}" ] || printf '\nThe engine keeps running in the background; stop it with bin/kafka-server-stop.\n'
