package dev.jdbcguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The four sources of an option and their one order: argument > system property > environment
 * variable > options file > default. The environment is handed in, as the agent hands in its own.
 */
class OptionSourcesTest {

    /** Each source sets validateAfter to its own value; the higher of the pair must win. */
    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({
        "argument, property", "argument, env", "argument, file", "argument, default",
        "property, env", "property, file", "property, default",
        "env, file", "env, default",
        "file, default"})
    void theHigherSourceOfEveryPairWins(String higher, String lower) throws Exception {
        Sources sources = new Sources().set(lower).set(higher);

        Options options = sources.parse();

        assertThat(options.errors()).isEmpty();
        assertThat(options.toString()).startsWith("validateAfter=" + Sources.VALUE.get(higher) + ",");
        assertThat(options.sources()).isEqualTo(higher.equals("default") ? ""
                : "validateAfter=" + Sources.VALUE.get(higher) + " (" + sources.label(higher) + ")");
    }

    @Test
    void everyOptionHasItsVariableInUpperSnakeCase() {
        assertThat(OptionEnvironment.variable("validateAfter")).isEqualTo("JDBCGUARD_VALIDATE_AFTER");
        assertThat(OptionEnvironment.variable("heal")).isEqualTo("JDBCGUARD_HEAL");
        assertThat(OptionEnvironment.variable("heldTooLong")).isEqualTo("JDBCGUARD_HELD_TOO_LONG");
        assertThat(OptionEnvironment.variable("optionsFile")).isEqualTo("JDBCGUARD_OPTIONS_FILE");
        Map<String, String> env = new HashMap<>();
        for (String pair : Options.defaults().toString().split(",")) {
            String key = pair.substring(0, pair.indexOf('='));
            env.put(OptionEnvironment.variable(key), pair.substring(pair.indexOf('=') + 1));
        }

        Options options = Options.parse(null, new Properties(), env);

        assertThat(options.errors()).isEmpty();
        assertThat(options.warnings()).as("every variable names an option").isEmpty();
        assertThat(options.sources().split(", ")).hasSize(env.size()).allMatch(s -> s.contains("(env JDBCGUARD_"));
    }

    @Test
    void eachOptionSetOnlyByItsVariableTakesEffect() {
        Map<String, String> env = new HashMap<>();
        env.put("JDBCGUARD_VALIDATE_AFTER", "5s");
        env.put("JDBCGUARD_HEAL", "off");
        env.put("JDBCGUARD_LOG", "debug");
        env.put("JDBCGUARD_THREADS", "fail");
        env.put("JDBCGUARD_MAX_CONNECTIONS", " 40 ");

        Options options = Options.parse(null, new Properties(), env);

        assertThat(options.errors()).isEmpty();
        assertThat(options.validateAfterNanos()).isEqualTo(5_000_000_000L);
        assertThat(options.heal()).isFalse();
        assertThat(options.logLevel()).isEqualTo(Log.Level.DEBUG);
        assertThat(options.threads()).isEqualTo(ThreadPolicy.FAIL);
        assertThat(options.maxConnections()).isEqualTo(40);
        assertThat(options.sources()).contains("validateAfter=5s (env JDBCGUARD_VALIDATE_AFTER)")
                .contains("heal=off (env JDBCGUARD_HEAL)").contains("maxConnections=40 (env JDBCGUARD_MAX_CONNECTIONS)");
    }

    @Test
    void aBadValueInTheEnvironmentNamesTheVariableTheOptionAndTheChoices() {
        Map<String, String> env = new HashMap<>();
        env.put("JDBCGUARD_HEAL", "maybe");

        Options options = Options.parse(null, new Properties(), env);

        assertThat(options.errors()).containsExactly("option heal=maybe (env JDBCGUARD_HEAL) is not valid: expected one"
                + " of on, off; using the default heal=on");
        assertThat(options.heal()).isTrue();
        assertThat(options.sources()).isEmpty();
    }

    @Test
    void aBadValueKeepsTheValidValueOfALowerSourceAndSaysSo() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("JDBCGUARD_VALIDATE_AFTER", "soon");
        String file = file("validateAfter=7s\n");

        Options options = Options.parse("optionsFile=" + file, new Properties(), env);

        assertThat(options.errors()).singleElement().asString()
                .startsWith("option validateAfter=soon (env JDBCGUARD_VALIDATE_AFTER) is not valid: expected a duration")
                .endsWith("; using validateAfter=7s (file " + file + ")");
        assertThat(options.validateAfterNanos()).isEqualTo(7_000_000_000L);
    }

    @Test
    void unsetAndBlankVariablesAreNotSet() {
        Map<String, String> env = new HashMap<>();
        env.put("JDBCGUARD_HEAL", "");
        env.put("JDBCGUARD_LOG", "   ");

        Options options = Options.parse(null, new Properties(), env);

        assertThat(options.errors()).isEmpty();
        assertThat(options.warnings()).isEmpty();
        assertThat(options.toString()).isEqualTo(Options.defaults().toString());
    }

    @Test
    void unknownVariablesAreNamedOnceInOneWarningAndTheProjectsOwnAreNot() {
        Map<String, String> env = new HashMap<>();
        env.put("JDBCGUARD_VALIDATE_AFTR", "5s");
        env.put("JDBCGUARD_HEALING", "off");
        env.put("JDBCGUARD_TEST_URL", "jdbc:mariadb://127.0.0.1/app"); // the test fixture's server, not an option
        env.put("JDBCGUARD_HEAL", "off");
        env.put("OTHER_VALIDATE_AFTER", "1s");

        Options options = Options.parse(null, new Properties(), env);

        assertThat(options.errors()).isEmpty();
        assertThat(options.warnings()).singleElement().asString()
                .startsWith("unknown environment variables JDBCGUARD_HEALING, JDBCGUARD_VALIDATE_AFTR ignored;"
                        + " the agent reads JDBCGUARD_VALIDATE_AFTER, JDBCGUARD_PING_TIMEOUT,")
                .endsWith(", JDBCGUARD_OPTIONS_FILE")
                .doesNotContain("TEST_URL").doesNotContain("OTHER");
        assertThat(options.heal()).isFalse();
        assertThat(options.validateAfterNanos()).isEqualTo(2_000_000_000L);
    }

    /** The options file's own name: argument > property > environment. */
    @ParameterizedTest(name = "file named by {0}")
    @CsvSource({"argument", "property", "env"})
    void theOptionsFileIsNamedByTheHighestSourceThatNamesOne(String namer) throws Exception {
        String chosen = file("heal=off\n");
        String other = file("heal=maybe\n");
        String agentArgs = namer.equals("argument") ? "optionsFile=" + chosen : null;
        Properties props = new Properties();
        if (!namer.equals("env")) {
            props.setProperty("jdbcguard.optionsFile", namer.equals("property") ? chosen : other);
        }
        Map<String, String> env = new HashMap<>();
        env.put("JDBCGUARD_OPTIONS_FILE", namer.equals("env") ? chosen : other);

        Options options = Options.parse(agentArgs, props, env);

        assertThat(options.errors()).isEmpty();
        assertThat(options.heal()).isFalse();
        assertThat(options.sources()).isEqualTo("heal=off (file " + chosen + ")");
    }

    private static String file(String text) throws Exception {
        Path path = Files.createTempFile("jdbc-guard-options", ".properties");
        path.toFile().deleteOnExit();
        Files.write(path, text.getBytes(StandardCharsets.UTF_8));
        return path.toString();
    }

    /** validateAfter set by a chosen subset of the four sources, each to its own value. */
    private static final class Sources {
        static final Map<String, String> VALUE = new HashMap<>();

        static {
            VALUE.put("argument", "1s");
            VALUE.put("property", "3s");
            VALUE.put("env", "4s");
            VALUE.put("file", "6s");
            VALUE.put("default", "2s");
        }

        private String agentArgs;
        private final Properties props = new Properties();
        private final Map<String, String> env = new HashMap<>();
        private String file;

        Sources set(String source) throws Exception {
            switch (source) {
                case "argument":
                    agentArgs = "validateAfter=" + VALUE.get(source);
                    break;
                case "property":
                    props.setProperty("jdbcguard.validateAfter", VALUE.get(source));
                    break;
                case "env":
                    env.put("JDBCGUARD_VALIDATE_AFTER", VALUE.get(source));
                    break;
                case "file":
                    file = file("validateAfter=" + VALUE.get(source) + "\n");
                    props.setProperty("jdbcguard.optionsFile", file);
                    break;
                default:
                    break;
            }
            return this;
        }

        String label(String source) {
            switch (source) {
                case "property":
                    return "property jdbcguard.validateAfter";
                case "env":
                    return "env JDBCGUARD_VALIDATE_AFTER";
                case "file":
                    return "file " + file;
                default:
                    return source;
            }
        }

        Options parse() {
            return Options.parse(agentArgs, props, env);
        }
    }
}
