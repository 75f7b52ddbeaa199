package dev.jdbcguard.bench;

import java.util.List;

/** One way of running the measured program: its name in the tables and the JVM arguments that make it so. */
record Variant(String name, List<String> jvmArgs) {
}
