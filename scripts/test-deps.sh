#!/usr/bin/env bash
# What the tests need beyond `npm ci`, installed when missing (or a stop saying exactly what to
# run): kcat and chromium (Debian; the UI tests drive chromium through playwright-core), the
# reference Apache Kafka jars (Maven Central, scripts/reference.sh), the Python clients (PyPI, in a
# virtualenv) and the Go clients (Go module proxy). Everything
# fetched goes to caches outside the repository (KAFKA_LOCAL_TEST_CACHE, default
# ~/.cache/kafka-local-test; the jars in ~/.cache/kafka-local-reference).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${KAFKA_LOCAL_TEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kafka-local-test}"
mkdir -p "$CACHE"

die() { echo "test-deps: $*" >&2; exit 1; }

# Debian packages: installed when we may (root, apt-get), else the exact command to run.
apt_missing=()
need_pkg() { command -v "$1" >/dev/null 2>&1 || apt_missing+=("$2"); }
need_pkg kcat kcat
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || apt_missing+=(chromium)
need_pkg java openjdk-17-jdk-headless
need_pkg javac openjdk-17-jdk-headless
need_pkg mvn maven
need_pkg python3 python3-venv
need_pkg go golang-go
if [ "${#apt_missing[@]}" -gt 0 ]; then
  pkgs="$(printf '%s\n' "${apt_missing[@]}" | sort -u | tr '\n' ' ')"
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test-deps: installing $pkgs" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $pkgs >&2
  else
    die "the tests need: $pkgs. Run: sudo apt-get update && sudo apt-get install -y $pkgs"
  fi
fi

# The reference jars (Java client, Streams and Connect tests use them).
bash "$ROOT/scripts/reference.sh" fetch >/dev/null

# Python clients, in a virtualenv keyed by the requirements file.
req="$ROOT/test/clients/python/requirements.txt"
if [ -s "$req" ]; then
  stamp="$(sha256sum "$req" | cut -c1-16)"
  venv="$CACHE/venv"
  if [ "$(cat "$venv/.stamp" 2>/dev/null)" != "$stamp" ]; then
    rm -rf "$venv"
    python3 -m venv "$venv" || die "python3 -m venv failed: run sudo apt-get install -y python3-venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r "$req" >&2 || die "pip could not install test/clients/python/requirements.txt (is PyPI reachable?)"
    echo "$stamp" > "$venv/.stamp"
  fi
fi

# Go clients: the programs under test/clients/go, built once per source change.
if [ -f "$ROOT/test/clients/go/go.mod" ]; then
  stamp="$(cat "$ROOT"/test/clients/go/go.mod "$ROOT"/test/clients/go/go.sum "$ROOT"/test/clients/go/*/*.go 2>/dev/null | sha256sum | cut -c1-16)"
  bin="$CACHE/go-bin"
  if [ "$(cat "$bin/.stamp" 2>/dev/null)" != "$stamp" ]; then
    rm -rf "$bin"; mkdir -p "$bin"
    (cd "$ROOT/test/clients/go" && GOFLAGS=-mod=mod go build -o "$bin/" ./...) >&2 || die "go build of test/clients/go failed (is the Go module proxy reachable?)"
    echo "$stamp" > "$bin/.stamp"
  fi
fi
