#!/usr/bin/env bash
# The reference Apache Kafka, run beside kafka-local: the judge of every text and behaviour.
#
#   scripts/reference.sh fetch [--legacy]        jars into the cache (Maven), the tool runner compiled
#   scripts/reference.sh classpath [--legacy]    the classpath (for javac/java of our own test programs)
#   scripts/reference.sh start [--nodes N] [--dedicated-controller] [--dir DIR] [--override K=V]...
#                                                a KRaft cluster (combined broker+controller nodes
#                                                1..N) on free loopback ports; prints bootstrap=,
#                                                dir=, pids= and writes DIR/cluster.env. With
#                                                --dedicated-controller: brokers 1..N (broker only)
#                                                and one controller process, node N+1, so killing
#                                                brokers never loses the quorum; also prints
#                                                bootstrap_controller=, broker_pids= (node 1..N
#                                                in order) and controller_pid=
#                                                --override K=V (repeatable, not with
#                                                --dedicated-controller): a broker setting added to
#                                                every node's server.properties, for what cannot be
#                                                changed dynamically (e.g. delete.topic.enable=false)
#   scripts/reference.sh start-legacy [--dir DIR]
#                                                ZooKeeper and a Kafka 2.8.2 broker (broker.id 1,
#                                                as the engine's node id, so ids in texts agree)
#   scripts/reference.sh stop DIR                stops what start wrote into DIR (by PID)
#   scripts/reference.sh restart DIR NODE        starts node NODE of that cluster again (after a
#                                                kill -9, to watch it rejoin); its new PID goes
#                                                into DIR/cluster.env
#   scripts/reference.sh tool [--legacy] NAME ARG...
#                                                one of Kafka's tools (test/reference/tools.tsv), e.g.
#                                                tool kafka-topics --bootstrap-server ... --list
#   scripts/reference.sh runner [--legacy]       the long-lived tool runner (see ToolRunner.java)
#
# KAFKA_VERSION pins the release: by default the one our tools follow (KAFKA_VERSION in
# src/cli/version.ts, the one place it is written);
# connect-file and kafka-streams-examples come from PLUGINS_VERSION, the newest release that
# Maven Central serves them at. Everything goes to a cache outside the repository
# (KAFKA_LOCAL_REFERENCE_HOME, default ~/.cache/kafka-local-reference) and Maven's own cache.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KAFKA_VERSION="${KAFKA_VERSION:-$(sed -n "s/^export const KAFKA_VERSION = '\(.*\)';$/\1/p" "$ROOT/src/cli/version.ts")}"
[ -n "$KAFKA_VERSION" ] || { echo "reference.sh: no KAFKA_VERSION in src/cli/version.ts" >&2; exit 1; }
PLUGINS_VERSION="${PLUGINS_VERSION:-4.3.1}"
LEGACY_VERSION="2.8.2"

REF="$ROOT/test/reference"
HOME_DIR="${KAFKA_LOCAL_REFERENCE_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/kafka-local-reference}"

die() { echo "reference.sh: $*" >&2; exit 1; }

legacy=0
version_dir() { if [ "$legacy" = 1 ]; then echo "$HOME_DIR/kafka-$LEGACY_VERSION"; else echo "$HOME_DIR/kafka-$KAFKA_VERSION"; fi; }
libs() { echo "$(version_dir)/libs"; }
runner_dir() { echo "$(version_dir)/runner"; }

need() { command -v "$1" >/dev/null 2>&1 || die "$1 is needed: $2"; }

fetch() {
  need java "install a JDK 17 (apt-get install -y openjdk-17-jdk-headless)"
  need javac "install a JDK 17 (apt-get install -y openjdk-17-jdk-headless)"
  local dir libdir pom stamp
  dir="$(version_dir)"; libdir="$(libs)"
  if [ "$legacy" = 1 ]; then pom="$REF/pom-legacy.xml"; stamp="$LEGACY_VERSION"; else pom="$REF/pom.xml"; stamp="$KAFKA_VERSION+$PLUGINS_VERSION"; fi
  if [ ! -f "$libdir/.complete" ] || [ "$(cat "$libdir/.complete")" != "$stamp" ]; then
    need mvn "install Maven (apt-get install -y maven)"
    rm -rf "$libdir.tmp"
    mkdir -p "$dir"
    local props=()
    [ "$legacy" = 1 ] || props=("-Dkafka.version=$KAFKA_VERSION" "-Dplugins.version=$PLUGINS_VERSION")
    # -f with a copy: Maven writes target/ beside the pom, which must stay out of the repository.
    cp "$pom" "$dir/pom.xml"
    mvn -q -B -Dstyle.color=never -f "$dir/pom.xml" "${props[@]}" dependency:copy-dependencies -DoutputDirectory="$libdir.tmp" >&2 \
      || die "Maven could not fetch the reference jars (is Maven Central reachable?)"
    rm -rf "$libdir" "$dir/target"
    mv "$libdir.tmp" "$libdir"
    echo "$stamp" > "$libdir/.complete"
  fi
  local rdir src
  rdir="$(runner_dir)"; src="$REF/java/ToolRunner.java"
  if [ ! -f "$rdir/ToolRunner.class" ] || [ "$src" -nt "$rdir/ToolRunner.class" ]; then
    mkdir -p "$rdir"
    javac -nowarn -d "$rdir" -cp "$libdir/*" "$src" >&2
  fi
}

classpath() { echo "$(libs)/*"; }

log4j_opts() {
  if [ "$legacy" = 1 ]; then echo "-Dlog4j.configuration=file:$REF/config/$1.properties"
  else echo "-Dlog4j2.configurationFile=$REF/config/$1.properties"; fi
}

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

wait_port() { # port pid log
  local deadline=$((SECONDS + 90))
  until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
    kill -0 "$2" 2>/dev/null || { tail -n 30 "$3" >&2; die "the process $2 ended before port $1 accepted connections (log: $3)"; }
    [ "$SECONDS" -lt "$deadline" ] || die "port $1 did not accept connections within 90 s (log: $3)"
    sleep 0.2
  done
}

JVM_OPTS=(-Xmx512M -Xms256M -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true)

start() {
  local nodes=1 dir="" dedicated=0 overrides=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --nodes) nodes="$2"; shift 2;;
      --override) [[ "$2" == *=* ]] || die "start: --override takes KEY=VALUE"; overrides+=("$2"); shift 2;;
      --dir) dir="$2"; shift 2;;
      --dedicated-controller) dedicated=1; shift;;
      *) die "start: unknown option $1";;
    esac
  done
  fetch
  [ -n "$dir" ] || dir="$(mktemp -d "${TMPDIR:-/tmp}/kafka-reference-XXXXXX")"
  mkdir -p "$dir"
  if [ "$dedicated" = 1 ]; then
    [ "${#overrides[@]}" = 0 ] || die "start: --override is not supported with --dedicated-controller"
    start_dedicated "$nodes" "$dir"; return
  fi
  local cp; cp="$(classpath)"
  local ports=() cports=() voters=""
  for i in $(seq 1 "$nodes"); do ports+=("$(free_port)"); cports+=("$(free_port)"); done
  for i in $(seq 1 "$nodes"); do voters+="${voters:+,}$i@localhost:${cports[$((i-1))]}"; done
  local cluster_id; cluster_id="$(java $(log4j_opts tools-log4j2) -cp "$cp" kafka.tools.StorageTool random-uuid)"
  local pids=() bootstrap=""
  for i in $(seq 1 "$nodes"); do
    local ndir="$dir/node-$i" quorum rf=1
    mkdir -p "$ndir"
    if [ "$nodes" = 1 ]; then quorum="controller.quorum.bootstrap.servers=localhost:${cports[0]}"
    else quorum="controller.quorum.voters=$voters"; rf=3; fi
    sed -e "s#@NODE_ID@#$i#; s#@QUORUM@#$quorum#; s#@PORT@#${ports[$((i-1))]}#g; s#@CONTROLLER_PORT@#${cports[$((i-1))]}#g; s#@LOG_DIR@#$ndir/data#; s#@RF@#$rf#g" \
      "$REF/config/server.properties" > "$ndir/server.properties"
    # Later lines win in a properties file: an override replaces the template's value.
    for o in ${overrides[@]+"${overrides[@]}"}; do echo "$o" >> "$ndir/server.properties"; done
    local standalone=(); [ "$nodes" = 1 ] && standalone=(--standalone)
    java $(log4j_opts tools-log4j2) -cp "$cp" kafka.tools.StorageTool format "${standalone[@]}" -t "$cluster_id" -c "$ndir/server.properties" > "$ndir/format.out" 2>&1 \
      || { cat "$ndir/format.out" >&2; die "kafka-storage format failed for node $i"; }
    java "${JVM_OPTS[@]}" "-Dkafka.logs.dir=$ndir" $(log4j_opts log4j2) -cp "$cp" kafka.Kafka "$ndir/server.properties" \
      > "$ndir/kafkaServer.out" 2>&1 < /dev/null &
    pids+=("$!")
    bootstrap+="${bootstrap:+,}127.0.0.1:${ports[$((i-1))]}"
  done
  for i in $(seq 1 "$nodes"); do wait_port "${ports[$((i-1))]}" "${pids[$((i-1))]}" "$dir/node-$i/server.log"; done
  {
    echo "bootstrap=$bootstrap"
    echo "dir=$dir"
    echo "pids=${pids[*]}"
    echo "ports=${ports[*]}"
    echo "cluster_id=$cluster_id"
  } | tee "$dir/cluster.env"
}

# Brokers 1..N (process.roles=broker) and one controller, node N+1 (process.roles=controller,
# a standalone dynamic quorum as Kafka's quickstart formats it): the layout of Kafka's production
# docs, where the quorum survives any broker's death.
start_dedicated() { # nodes dir
  local nodes="$1" dir="$2"
  local cp; cp="$(classpath)"
  local cid=$((nodes + 1)) cport; cport="$(free_port)"
  local ports=() rf=$(( nodes < 3 ? nodes : 3 ))
  for i in $(seq 1 "$nodes"); do ports+=("$(free_port)"); done
  local cluster_id; cluster_id="$(java $(log4j_opts tools-log4j2) -cp "$cp" kafka.tools.StorageTool random-uuid)"
  local cdir="$dir/controller-$cid"
  mkdir -p "$cdir"
  sed -e "s#@NODE_ID@#$cid#; s#@CONTROLLER_PORT@#$cport#g; s#@LOG_DIR@#$cdir/data#" \
    "$REF/config/controller.properties" > "$cdir/server.properties"
  java $(log4j_opts tools-log4j2) -cp "$cp" kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$cdir/server.properties" > "$cdir/format.out" 2>&1 \
    || { cat "$cdir/format.out" >&2; die "kafka-storage format failed for the controller"; }
  java "${JVM_OPTS[@]}" "-Dkafka.logs.dir=$cdir" $(log4j_opts log4j2) -cp "$cp" kafka.Kafka "$cdir/server.properties" \
    > "$cdir/kafkaServer.out" 2>&1 < /dev/null &
  local cpid=$!
  # Written at once so that stop finds every process even if a broker fails to start.
  echo "pids=$cpid" > "$dir/cluster.env"
  wait_port "$cport" "$cpid" "$cdir/server.log"
  local pids=() bootstrap=""
  for i in $(seq 1 "$nodes"); do
    local ndir="$dir/node-$i"
    mkdir -p "$ndir"
    sed -e "s#@NODE_ID@#$i#; s#@PORT@#${ports[$((i-1))]}#g; s#@CONTROLLER_PORT@#$cport#g; s#@LOG_DIR@#$ndir/data#; s#@RF@#$rf#g" \
      "$REF/config/broker.properties" > "$ndir/server.properties"
    java $(log4j_opts tools-log4j2) -cp "$cp" kafka.tools.StorageTool format -t "$cluster_id" -c "$ndir/server.properties" > "$ndir/format.out" 2>&1 \
      || { cat "$ndir/format.out" >&2; die "kafka-storage format failed for node $i"; }
    java "${JVM_OPTS[@]}" "-Dkafka.logs.dir=$ndir" $(log4j_opts log4j2) -cp "$cp" kafka.Kafka "$ndir/server.properties" \
      > "$ndir/kafkaServer.out" 2>&1 < /dev/null &
    pids+=("$!")
    echo "pids=${pids[*]} $cpid" > "$dir/cluster.env"
    bootstrap+="${bootstrap:+,}127.0.0.1:${ports[$((i-1))]}"
  done
  for i in $(seq 1 "$nodes"); do wait_port "${ports[$((i-1))]}" "${pids[$((i-1))]}" "$dir/node-$i/server.log"; done
  {
    echo "bootstrap=$bootstrap"
    echo "bootstrap_controller=127.0.0.1:$cport"
    echo "dir=$dir"
    echo "pids=${pids[*]} $cpid"
    echo "broker_pids=${pids[*]}"
    echo "controller_pid=$cpid"
    echo "controller_id=$cid"
    echo "ports=${ports[*]}"
    echo "cluster_id=$cluster_id"
  } | tee "$dir/cluster.env"
}

start_legacy() {
  local dir=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --dir) dir="$2"; shift 2;;
      *) die "start-legacy: unknown option $1";;
    esac
  done
  legacy=1
  fetch
  [ -n "$dir" ] || dir="$(mktemp -d "${TMPDIR:-/tmp}/kafka-reference-legacy-XXXXXX")"
  mkdir -p "$dir/zookeeper" "$dir/node-1"
  local cp zk port; cp="$(classpath)"; zk="$(free_port)"; port="$(free_port)"
  java -Xmx128M "-Dkafka.logs.dir=$dir/zookeeper" $(log4j_opts log4j) -cp "$cp" \
    org.apache.zookeeper.server.ZooKeeperServerMain "$zk" "$dir/zookeeper/data" > "$dir/zookeeper/zookeeper.out" 2>&1 < /dev/null &
  local zkpid=$!
  wait_port "$zk" "$zkpid" "$dir/zookeeper/server.log"
  sed -e "s#@NODE_ID@#1#; s#@PORT@#$port#g; s#@LOG_DIR@#$dir/node-1/data#; s#@ZK_PORT@#$zk#" \
    "$REF/config/server-legacy.properties" > "$dir/node-1/server.properties"
  java "${JVM_OPTS[@]}" "-Dkafka.logs.dir=$dir/node-1" $(log4j_opts log4j) -cp "$cp" kafka.Kafka "$dir/node-1/server.properties" \
    > "$dir/node-1/kafkaServer.out" 2>&1 < /dev/null &
  local kpid=$!
  wait_port "$port" "$kpid" "$dir/node-1/server.log"
  {
    echo "bootstrap=127.0.0.1:$port"
    echo "zookeeper=127.0.0.1:$zk"
    echo "dir=$dir"
    echo "pids=$kpid $zkpid"
    echo "ports=$port"
  } | tee "$dir/cluster.env"
}

stop() {
  local dir="${1:-}"
  [ -n "$dir" ] && [ -f "$dir/cluster.env" ] || die "stop: give the directory that start printed (it holds cluster.env)"
  local pids; pids="$(sed -n 's/^pids=//p' "$dir/cluster.env")"
  for pid in $pids; do kill -TERM "$pid" 2>/dev/null || true; done
  local deadline=$((SECONDS + 30))
  for pid in $pids; do
    while kill -0 "$pid" 2>/dev/null; do
      if [ "$SECONDS" -ge "$deadline" ]; then kill -KILL "$pid" 2>/dev/null || true; break; fi
      sleep 0.1
    done
  done
}

restart() {
  local dir="${1:-}" node="${2:-}"
  [ -n "$dir" ] && [ -f "$dir/cluster.env" ] && [ -n "$node" ] || die "restart: give the cluster's directory and a node id"
  local ndir="$dir/node-$node"
  [ -f "$ndir/server.properties" ] || die "restart: no node $node in $dir"
  local port; port="$(sed -n 's/^listeners=PLAINTEXT:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$ndir/server.properties")"
  java "${JVM_OPTS[@]}" "-Dkafka.logs.dir=$ndir" $(log4j_opts log4j2) -cp "$(classpath)" kafka.Kafka "$ndir/server.properties" \
    >> "$ndir/kafkaServer.out" 2>&1 < /dev/null &
  local pid=$!
  local brokers; read -r -a brokers <<< "$(sed -n 's/^broker_pids=//p' "$dir/cluster.env")"
  [ "${#brokers[@]}" -ge "$node" ] && brokers[$((node - 1))]=$pid
  {
    echo "pids=$(sed -n 's/^pids=//p' "$dir/cluster.env") $pid"
    [ "${#brokers[@]}" -gt 0 ] && echo "broker_pids=${brokers[*]}"
    grep -v '^pids=\|^broker_pids=' "$dir/cluster.env"
  } > "$dir/cluster.env.tmp"
  mv "$dir/cluster.env.tmp" "$dir/cluster.env"
  wait_port "$port" "$pid" "$ndir/server.log"
  echo "node=$node pid=$pid port=$port"
}

tool_class() { # name -> main class, from tools.tsv
  local col=2; [ "$legacy" = 1 ] && col=3
  local cls; cls="$(awk -F'\t' -v n="${1%.sh}" -v c="$col" '$1 == n { print $c }' "$REF/tools.tsv")"
  [ -n "$cls" ] && [ "$cls" != "-" ] || die "no such tool in test/reference/tools.tsv: $1"
  echo "$cls"
}

tool() {
  [ "${1:-}" = "--legacy" ] && { legacy=1; shift; }
  [ $# -ge 1 ] || die "tool: name the tool"
  fetch
  local cls; cls="$(tool_class "$1")"; shift
  local logcfg=tools-log4j2; [ "$legacy" = 1 ] && logcfg=tools-log4j
  exec java -Xmx256M $(log4j_opts "$logcfg") -cp "$(runner_dir):$(classpath)" ToolRunner --once "$cls" "$@"
}

runner() {
  [ "${1:-}" = "--legacy" ] && { legacy=1; shift; }
  fetch
  local logcfg=tools-log4j2; [ "$legacy" = 1 ] && logcfg=tools-log4j
  exec java -Xmx512M -XX:+UseSerialGC $(log4j_opts "$logcfg") -cp "$(runner_dir):$(classpath)" ToolRunner
}

cmd="${1:-}"; [ $# -gt 0 ] && shift
case "$cmd" in
  fetch) [ "${1:-}" = "--legacy" ] && legacy=1; fetch; echo "$(libs)";;
  classpath) [ "${1:-}" = "--legacy" ] && legacy=1; fetch; classpath;;
  start) start "$@";;
  start-legacy) start_legacy "$@";;
  stop) stop "$@";;
  restart) restart "$@";;
  tool) tool "$@";;
  runner) runner "$@";;
  tool-class) [ "${1:-}" = "--legacy" ] && { legacy=1; shift; }; tool_class "$1";;
  *) sed -n '2,28p' "$0" >&2; exit 1;;
esac
