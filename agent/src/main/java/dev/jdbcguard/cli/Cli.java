package dev.jdbcguard.cli;

import dev.jdbcguard.core.AgentJar;
import java.io.File;
import java.io.PrintStream;
import java.util.List;
import java.util.Properties;

/**
 * {@code java -jar jdbc-guard-agent.jar list | attach <pid> [options] | status <pid> [--json] | help}.
 * Every failure prints one line that says what to do, and exits with a code scripts can test
 * (see {@link CliError}).
 */
public final class Cli {

    static final String RUNNING_PROPERTY = "jdbcguard.running";

    private final PrintStream out;
    private final PrintStream err;

    Cli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Cli(System.out, System.err).run(args));
    }

    int run(String[] args) {
        try {
            String command = args.length == 0 ? "help" : args[0];
            switch (command) {
                case "list":
                    return list();
                case "attach":
                    return attach(argument(args, 1, "attach <pid> [key=value,...]"), args.length > 2 ? args[2] : null);
                case "status":
                    return status(argument(args, 1, "status <pid> [--json]"), args.length > 2 && args[2].equals("--json"));
                case "help":
                case "--help":
                case "-h":
                    out.print(Help.TEXT);
                    return 0;
                default:
                    throw new CliError(CliError.USAGE, "unknown command '" + command + "'; commands: list, attach,"
                            + " status, help");
            }
        } catch (CliError e) {
            err.println("jdbc-guard: " + e.getMessage());
            return e.exitCode;
        }
    }

    private static String argument(String[] args, int index, String usage) throws CliError {
        if (args.length <= index) {
            throw new CliError(CliError.USAGE, "usage: java -jar jdbc-guard-agent.jar " + usage);
        }
        return args[index];
    }

    private int list() throws CliError {
        AttachApi api = AttachApi.load();
        try {
            String self = selfPid();
            out.printf("%-8s %s%n", "PID", "MAIN CLASS");
            for (String[] jvm : api.list()) {
                if (!jvm[0].equals(self)) {
                    out.printf("%-8s %s%n", jvm[0], mainClassOnly(jvm[1]));
                }
            }
            return 0;
        } catch (Exception e) {
            throw new CliError(CliError.NO_ATTACH_API, "could not list JVMs: " + e);
        }
    }

    /**
     * The JDK's display name is the main class or jar followed by the program's arguments, and
     * arguments carry URLs, users and passwords (a bare password cannot be recognised, so it
     * cannot be masked): like {@code jps}, print the main class alone.
     */
    static String mainClassOnly(String displayName) {
        String name = displayName.trim();
        int space = name.indexOf(' ');
        return name.isEmpty() ? "(unknown)" : space < 0 ? name : name.substring(0, space);
    }

    private int attach(String pid, String options) throws CliError {
        TargetProcess target = TargetProcess.of(pid);
        AttachApi api = AttachApi.load();
        String jar = agentJar();
        Object vm;
        try {
            vm = api.attach(pid);
        } catch (Exception e) {
            throw target.attachFailure(e);
        }
        Properties properties;
        try {
            properties = api.systemProperties(vm);
        } catch (Exception e) {
            throw new CliError(CliError.AGENT_FAILED, "the agent could not start in " + pid + ": " + e);
        } finally {
            api.detach(vm);
        }
        String running = properties.getProperty(RUNNING_PROPERTY);
        if (running != null) {
            out.println("jdbc-guard is already running in " + pid + " (" + running + "); nothing to do");
            return 0;
        }
        try {
            api.loadAgent(pid, jar, options == null ? "" : options);
        } catch (Exception e) {
            if (AttachApi.isAttachRefusal(e)) {
                throw target.attachFailure(e); // the JVM went away or changed between the two attaches
            }
            throw new CliError(CliError.AGENT_FAILED, "the agent could not start in " + pid + ": " + e);
        }
        out.println("jdbc-guard attached to " + pid + ": already-loaded JDBC classes were retransformed;"
                + " open connections are adopted on their next use (creation site \"before attach\")");
        hintForNewJvms(properties.getProperty("java.specification.version"));
        return 0;
    }

    private void hintForNewJvms(String specVersion) {
        try {
            if (specVersion != null && Integer.parseInt(specVersion.replace("1.", "")) >= 21) {
                out.println("note: Java " + specVersion + " warns when an agent is loaded into a running JVM; start it"
                        + " with -XX:+EnableDynamicAgentLoading to allow this quietly (future JDKs may require it),"
                        + " or use -javaagent:jdbc-guard-agent.jar at start-up");
            }
        } catch (NumberFormatException e) {
            // an unusual version string: no hint
        }
    }

    private int status(String pid, boolean json) throws CliError {
        TargetProcess target = TargetProcess.of(pid);
        AttachApi api = AttachApi.load();
        Object vm;
        try {
            vm = api.attach(pid);
        } catch (Exception e) {
            throw target.attachFailure(e);
        }
        try {
            if (api.systemProperties(vm).getProperty(RUNNING_PROPERTY) == null) {
                throw new CliError(CliError.NOT_RUNNING, "jdbc-guard is not running in " + pid
                        + "; attach it first: java -jar jdbc-guard-agent.jar attach " + pid);
            }
            Status status = Status.read(api.startLocalManagementAgent(vm));
            out.print(json ? status.json(pid) : status.table(pid));
            return 0;
        } catch (CliError e) {
            throw e;
        } catch (Exception e) {
            throw new CliError(CliError.AGENT_FAILED, "could not read jdbc-guard's status from " + pid + ": " + e);
        } finally {
            api.detach(vm);
        }
    }

    private static String agentJar() throws CliError {
        try {
            return AgentJar.file().getAbsolutePath();
        } catch (Exception e) {
            throw new CliError(CliError.AGENT_FAILED, "cannot find the agent jar this command runs from: " + e);
        }
    }

    private static String selfPid() {
        String name = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
        return name.substring(0, Math.max(0, name.indexOf('@')));
    }

    /** Lines the list command printed, for tests. */
    static List<String> lines(String text) {
        return java.util.Arrays.asList(text.split("\n"));
    }
}
