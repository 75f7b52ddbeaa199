package dev.jdbcguard.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jdbcguard.support.Sql;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Errors that are not connection losses get no diagnosis: syntax, constraints, lock waits. */
class NoDiagnosisForOtherErrorsTest {

    private final TestServer server = TestServers.shared();

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void syntaxConstraintAndLockWaitErrorsAreLeftAlone(String driver) throws Exception {
        String table = "nodiag_" + driver + "_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = server.connect(driver); Connection other = server.connect(driver)) {
            Sql.execute(c, "CREATE TABLE " + table + " (id INT PRIMARY KEY)");
            Sql.execute(c, "INSERT INTO " + table + " VALUES (1)");

            assertNoDiagnosis(catchThrowableOfType(SQLException.class, () -> Sql.execute(c, "SELEC nonsense")), "42000");
            assertNoDiagnosis(catchThrowableOfType(SQLException.class,
                    () -> Sql.execute(c, "INSERT INTO " + table + " VALUES (1)")), "23000");

            c.setAutoCommit(false);
            Sql.execute(c, "UPDATE " + table + " SET id = 1 WHERE id = 1");
            Sql.execute(other, "SET SESSION innodb_lock_wait_timeout = 1");
            other.setAutoCommit(false);
            SQLException lockWait = catchThrowableOfType(SQLException.class,
                    () -> Sql.execute(other, "UPDATE " + table + " SET id = 1 WHERE id = 1"));
            assertThat(lockWait.getErrorCode()).isEqualTo(1205);
            assertNoDiagnosis(lockWait, null);
            other.rollback();
            c.rollback();
        }
    }

    private static void assertNoDiagnosis(SQLException e, String sqlState) {
        assertThat((Throwable) e).isNotNull();
        if (sqlState != null) {
            assertThat(e.getSQLState()).isEqualTo(sqlState);
        }
        assertThat(Arrays.stream(e.getSuppressed()).map(s -> s.getClass().getName()).toList())
                .doesNotContain("dev.jdbcguard.diagnose.Diagnosis");
    }
}
