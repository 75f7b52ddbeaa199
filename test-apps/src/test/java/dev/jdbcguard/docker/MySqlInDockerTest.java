package dev.jdbcguard.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.apps.StaleLinkScenario;
import dev.jdbcguard.support.Apps;
import dev.jdbcguard.testdb.TestServer;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mysql.MySQLContainer;

/**
 * The idle scenario against a real MySQL 8.4 (not MariaDB) where a Docker engine is reachable.
 * Skipped, and reported as skipped, where there is none.
 */
@Testcontainers(disabledWithoutDocker = true)
class MySqlInDockerTest {

    @Container
    private static final MySQLContainer MYSQL = new MySQLContainer("mysql:8.4")
            .withDatabaseName(TestServer.DATABASE).withUsername(TestServer.USER).withPassword(TestServer.PASSWORD);

    @Test
    void idlePastWaitTimeoutIsHealedOnMySql() throws Exception {
        String url = MYSQL.getJdbcUrl() + (MYSQL.getJdbcUrl().contains("?") ? "&" : "?")
                + "sslMode=DISABLED&allowPublicKeyRetrieval=true";
        ChildJvm.Result with = Apps.withAgent()
                .run(StaleLinkScenario.class, url, TestServer.USER, TestServer.PASSWORD, "waitTimeout=2", "idle=3");
        assertThat(with.exitCode).as(with.output).isZero();
        assertThat(with.output).contains("statement: OK", "client-ps: OK", "server-ps: OK", "batch: OK");
    }
}
