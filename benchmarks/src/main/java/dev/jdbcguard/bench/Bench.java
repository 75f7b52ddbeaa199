package dev.jdbcguard.bench;

import static dev.jdbcguard.bench.Children.progress;

import dev.jdbcguard.testdb.LocalMariaDb;
import dev.jdbcguard.testdb.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;

/**
 * What every section of one suite run shares: the agent jar under test (a copy taken at start, so
 * that a rebuild meanwhile changes nothing), the three variants, the seeded server, where raw
 * results go, and the acceptance rows the sections add for the document's summary.
 */
final class Bench {

    static final List<String> OTEL_FLAGS = List.of(
            "-Dotel.instrumentation.common.default-enabled=false",
            "-Dotel.instrumentation.jdbc.enabled=true",
            "-Dotel.traces.exporter=none",
            "-Dotel.metrics.exporter=none",
            "-Dotel.logs.exporter=none",
            "-Dotel.javaagent.logging=none",
            "-Dotel.service.name=bench");

    static final int ROWS = 10_000;

    /** The agent jar a run measures, and how the document names it. */
    record AgentSnapshot(Path jar, String identity) {
    }

    final Path agentJar;
    final String agentIdentity;
    final Path otelJar;
    final Path work;
    final boolean quick;
    final LocalMariaDb server;
    final Variant none;
    final Variant guard;
    final Variant otel;
    /** {criterion number, criterion, measured, verdict}, in the order the sections ran. */
    final List<String[]> acceptance = new ArrayList<>();
    /** {@code --previous <jar>}: an earlier build of the agent, timed beside this one at start-up. */
    Path previousAgent;

    Bench(AgentSnapshot agent, Path otelJar, Path work, boolean quick, LocalMariaDb server) {
        this.agentJar = agent.jar();
        this.agentIdentity = agent.identity();
        this.otelJar = otelJar;
        this.work = work;
        this.quick = quick;
        this.server = server;
        none = new Variant("none", List.of("-Dbench.variant=none"));
        guard = new Variant("jdbc-guard", List.of("-javaagent:" + agentJar, "-Dbench.variant=jdbc-guard"));
        List<String> o = new ArrayList<>();
        o.add("-javaagent:" + otelJar);
        o.addAll(OTEL_FLAGS);
        o.add("-Dbench.variant=otel");
        otel = new Variant("otel", o);
    }

    private static JarFile copyOf(Path from, Path to) throws IOException {
        Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return new JarFile(to.toFile());
    }

    /** Copies the agent jar aside, retrying while a concurrent build is rewriting it. */
    static AgentSnapshot snapshotAgent(Path builtAgentJar, Path work) throws Exception {
        Path copy = work.resolve("agent-under-test/jdbc-guard-agent.jar");
        Files.createDirectories(copy.getParent());
        for (int attempt = 1; ; attempt++) {
            try (JarFile jar = copyOf(builtAgentJar, copy)) {
                if (jar.getManifest().getMainAttributes().getValue("Premain-Class") == null) {
                    throw new IOException("no Premain-Class");
                }
                java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
                byte[] digest = sha.digest(Files.readAllBytes(copy));
                String identity = String.format(Locale.ROOT, "%,d KiB, built %s, sha-256 %s", Files.size(copy) / 1024,
                        Files.getLastModifiedTime(builtAgentJar).toInstant().toString().replaceAll("\\.\\d+Z$", "Z"),
                        String.format("%064x", new java.math.BigInteger(1, digest)).substring(0, 12));
                return new AgentSnapshot(copy, identity);
            } catch (IOException e) { // missing, or half-written by a build running meanwhile
                if (attempt == 20) {
                    throw new IllegalStateException(builtAgentJar + " is not a usable agent jar (run ./bench.sh,"
                            + " which builds it): " + e, e);
                }
                progress("waiting for " + builtAgentJar + " (" + e + ")");
                Thread.sleep(3_000);
            }
        }
    }

    void seed() throws Exception {
        try (Connection c = server.connect("mysql"); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS items");
            s.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(64) NOT NULL, qty INT NOT NULL)");
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO items (id, name, qty) VALUES (?, ?, ?)")) {
                for (int i = 1; i <= ROWS; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "item-" + i);
                    ps.setInt(3, i % 100);
                    ps.addBatch();
                    if (i % 1000 == 0) {
                        ps.executeBatch();
                    }
                }
            }
            c.commit();
        }
    }

    List<String> serverProps() {
        return List.of("-Dbench.url=" + server.url("mysql"), "-Dbench.user=" + TestServer.USER,
                "-Dbench.password=" + TestServer.PASSWORD, "-Dbench.rows=" + ROWS);
    }

    String adminUrl() {
        return "jdbc:mariadb://127.0.0.1:" + server.port() + "/?user=root";
    }

    String otelVersion() {
        try (JarFile jar = new JarFile(otelJar.toFile())) {
            String v = jar.getManifest().getMainAttributes().getValue("Implementation-Version");
            return v == null ? "" : v;
        } catch (IOException e) {
            return "";
        }
    }
}
