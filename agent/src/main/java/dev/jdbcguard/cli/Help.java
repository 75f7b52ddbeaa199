package dev.jdbcguard.cli;

/** The text of {@code java -jar jdbc-guard-agent.jar help}. */
final class Help {

    static final String TEXT = String.join("\n",
            "jdbc-guard: keeps JDBC connections to MySQL and MariaDB healthy.",
            "",
            "As an agent, at start-up:",
            "  java -javaagent:jdbc-guard-agent.jar[=key=value,...] ...",
            "",
            "Commands:",
            "  java -jar jdbc-guard-agent.jar list                     JVMs of this user you can attach to",
            "  java -jar jdbc-guard-agent.jar attach <pid> [options]   load the agent into a running JVM",
            "  java -jar jdbc-guard-agent.jar status <pid> [--json]    its connection table and counters",
            "  java -jar jdbc-guard-agent.jar help                     this text",
            "",
            "Options (key=value,key=value; also -Djdbcguard.<key>=value or JDBCGUARD_<KEY> as in VALIDATE_AFTER):",
            "  validateAfter=2s     ping a connection idle at least this long before its next use (0 = always)",
            "  pingTimeout=2s       how long a ping may wait for the server",
            "  reconnectTimeout=10s how long a heal may wait for a restarting server (tries again until then)",
            "  heal=on              on | off: reconnect dead connections in place",
            "  threads=warn         warn | fail | off: connections shared between threads",
            "  strictThreads=off    on | off: also report use by a thread other than the opener",
            "  creationStacks=on    on | off: capture where each connection was opened",
            "  pressureWarnAt=80%   warn when this JVM holds that share of a server's max_connections",
            "  maxConnections=0     the max_connections to compare against (0: ask the server)",
            "  heldTooLong=0        report pool checkouts held longer than this (0: off)",
            "  log=info             debug | info | warn | off",
            "  logTo=stderr         stderr | file:<path> | application (the program's SLF4J, else java.util.logging)",
            "  logFormat=text       text | json (one JSON object per line)",
            "  weaveCache=off       a file: keep the weaving's outcome there for the next start (class-data caches)",
            "  optionsFile=<path>   a properties file with more of these keys",
            "",
            "Exit codes: 0 ok, 1 usage, 2 no such process, 3 not a JVM, 4 permission denied (another user),",
            "5 the JVM forbids attach, 6 the agent failed in the target, 7 jdbc-guard not running there,",
            "8 no attach API in this Java (use a JDK).",
            "");

    private Help() {
    }
}
