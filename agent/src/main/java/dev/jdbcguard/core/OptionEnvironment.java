package dev.jdbcguard.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Options from environment variables, so that a container sets them without touching the command
 * line ({@code JAVA_TOOL_OPTIONS=-javaagent:...} plus {@code JDBCGUARD_VALIDATE_AFTER=5s}). Each
 * option's name in upper snake case after {@link #PREFIX}; a variable with that prefix that names
 * no option is a typo until shown otherwise, and is reported.
 */
final class OptionEnvironment {

    static final String PREFIX = "JDBCGUARD_";

    /**
     * Variables of this project that are not options: the test fixture's server
     * (test-apps' TestServers). Reporting them would teach operators to ignore the warning.
     */
    private static final List<String> NOT_OPTIONS = Collections.singletonList("JDBCGUARD_TEST_URL");

    private OptionEnvironment() {
    }

    /** validateAfter -> JDBCGUARD_VALIDATE_AFTER. */
    static String variable(String option) {
        StringBuilder name = new StringBuilder(PREFIX);
        for (int i = 0; i < option.length(); i++) {
            char c = option.charAt(i);
            if (Character.isUpperCase(c)) {
                name.append('_');
            }
            name.append(Character.toUpperCase(c));
        }
        return name.toString();
    }

    /**
     * The variable's value, or null when unset or blank: an orchestrator writes
     * {@code JDBCGUARD_HEAL=${HEAL}} with HEAL unset, which means "not set", not "set to nothing".
     */
    static String value(Map<String, String> environment, String option) {
        String value = environment.get(variable(option));
        return value == null || value.trim().isEmpty() ? null : value.trim();
    }

    /** This process's environment; none where a security manager forbids reading it. */
    static Map<String, String> ofThisProcess() {
        try {
            return System.getenv();
        } catch (RuntimeException e) {
            return Collections.emptyMap();
        }
    }

    /** One sentence naming every JDBCGUARD_ variable that is no option, or null when there is none. */
    static String unknown(Map<String, String> environment, Collection<String> options) {
        List<String> known = new ArrayList<>();
        for (String option : options) {
            known.add(variable(option));
        }
        TreeSet<String> unknown = new TreeSet<>();
        for (String name : environment.keySet()) {
            if (name.startsWith(PREFIX) && !known.contains(name) && !NOT_OPTIONS.contains(name)) {
                unknown.add(Options.visible(name));
            }
        }
        if (unknown.isEmpty()) {
            return null;
        }
        return "unknown environment variable" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                + " ignored; the agent reads " + String.join(", ", known);
    }
}
