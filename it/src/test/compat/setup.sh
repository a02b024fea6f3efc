#!/usr/bin/env bash
# Installs the independent Kafka clients the compatibility tests drive: kcat (librdkafka) and
# confluent-kafka-python from Debian's packages, node from Debian's packages and kafkajs from the npm
# registry. Safe to run again. Exits non-zero when a client cannot be installed: .ci/run then fails,
# because there the tests are told (STREAMBUS_COMPAT_REQUIRED=1) that every client must be present.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="$here/../../../target/compat"

missing=()
command -v kcat >/dev/null 2>&1 || missing+=(kcat)
/usr/bin/python3 -c 'import confluent_kafka' >/dev/null 2>&1 || missing+=(python3-confluent-kafka)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "compat: installing ${missing[*]} from Debian's packages" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "compat: ${missing[*]} missing and cannot be installed here (needs root and apt-get)" >&2
    exit 1
  fi
fi

mkdir -p "$target"
if [ ! -d "$target/node_modules/kafkajs" ]; then
  npm install --silent --no-audit --no-fund --prefix "$target" kafkajs@2.2.4 >/dev/null
fi
echo "compat: kcat $(kcat -V 2>/dev/null | sed -n 's/^Version \([^ ]*\).*/\1/p' | head -1)," \
  "confluent-kafka-python $(/usr/bin/python3 -c 'import confluent_kafka; print(confluent_kafka.version()[0])')," \
  "node $(node --version), kafkajs $(node -p "require('$target/node_modules/kafkajs/package.json').version")" >&2
