package dev.jdbcguard.core;

import java.io.File;
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
 * ({@code -Djdbcguard.validateAfter=5s}), the environment variable
 * ({@code JDBCGUARD_VALIDATE_AFTER=5s}, see {@link OptionEnvironment}), the options file, the docs. A bad option never stops the application:
 * it is reported with the valid choices and its default is used.
 */
public final class Options {

    /** How one option's text becomes its value. */
    private enum Kind { DURATION, SWITCH, LEVEL, LOG_TO, LOG_FORMAT, THREADS, PERCENT, COUNT, FILE }

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
        define("logTo", Kind.LOG_TO, "stderr");
        define("logFormat", Kind.LOG_FORMAT, "text");
        define("weaveCache", Kind.FILE, "off");
    }

    public static final String PROPERTY_PREFIX = "jdbcguard.";
    /** Names a properties file with more options; not an option itself. */
    static final String OPTIONS_FILE = "optionsFile";
    private static final String ARGUMENT = "argument";
    private static final String ENVIRONMENT = "env ";

    private final Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
    /** Where each value that is not a default came from: "argument", "env JDBCGUARD_HEAL", ... */
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private Options() {
    }

    private static void define(String key, Kind kind, String defaultValue) {
        KINDS.put(key, kind);
        DEFAULTS.put(key, defaultValue);
    }

    public static Options defaults() {
        return parse(null, new Properties());
    }

    /** Without environment variables: for callers (and tests) that give every source themselves. */
    public static Options parse(String agentArgs, Properties systemProperties) {
        return parse(agentArgs, systemProperties, Collections.<String, String>emptyMap());
    }

    /** The agent's own options: its argument, this JVM's system properties and environment. */
    public static Options ofThisProcess(String agentArgs) {
        return parse(agentArgs, System.getProperties(), OptionEnvironment.ofThisProcess());
    }

    /**
     * Each source overrides the ones before it: the defaults, the options file, environment
     * variables (JDBCGUARD_VALIDATE_AFTER), system properties (-Djdbcguard.validateAfter), and the
     * agent argument, which wins. A bad value leaves the value of the sources before it.
     */
    public static Options parse(String agentArgs, Properties systemProperties, Map<String, String> environment) {
        Options options = new Options();
        String file = optionsFile(agentArgs, systemProperties, environment);
        if (file != null) {
            options.readFile(file);
        }
        for (String key : KINDS.keySet()) {
            String fromEnvironment = OptionEnvironment.value(environment, key);
            if (fromEnvironment != null) {
                options.accept(key, fromEnvironment, ENVIRONMENT + OptionEnvironment.variable(key));
            }
        }
        String unknownVariables = OptionEnvironment.unknown(environment, allKeys());
        if (unknownVariables != null) {
            options.warnings.add(unknownVariables);
        }
        for (String key : KINDS.keySet()) {
            String fromProperty = systemProperties.getProperty(PROPERTY_PREFIX + key);
            if (fromProperty != null) {
                options.accept(key, fromProperty.trim(), "property " + PROPERTY_PREFIX + key);
            }
        }
        if (agentArgs != null && !agentArgs.trim().isEmpty()) {
            for (String pair : agentArgs.split(",")) {
                options.acceptPair(pair.trim(), ARGUMENT);
            }
        }
        return options;
    }

    /** The file named by the argument, else the system property, else the environment. */
    private static String optionsFile(String agentArgs, Properties systemProperties, Map<String, String> environment) {
        if (agentArgs != null) {
            for (String pair : agentArgs.split(",")) {
                if (pair.trim().startsWith(OPTIONS_FILE + "=")) {
                    return pair.trim().substring(OPTIONS_FILE.length() + 1).trim();
                }
            }
        }
        String fromProperty = systemProperties.getProperty(PROPERTY_PREFIX + OPTIONS_FILE);
        return fromProperty != null ? fromProperty : OptionEnvironment.value(environment, OPTIONS_FILE);
    }

    private static List<String> allKeys() {
        List<String> keys = new ArrayList<>(KINDS.keySet());
        keys.add(OPTIONS_FILE);
        return keys;
    }

    /** A Java properties file with the same keys; a broken file is reported once and skipped. */
    private void readFile(String file) {
        String[] problem = new String[1];
        Properties fromFile = OptionsFile.read(file, problem);
        if (fromFile == null) {
            errors.add(problem[0]);
            return;
        }
        for (String key : fromFile.stringPropertyNames()) {
            acceptPair(key.trim() + "=" + fromFile.getProperty(key).trim(), "file " + file);
        }
    }

    private void acceptPair(String pair, String source) {
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
        accept(key, pair.substring(eq + 1).trim(), source);
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

    /**
     * A bad value names its environment variable (whose name differs from the option's) and says
     * which value stays: the default, or a valid one from a source before it.
     */
    private void accept(String key, String text, String source) {
        String problem = check(KINDS.get(key), text);
        if (problem == null) {
            values.put(key, text);
            sources.put(key, source);
            return;
        }
        String kept = sources.containsKey(key) ? key + "=" + values.get(key) + " (" + sources.get(key) + ")"
                : "the default " + key + "=" + DEFAULTS.get(key);
        errors.add("option " + key + "=" + visible(text) + (source.startsWith(ENVIRONMENT) ? " (" + source + ")" : "")
                + " is not valid: expected " + problem + "; using " + kept);
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
            case LOG_TO:
                return LogSink.validDestination(text) ? null : "one of stderr, application, file:<path>";
            case LOG_FORMAT:
                return lower(text).equals("text") || lower(text).equals("json") ? null : "one of text, json";
            case THREADS:
                return ThreadPolicy.parse(text) != null ? null : "one of warn, fail, off";
            case PERCENT:
                return percent(text) >= 1 && percent(text) <= 100 ? null : "a share of max_connections from 1% to 100%";
            case COUNT:
                return count(text) >= 0 ? null : "a whole number (0 means: ask the server)";
            case FILE:
                return lower(text).equals("off") || inAFolder(text) ? null : "off, or a file in a folder that exists";
            default:
                throw new AssertionError(kind);
        }
    }

    private static boolean inAFolder(String path) {
        File file = new File(path.trim()).getAbsoluteFile();
        File folder = file.getParentFile();
        return !path.trim().isEmpty() && !file.isDirectory() && folder != null && folder.isDirectory();
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
        return Collections.unmodifiableList(errors);
    }

    /** Things worth a look that changed no option (an unknown JDBCGUARD_ variable), one sentence each. */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /**
     * Where each option that is not a default came from, for the start line:
     * {@code validateAfter=5s (env JDBCGUARD_VALIDATE_AFTER), heal=off (argument)}; empty when none.
     */
    public String sources() {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            text.append(text.length() > 0 ? ", " : "").append(e.getKey()).append('=').append(values.get(e.getKey()))
                    .append(" (").append(e.getValue()).append(')');
        }
        return text.toString();
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

    /** stderr, application or file:<path>, as given (the path keeps its case). */
    public String logTo() {
        return values.get("logTo");
    }

    /** JSON lines instead of slf4j-simple's text layout. */
    public boolean logJson() {
        return lower(values.get("logFormat")).equals("json");
    }

    /** The file of the weave cache, or "off". */
    public String weaveCache() {
        String file = values.get("weaveCache").trim();
        return lower(file).equals("off") ? "off" : file;
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
