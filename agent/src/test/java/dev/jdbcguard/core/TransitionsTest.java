package dev.jdbcguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.bootstrap.Bridge;
import dev.jdbcguard.driver.DriverSupport;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

class TransitionsTest {

    private final TrackedConnection t =
            new TrackedConnection(1, "jdbc:x", DriverSupport.of(Object.class), CreationSite.BEFORE_ATTACH, System.nanoTime());

    private void autoCommit(boolean on) {
        Transitions.connectionCall(t, Bridge.OP_SET_AUTOCOMMIT, on ? 1L : 0L, null);
    }

    @Test
    void newConnectionIsInAutoCommitWithNoTransactionWork() {
        ran("INSERT INTO t VALUES (1)");

        assertThat(t.autoCommit()).isTrue();
        assertThat(t.transactionStatements()).isZero();
        assertThat(t.inTransactionWithWork()).isFalse();
    }

    @Test
    void statementsAreCountedOnceAutoCommitIsOff() {
        autoCommit(false);
        assertThat(t.inTransactionWithWork()).isFalse();

        ran("INSERT INTO t VALUES (1)");
        ran("UPDATE t SET a = 2");

        assertThat(t.autoCommit()).isFalse();
        assertThat(t.transactionStatements()).isEqualTo(2);
        assertThat(t.inTransactionWithWork()).isTrue();
    }

    @Test
    void commitEndsTheTransaction() {
        autoCommit(false);
        ran("INSERT INTO t VALUES (1)");
        ran("INSERT INTO t VALUES (2)");

        Transitions.connectionCall(t, Bridge.OP_COMMIT, 0L, null);

        assertThat(t.transactionStatements()).isZero();
        assertThat(t.inTransactionWithWork()).isFalse();
        assertThat(t.autoCommit()).isFalse();
    }

    @Test
    void rollbackEndsTheTransactionAndClearsALostTransaction() {
        autoCommit(false);
        ran("INSERT INTO t VALUES (1)");
        t.lostTransaction = "link lost";

        Transitions.connectionCall(t, Bridge.OP_ROLLBACK, 0L, null);

        assertThat(t.transactionStatements()).isZero();
        assertThat(t.lostTransaction).isNull();
    }

    @Test
    void switchingAutoCommitBackOnEndsTheTransaction() {
        autoCommit(false);
        ran("INSERT INTO t VALUES (1)");

        autoCommit(true);

        assertThat(t.autoCommit()).isTrue();
        assertThat(t.transactionStatements()).isZero();
        assertThat(t.inTransactionWithWork()).isFalse();
    }

    @Test
    void settingAutoCommitOffAgainKeepsTheOpenTransaction() {
        autoCommit(false);
        ran("INSERT INTO t VALUES (1)");

        autoCommit(false);

        assertThat(t.transactionStatements()).isEqualTo(1);
        assertThat(t.inTransactionWithWork()).isTrue();
    }

    @Test
    void aSetIsRecordedOnlyWithTheValueTheServerReports() {
        ran("SET SESSION wait_timeout=5"); // no server here to confirm it

        assertThat(t.session.variables()).isEmpty();
    }

    @Test
    void theServersFlagsDecideWhetherATransactionIsOpen() {
        t.serverStatus = DriverSupport.AUTOCOMMIT | DriverSupport.IN_TRANSACTION; // START TRANSACTION in SQL
        assertThat(t.autoCommit).as("JDBC saw nothing").isTrue();
        assertThat(t.inTransaction()).isTrue();

        Transitions.connectionCall(t, Bridge.OP_COMMIT, 0L, null);
        assertThat(t.inTransaction()).isFalse();
        assertThat(t.autoCommitOnServer()).isTrue();
    }

    @Test
    void autocommitOffInSqlIsSeenInTheFlagsNotInTheJdbcState() {
        t.serverStatus = 0; // SET autocommit=0 and nothing run since
        assertThat(t.autoCommitOnServer()).isFalse();
        assertThat(t.inTransaction()).isFalse();

        autoCommit(true);
        assertThat(t.autoCommitOnServer()).isTrue();
    }

    @Test
    void withoutFlagsTheJdbcCallsDecide() {
        autoCommit(false);
        ran("INSERT INTO t VALUES (1)");

        assertThat(t.serverStatus).isEqualTo(-1);
        assertThat(t.inTransaction()).isTrue();
    }

    @Test
    void aStatementScopedSettingIsNotSessionState() {
        ran("SET STATEMENT max_statement_time=5 FOR INSERT INTO t VALUES (1)");

        assertThat(t.session.variables()).isEmpty();
        assertThat(t.session.pinnedBy()).isNull();
    }

    @Test
    void temporaryTablePinsTheSession() {
        ran("CREATE TEMPORARY TABLE tmp (a int)");

        assertThat(t.session.pinnedBy()).contains("temporary table");
    }

    @Test
    void namedLockPinsTheSession() {
        ran("SELECT GET_LOCK('job', 10)");

        assertThat(t.session.pinnedBy()).contains("named lock");
    }

    @Test
    void unlockTablesAfterLockTablesUnpins() {
        ran("LOCK TABLES t WRITE");
        assertThat(t.session.pinnedBy()).contains("LOCK TABLES");

        ran("UNLOCK TABLES");

        assertThat(t.session.pinnedBy()).isNull();
    }
    @Test
    void unlockTablesDoesNotForgetATemporaryTable() {
        ran("CREATE TEMPORARY TABLE tmp (a int)");
        ran("LOCK TABLES t WRITE");
        ran("UNLOCK TABLES");

        assertThat(t.session.pinnedBy()).isNotNull();
    }

    @Test
    void aUserVariableTheServerDidNotDenyPinsTheSession() {
        ran("SET @x=1");

        assertThat(t.session.pinnedBy()).contains("user variable(s) @x");
        assertThat(t.session.variables()).isEmpty();
    }

    @Test
    void connectionSettersAreRecordedInTheSession() {
        Transitions.connectionCall(t, Bridge.OP_SET_CATALOG, 0L, "shop");
        Transitions.connectionCall(t, Bridge.OP_SET_ISOLATION, Connection.TRANSACTION_READ_COMMITTED, null);
        Transitions.connectionCall(t, Bridge.OP_SET_READ_ONLY, 1L, null);
        Transitions.connectionCall(t, Bridge.OP_SET_NETWORK_TIMEOUT, 3000L, null);

        assertThat(t.session.catalog()).isEqualTo("shop");
        assertThat(t.session.isolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
        assertThat(t.session.readOnly()).isTrue();
        assertThat(t.session.networkTimeoutMillis()).isEqualTo(3000);
    }

    @Test
    void closeMarksTheConnectionClosed() {
        Transitions.connectionCall(t, Bridge.OP_CLOSE, 0L, null);

        assertThat(t.isClosed()).isTrue();
    }

    private void ran(String sql) {
        Transitions.statementRan(t, null, sql, null);
    }
}
