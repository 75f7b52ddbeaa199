package dev.jdbcguard.apps;

import dev.jdbcguard.testdb.LocalMariaDb;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;

/**
 * The main job of the quick start: starts a private MariaDB, runs the idle worker against it
 * without the agent (it fails like the daemon of the incident reports), then with the agent
 * (it survives). Usage: {@code Demo <path/to/jdbc-guard-agent.jar>}.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        String agentJar = args[0];
        System.out.println("== starting a private MariaDB server (no install needed)");
        LocalMariaDb server = TestServers.startPrivate();
        int failures = 0;
        try {
            System.out.println("   " + server.description());
            for (String driver : new String[] {"mysql", "mariadb"}) {
                String url = server.url(driver);
                String[] workerArgs = {url, TestServer.USER, TestServer.PASSWORD, "waitTimeout=2", "idle=3"};
                String classpath = System.getProperty("java.class.path");
                System.out.println();
                System.out.println("== idle worker, " + driver + " driver, WITHOUT the agent");
                ChildJvm.Result without = ChildJvm.withClasspath(classpath).echo().run(IdleWorker.class, workerArgs);
                System.out.println("   -> exit code " + without.exitCode + (without.exitCode != 0 ? " (the incident)" : ""));
                System.out.println("== idle worker, " + driver + " driver, WITH -javaagent:" + agentJar);
                ChildJvm.Result with = ChildJvm.withClasspath(classpath).agent(agentJar, null).echo()
                        .run(IdleWorker.class, workerArgs);
                System.out.println("   -> exit code " + with.exitCode + (with.exitCode == 0 ? " (healed)" : " (NOT healed)"));
                if (without.exitCode == 0 || with.exitCode != 0) {
                    failures++;
                }
            }
        } finally {
            server.stop();
        }
        System.out.println();
        System.out.println(failures == 0 ? "demo OK: without the agent the worker failed; with it, it survived"
                : "demo FAILED: see above");
        System.exit(failures == 0 ? 0 : 1);
    }
}
