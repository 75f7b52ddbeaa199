package dev.jdbcguard.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The agent's options. One name per option everywhere: the agent argument
 * ({@code -javaagent:jdbc-guard-agent.jar=validateAfter=5s,heal=off}), the system property
 * ({@code -Djdbcguard.validateAfter=5s}), the docs. A bad option never stops the application:
 * it is reported with the valid choices and its default is used.
 */
public final class Options {

    /** How one option's text becomes its value. */
    private enum Kind { DURATION, SWITCH, LEVEL, THREADS, PERCENT, COUNT }

    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();
    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        define("validateAfter", Kind.DURATION, "2s");
        define("pingTimeout", Kind.DURATION, "2s");
        define("reconnectTimeout", Kind.DURATION, "10s");
        define("heal", Kind.SWITCH, "on");
        define("log", Kind.LEVEL, "info");
        define("threads", Kind.THREADS, "warn");
        define("strictThreads", Kind.SWITCH, "off");
        define("creationStacks", Kind.SWITCH, "on");
        define("pressureWarnAt", Kind.PERCENT, "80%");
        define("maxConnections", Kind.COUNT, "0");
        define("heldTooLong", Kind.DURATION, "0");
    }

    public static final String PROPERTY_PREFIX = "jdbcguard.";
    /** Names a properties file with more options; not an option itself. */
    static final String OPTIONS_FILE = "optionsFile";

    private final Map<String, String> values;
    private final List<String> errors;

    private Options(Map<String, String> values, List<String> errors) {
        this.values = values;
        this.errors = errors;
    }

    private static void define(String key, Kind kind, String defaultValue) {
        KINDS.put(key, kind);
        DEFAULTS.put(key, defaultValue);
    }

    public static Options defaults() {
        return parse(null, new Properties());
    }

    /**
     * The options file first (optionsFile=path in the agent argument, or -Djdbcguard.optionsFile),
     * then system properties, then the agent argument, which wins.
     */
    public static Options parse(String agentArgs, Properties systemProperties) {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        List<String> errors = new ArrayList<>();
        String file = optionsFile(agentArgs, systemProperties);
        if (file != null) {
            readFile(file, values, errors);
        }
        for (String key : KINDS.keySet()) {
            String fromProperty = systemProperties.getProperty(PROPERTY_PREFIX + key);
            if (fromProperty != null) {
                accept(key, fromProperty.trim(), values, errors);
            }
        }
        if (agentArgs != null && !agentArgs.trim().isEmpty()) {
            for (String pair : agentArgs.split(",")) {
                acceptPair(pair.trim(), values, errors);
            }
        }
        return new Options(values, Collections.unmodifiableList(errors));
    }

    private static String optionsFile(String agentArgs, Properties systemProperties) {
        if (agentArgs != null) {
            for (String pair : agentArgs.split(",")) {
                if (pair.trim().startsWith(OPTIONS_FILE + "=")) {
                    return pair.trim().substring(OPTIONS_FILE.length() + 1).trim();
                }
            }
        }
        return systemProperties.getProperty(PROPERTY_PREFIX + OPTIONS_FILE);
    }

    /** A Java properties file with the same keys; a broken file is reported once and skipped. */
    private static void readFile(String file, Map<String, String> values, List<String> errors) {
        String[] problem = new String[1];
        Properties fromFile = OptionsFile.read(file, problem);
        if (fromFile == null) {
            errors.add(problem[0]);
            return;
        }
        for (String key : fromFile.stringPropertyNames()) {
            acceptPair(key.trim() + "=" + fromFile.getProperty(key).trim(), values, errors);
        }
    }

    private static void acceptPair(String pair, Map<String, String> values, List<String> errors) {
        if (pair.isEmpty() || pair.startsWith(OPTIONS_FILE + "=")) {
            return;
        }
        int eq = pair.indexOf('=');
        if (eq <= 0) {
            errors.add("option '" + visible(pair) + "' is not key=value; valid options: " + validKeys());
            return;
        }
        String key = pair.substring(0, eq).trim();
        if (!KINDS.containsKey(key)) {
            errors.add("unknown option '" + visible(key) + "'; valid options: " + validKeys() + " (and optionsFile)");
            return;
        }
        accept(key, pair.substring(eq + 1).trim(), values, errors);
    }

    /** Control and invisible characters as \\uXXXX: a key that looks right but is not says why. */
    static String visible(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean invisible = c < 0x20 || c == 0x7F || c == 0xFEFF || c == 0x00A0 || (c >= 0x200B && c <= 0x200F)
                    || (c >= 0x2028 && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064);
            if (invisible) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void accept(String key, String text, Map<String, String> values, List<String> errors) {
        String problem = check(KINDS.get(key), text);
        if (problem == null) {
            values.put(key, text);
        } else {
            errors.add("option " + key + "=" + visible(text) + " is not valid: expected " + problem
                    + "; using the default " + key + "=" + DEFAULTS.get(key));
        }
    }

    private static String check(Kind kind, String text) {
        switch (kind) {
            case DURATION:
                return Durations.parseMillis(text) >= 0 ? null
                        : "a duration such as 500ms, 2s, 5m or 1h (0 means always)";
            case SWITCH:
                return lower(text).equals("on") || lower(text).equals("off") ? null : "one of on, off";
            case LEVEL:
                return Log.Level.parse(text) != null ? null : "one of debug, info, warn, off";
            case THREADS:
                return ThreadPolicy.parse(text) != null ? null : "one of warn, fail, off";
            case PERCENT:
                return percent(text) >= 1 && percent(text) <= 100 ? null : "a share of max_connections from 1% to 100%";
            case COUNT:
                return count(text) >= 0 ? null : "a whole number (0 means: ask the server)";
            default:
                throw new AssertionError(kind);
        }
    }

    private static int percent(String text) {
        return count(text.endsWith("%") ? text.substring(0, text.length() - 1) : text);
    }

    private static int count(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String validKeys() {
        return String.join(", ", KINDS.keySet());
    }

    /** Problems found while parsing, one sentence each; empty when all options were valid. */
    public List<String> errors() {
        return errors;
    }

    public long validateAfterNanos() {
        return Durations.parseMillis(values.get("validateAfter")) * 1_000_000L;
    }

    public long pingTimeoutMillis() {
        return Durations.parseMillis(values.get("pingTimeout"));
    }

    public long reconnectTimeoutMillis() {
        return Durations.parseMillis(values.get("reconnectTimeout"));
    }

    public boolean heal() {
        return lower(values.get("heal")).equals("on");
    }

    public ThreadPolicy threads() {
        return ThreadPolicy.parse(values.get("threads"));
    }

    public boolean strictThreads() {
        return lower(values.get("strictThreads")).equals("on");
    }

    public boolean creationStacks() {
        return lower(values.get("creationStacks")).equals("on");
    }

    public int pressureWarnAtPercent() {
        return percent(values.get("pressureWarnAt"));
    }

    /** max_connections to compare against; 0 means as the server reports it. */
    public int maxConnections() {
        return count(values.get("maxConnections"));
    }

    /** 0 when off. */
    public long heldTooLongMillis() {
        return Durations.parseMillis(values.get("heldTooLong"));
    }

    public Log.Level logLevel() {
        return Log.Level.parse(values.get("log"));
    }

    /** The effective options as they would be written in the agent argument. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(e.getKey()).append('=').append(e.getValue());
        }
        return text.toString();
    }

    /** Lower-case helper shared by parsing code. */
    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
