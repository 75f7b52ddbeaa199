package dev.jdbcguard.apps;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A program that holds connections across a stale period and then uses each in one way: a
 * plain Statement, a client-side PreparedStatement and a server-side one (both created and bound
 * before the stale period), and a batch. While it idles, the test makes the links stale: by
 * {@code wait_timeout}, by {@code KILL}, or by restarting the server.
 *
 * <p>Usage: {@code StaleLinkScenario <url> <user> <password> [via=driver-manager] [idle=3]
 * [waitTimeout=2|0]}. Prints "server threads: a,b,c,d" before it idles and one line per use:
 * "statement: OK ..." or "statement: FAILED ...". Exit 0 when every use succeeded.
 */
public final class StaleLinkScenario {

    private static final String[] USES = {"statement", "client-ps", "server-ps", "batch"};

    private StaleLinkScenario() {
    }

    public static void main(String[] args) throws Exception {
        Args a = new Args(args, 3);
        ConnectionSource.Via via = ConnectionSource.via(a.get("via", "driver-manager"));
        int idle = a.getInt("idle", 3);
        int waitTimeout = a.getInt("waitTimeout", 2);
        String run = "run-" + ProcessHandle.current().pid();
        Map<String, Connection> connections = new LinkedHashMap<>();
        Map<String, Statement> statements = new LinkedHashMap<>();
        List<Long> threads = new ArrayList<>();
        for (String use : USES) {
            String url = use.equals("server-ps") ? withParameter(args[0], "useServerPrepStmts=true") : args[0];
            Connection c = ConnectionSource.open(via, url, args[1], args[2]);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS ledger (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                        + " run VARCHAR(64) NOT NULL, use_kind VARCHAR(32) NOT NULL)");
                if (waitTimeout > 0) {
                    s.execute("SET SESSION wait_timeout=" + waitTimeout);
                }
            }
            connections.put(use, c);
            statements.put(use, prepare(use, c, run));
            threads.add(IdleWorker.serverThread(c));
        }
        System.out.println("server threads: " + threads.toString().replaceAll("[\\[\\] ]", ""));
        System.out.println("idling " + idle + " s");
        System.out.flush();
        Thread.sleep(idle * 1000L);
        boolean allOk = true;
        for (String use : USES) {
            try {
                use(use, statements.get(use), run);
                System.out.println(use + ": OK (server thread " + IdleWorker.serverThread(connections.get(use)) + ")");
            } catch (SQLException e) {
                allOk = false;
                System.out.println(use + ": FAILED " + e.getClass().getName() + " [" + e.getSQLState() + "]: "
                        + String.valueOf(e.getMessage()).split("\n")[0]);
            }
        }
        System.exit(allOk ? 0 : 1);
    }

    private static Statement prepare(String use, Connection c, String run) throws SQLException {
        switch (use) {
            case "statement":
                return c.createStatement();
            case "client-ps":
            case "server-ps":
                PreparedStatement insert = c.prepareStatement("INSERT INTO ledger (run, use_kind) VALUES (?, ?)");
                insert.setString(1, run);
                insert.setString(2, use);
                return insert;
            case "batch":
                PreparedStatement batch = c.prepareStatement("INSERT INTO ledger (run, use_kind) VALUES (?, ?)");
                batch.setString(1, run);
                batch.setString(2, use);
                batch.addBatch();
                return batch;
            default:
                throw new IllegalArgumentException(use);
        }
    }

    private static void use(String use, Statement statement, String run) throws SQLException {
        switch (use) {
            case "statement":
                statement.executeUpdate("INSERT INTO ledger (run, use_kind) VALUES ('" + run + "', 'statement')");
                break;
            case "client-ps":
            case "server-ps":
                ((PreparedStatement) statement).executeUpdate();
                break;
            case "batch":
                PreparedStatement batch = (PreparedStatement) statement;
                batch.setString(1, run);
                batch.setString(2, use);
                batch.addBatch();
                batch.executeBatch();
                break;
            default:
                throw new IllegalArgumentException(use);
        }
    }

    private static String withParameter(String url, String parameter) {
        return url + (url.contains("?") ? "&" : "?") + parameter;
    }

    /** Rows this run wrote, for tests that check nothing was written twice. */
    static int rows(Connection c, String run) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM ledger WHERE run = ?")) {
            s.setString(1, run);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
