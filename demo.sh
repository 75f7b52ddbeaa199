#!/usr/bin/env bash
# The quick start's main job: build the agent, then show it healing the idle worker against a
# private MariaDB that the demo starts itself (from Maven Central; nothing to install).
set -euo pipefail
cd "$(dirname "$0")"
mvn -q -B -DskipTests package
java -cp "test-apps/target/classes:$(cat test-apps/target/app-classpath.txt)" \
  dev.jdbcguard.apps.Demo agent/target/jdbc-guard-agent.jar
