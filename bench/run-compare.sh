#!/usr/bin/env bash
# StreamBus and Apache Kafka side by side on this machine: builds StreamBus (cli/target/streambus.jar),
# resolves Apache Kafka's broker from Maven Central into bench/target/kafka.classpath (profile
# bench-kafka), then runs the harness. Arguments go to the harness: --rounds N, --quick, --setups, ...
# Output: docs/benchmarks/report.md, results.csv and PNG charts. See docs/benchmarks.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../bin/find-jdk
source "$root/bin/find-jdk"
JAVA_HOME="$(streambus_find_jdk)"
export JAVA_HOME
cd "$root"
if [ "${SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -B -q -Pbench-kafka -pl cli,bench -am package -DskipTests
fi
# The launcher creates StreamBus's AOT start-up cache on its first run after a build; the harness uses it
# as users get it.
"$root/streambus" version >/dev/null
# The harness measures latency in its own JVM: a low-pause collector keeps its pauses out of the figures.
exec "$JAVA_HOME/bin/java" -XX:+UseZGC -Xms512m -Xmx1g -jar bench/target/compare.jar --home "$root" "$@"
