package dev.jdbcguard.testdb;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A server the user points the tests at: {@code jdbc:mysql://host:port/?user=root&password=...}.
 * The account must be able to create the application user and database. Never restarted.
 */
final class ExternalServer implements TestServer {

    private final String host;
    private final int port;
    private final String adminUrl;

    private ExternalServer(String host, int port, String adminUrl) {
        this.host = host;
        this.port = port;
        this.adminUrl = adminUrl;
    }

    static ExternalServer of(String url) throws SQLException {
        URI uri = URI.create(url.substring("jdbc:".length()));
        ExternalServer server = new ExternalServer(uri.getHost(), uri.getPort() < 0 ? 3306 : uri.getPort(), url);
        try (Connection c = server.admin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
            s.execute("CREATE USER IF NOT EXISTS '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
            s.execute("GRANT ALL ON " + DATABASE + ".* TO '" + USER + "'@'%'");
            s.execute("CREATE DATABASE IF NOT EXISTS " + OTHER_DATABASE);
            s.execute("GRANT ALL ON " + OTHER_DATABASE + ".* TO '" + USER + "'@'%'");
        }
        return server;
    }

    @Override
    public String description() {
        return "external server " + host + ":" + port + " (from jdbcguard.test.url)";
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Connection admin() throws SQLException {
        return DriverManager.getConnection(adminUrl);
    }

    @Override
    public boolean canRestart() {
        return false;
    }

    @Override
    public void restart() {
        throw new UnsupportedOperationException("an external server is never restarted by the tests");
    }
}
