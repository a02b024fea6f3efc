#!/usr/bin/env bash
# Installs the independent Kafka clients the compatibility tests drive: kcat (librdkafka) from Debian's
# packages and kafkajs from the npm registry. Safe to run again; the tests skip a client that is missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="$here/../../../target/compat"

if ! command -v kcat >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq kcat >/dev/null
  else
    echo "compat: kcat not installed and cannot install it here; the librdkafka tests will be skipped" >&2
  fi
fi

if command -v npm >/dev/null 2>&1; then
  mkdir -p "$target"
  if [ ! -d "$target/node_modules/kafkajs" ]; then
    npm install --silent --no-audit --no-fund --prefix "$target" kafkajs@2.2.4 >/dev/null
  fi
else
  echo "compat: npm not installed; the kafkajs tests will be skipped" >&2
fi
