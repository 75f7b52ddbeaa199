#!/usr/bin/env bash
# Runs the whole benchmark suite (issue 8) and writes docs/PERFORMANCE.md from what it measured:
# hot path on an in-memory driver (JMH), real-server loops through HikariCP, start-up, healing
# cost and memory; each without an agent, with jdbc-guard and with the OpenTelemetry agent.
# Needs Java 17 and Maven; starts its own MariaDB (from Maven Central, no Docker). About 15 min
# on 2 cores.
#
#   ./bench.sh                        # everything
#   ./bench.sh --only hot,memory      # some sections: hot, real, startup, healing, memory
#   ./bench.sh --quick                # smoke test: tiny iteration counts (numbers not meaningful)
set -euo pipefail
cd "$(dirname "$0")"
mvn -q -B -Pbench -DskipTests -pl benchmarks -am package
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/bench-classpath.txt)" \
  dev.jdbcguard.bench.Suite --agent agent/target/jdbc-guard-agent.jar \
  --otel benchmarks/target/otel/opentelemetry-javaagent.jar --out docs/PERFORMANCE.md "$@"
