#!/usr/bin/env bash
# Runs the whole benchmark suite (issue 8) and writes docs/PERFORMANCE.md from what it measured:
# hot path on an in-memory driver (JMH), real-server loops through HikariCP, start-up, healing
# cost and memory; each without an agent, with jdbc-guard and with the OpenTelemetry agent.
# Needs Java 17 and Maven; starts its own MariaDB (from Maven Central, no Docker). About 33 min
# on 2 cores. Raw results (JMH logs and JSON, child JVM output) land in
# benchmarks/target/bench-results/.
#
#   ./bench.sh                        # everything
#   ./bench.sh --only hot,memory      # some sections: hot, real, startup, healing, memory
#   ./bench.sh --only logging --out /tmp/log.md   # the log destinations alone, 40 rounds (section 4c)
#   ./bench.sh --quick                # smoke test: tiny iteration counts (numbers not meaningful)
#   ./bench.sh --only startup --previous old.jar   # start-up also of an earlier build, in the same rounds
set -euo pipefail
cd "$(dirname "$0")"
mvn -q -B -Pbench -DskipTests -pl benchmarks -am package

# Run from a copy of what was just built, so that a build or `mvn clean` in this checkout while
# the suite runs (it takes a while) cannot pull classes or jars from under it.
run="$(mktemp -d "${TMPDIR:-/tmp}/jdbc-guard-bench.XXXXXX")"
trap 'rm -rf "$run"' EXIT
cp -r benchmarks/target/classes "$run/classes"
cp -p agent/target/jdbc-guard-agent.jar benchmarks/target/otel/opentelemetry-javaagent.jar "$run/"
cp_entries="$run/classes"
IFS=":" read -r -a entries < benchmarks/target/bench-classpath.txt || true  # no newline at its end
for entry in "${entries[@]}"; do
  case "$entry" in
    "$PWD"/*) cp "$entry" "$run/"; cp_entries="$cp_entries:$run/$(basename "$entry")" ;;
    *) cp_entries="$cp_entries:$entry" ;;
  esac
done

status=0
java -cp "$cp_entries" dev.jdbcguard.bench.Suite --agent "$run/jdbc-guard-agent.jar" \
  --otel "$run/opentelemetry-javaagent.jar" --work "$run/results" --out docs/PERFORMANCE.md "$@" || status=$?
mkdir -p benchmarks/target/bench-results
cp -r "$run/results/." benchmarks/target/bench-results/ 2>/dev/null || true
exit "$status"
