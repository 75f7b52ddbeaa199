package dev.jdbcguard.testdb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;

/** MySQL in Docker through Testcontainers, where a Docker engine answers. */
final class DockerMySql implements TestServer {

    static final String IMAGE = "mysql:8.4";

    private final MySQLContainer container;

    private DockerMySql(MySQLContainer container) {
        this.container = container;
    }

    static TestServer startIfDockerAvailable() {
        if (Boolean.getBoolean("jdbcguard.test.noDocker") || !dockerAvailable()) {
            return null;
        }
        MySQLContainer container = new MySQLContainer(IMAGE).withDatabaseName(DATABASE).withUsername(USER)
                .withPassword(PASSWORD).withCommand("--max-connections=500");
        container.start();
        return new DockerMySql(container);
    }

    /** Asks Testcontainers only where an engine could be: it logs an error on every miss. */
    static boolean dockerAvailable() {
        if (System.getenv("DOCKER_HOST") == null && !new java.io.File("/var/run/docker.sock").exists()
                && !new java.io.File(System.getProperty("user.home"), ".docker/run/docker.sock").exists()) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    @Override
    public String description() {
        return "MySQL " + IMAGE + " in Docker (Testcontainers) on " + host() + ":" + port();
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return container.getMappedPort(3306);
    }

    @Override
    public Connection admin() throws SQLException {
        return DriverManager.getConnection(mysqlUrl(), "root", PASSWORD);
    }

    @Override
    public boolean canRestart() {
        return false;
    }

    @Override
    public void restart() {
        throw new UnsupportedOperationException("the Docker server gets a new port when restarted");
    }
}
