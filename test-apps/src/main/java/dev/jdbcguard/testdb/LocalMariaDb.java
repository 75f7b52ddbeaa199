package dev.jdbcguard.testdb;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private MariaDB server: its own data directory and free port, a child process of this JVM,
 * stopped by its handle. Starts in a few seconds; several can run at once.
 */
public final class LocalMariaDb implements TestServer {

    private static final long START_TIMEOUT_MS = 60_000;

    private final Binaries binaries;
    private final Path dir;
    private final int port;
    private final List<String> extraOptions;
    private Process process;
    private String version = "?";

    private LocalMariaDb(Binaries binaries, Path dir, int port, List<String> extraOptions) {
        this.binaries = binaries;
        this.dir = dir;
        this.port = port;
        this.extraOptions = extraOptions;
    }

    static LocalMariaDb start(Binaries binaries, String... extraOptions) throws Exception {
        Path dir = Files.createTempDirectory("jdbc-guard-db-");
        LocalMariaDb server = new LocalMariaDb(binaries, dir, freePort(), Arrays.asList(extraOptions));
        server.installDataDir();
        server.launch();
        server.createApplicationAccount();
        return server;
    }

    private void installDataDir() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(binaries.installDb.toString());
        command.add("--no-defaults");
        if (binaries.baseDir != null) {
            command.add("--basedir=" + binaries.baseDir);
        }
        command.addAll(Arrays.asList("--datadir=" + dir.resolve("data"), "--auth-root-authentication-method=normal",
                "--skip-test-db", "--user=" + System.getProperty("user.name")));
        Process install = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("install.log").toFile()).start();
        if (!install.waitFor(120, TimeUnit.SECONDS) || install.exitValue() != 0) {
            install.destroyForcibly();
            throw new IOException("mariadb-install-db failed: " + tail(dir.resolve("install.log")));
        }
    }

    private void launch() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(binaries.server.toString());
        command.add("--no-defaults");
        if (binaries.baseDir != null) {
            command.add("--basedir=" + binaries.baseDir);
        }
        command.addAll(Arrays.asList("--datadir=" + dir.resolve("data"), "--user=" + System.getProperty("user.name"),
                "--bind-address=127.0.0.1", "--port=" + port, "--socket=" + dir.resolve("sock"),
                "--skip-log-bin", "--innodb-buffer-pool-size=16M", "--performance-schema=OFF",
                "--max-connections=500", "--max-allowed-packet=16M", "--skip-ssl",
                "--innodb-flush-log-at-trx-commit=0"));
        command.addAll(extraOptions);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile())).start();
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (!listening() && process.isAlive() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50); // a plain socket probe: no driver errors (or agent reports) while it starts
        }
        while (true) {
            try (Connection c = admin(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT VERSION()")) {
                rs.next();
                version = rs.getString(1);
                return;
            } catch (SQLException notYet) {
                if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                    stop();
                    throw new IOException("mariadbd did not start: " + tail(dir.resolve("server.log")), notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    private boolean listening() {
        try (java.net.Socket probe = new java.net.Socket()) {
            probe.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void createApplicationAccount() throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
            s.execute("CREATE DATABASE IF NOT EXISTS " + OTHER_DATABASE);
            for (String host : new String[] {"localhost", "127.0.0.1", "%"}) {
                s.execute("CREATE USER IF NOT EXISTS '" + USER + "'@'" + host + "' IDENTIFIED BY '" + PASSWORD + "'");
                s.execute("GRANT ALL ON " + DATABASE + ".* TO '" + USER + "'@'" + host + "'");
                s.execute("GRANT ALL ON " + OTHER_DATABASE + ".* TO '" + USER + "'@'" + host + "'");
                s.execute("GRANT PROCESS ON *.* TO '" + USER + "'@'" + host + "'");
            }
        }
    }

    @Override
    public Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/?user=root");
    }

    @Override
    public String description() {
        return "MariaDB " + version + " (" + binaries.origin + ") on 127.0.0.1:" + port;
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public boolean canRestart() {
        return true;
    }

    @Override
    public synchronized void restart() throws Exception {
        stop();
        launch();
    }

    /** Stops the server, keeps it down for {@code millis}, starts it again on the same port and data. */
    public synchronized void downFor(long millis) throws Exception {
        stop();
        Thread.sleep(millis);
        launch();
    }

    /** Stops the server; the data directory stays until the JVM's temp cleanup. */
    public synchronized void stop() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
        process = null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
