package dev.jdbcguard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.bootstrap.Bridge;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

class TransitionsTest {

    private final TrackedConnection t =
            new TrackedConnection(1, "jdbc:x", "other", CreationSite.BEFORE_ATTACH, System.nanoTime());

    private void autoCommit(boolean on) {
        Transitions.connectionCall(t, Bridge.OP_SET_AUTOCOMMIT, on ? 1L : 0L, null);
    }

    @Test
    void newConnectionIsInAutoCommitWithNoTransactionWork() {
        Transitions.statementRan(t, "INSERT INTO t VALUES (1)");

        assertThat(t.autoCommit()).isTrue();
        assertThat(t.transactionStatements()).isZero();
        assertThat(t.inTransactionWithWork()).isFalse();
    }

    @Test
    void statementsAreCountedOnceAutoCommitIsOff() {
        autoCommit(false);
        assertThat(t.inTransactionWithWork()).isFalse();

        Transitions.statementRan(t, "INSERT INTO t VALUES (1)");
        Transitions.statementRan(t, "UPDATE t SET a = 2");

        assertThat(t.autoCommit()).isFalse();
        assertThat(t.transactionStatements()).isEqualTo(2);
        assertThat(t.inTransactionWithWork()).isTrue();
    }

    @Test
    void commitEndsTheTransaction() {
        autoCommit(false);
        Transitions.statementRan(t, "INSERT INTO t VALUES (1)");
        Transitions.statementRan(t, "INSERT INTO t VALUES (2)");

        Transitions.connectionCall(t, Bridge.OP_COMMIT, 0L, null);

        assertThat(t.transactionStatements()).isZero();
        assertThat(t.inTransactionWithWork()).isFalse();
        assertThat(t.autoCommit()).isFalse();
    }

    @Test
    void rollbackEndsTheTransactionAndClearsALostTransaction() {
        autoCommit(false);
        Transitions.statementRan(t, "INSERT INTO t VALUES (1)");
        t.lostTransaction = "link lost";

        Transitions.connectionCall(t, Bridge.OP_ROLLBACK, 0L, null);

        assertThat(t.transactionStatements()).isZero();
        assertThat(t.lostTransaction).isNull();
    }

    @Test
    void switchingAutoCommitBackOnEndsTheTransaction() {
        autoCommit(false);
        Transitions.statementRan(t, "INSERT INTO t VALUES (1)");

        autoCommit(true);

        assertThat(t.autoCommit()).isTrue();
        assertThat(t.transactionStatements()).isZero();
        assertThat(t.inTransactionWithWork()).isFalse();
    }

    @Test
    void settingAutoCommitOffAgainKeepsTheOpenTransaction() {
        autoCommit(false);
        Transitions.statementRan(t, "INSERT INTO t VALUES (1)");

        autoCommit(false);

        assertThat(t.transactionStatements()).isEqualTo(1);
        assertThat(t.inTransactionWithWork()).isTrue();
    }

    @Test
    void setWaitTimeoutIsRecordedWithItsStatement() {
        Transitions.statementRan(t, "SET SESSION wait_timeout=5");

        assertThat(t.waitTimeoutSeconds).isEqualTo(5L);
        assertThat(t.session.setStatements()).containsExactly("SET SESSION wait_timeout=5");
    }

    @Test
    void secondSetOfTheSameVariableReplacesTheFirst() {
        Transitions.statementRan(t, "SET SESSION wait_timeout=5");
        Transitions.statementRan(t, "SET sql_mode='ANSI'");
        Transitions.statementRan(t, "SET wait_timeout = 60");

        assertThat(t.waitTimeoutSeconds).isEqualTo(60L);
        assertThat(t.session.setStatements()).containsExactly("SET sql_mode='ANSI'", "SET wait_timeout = 60");
    }

    @Test
    void globalSetIsNotRecordedForReplay() {
        Transitions.statementRan(t, "SET GLOBAL wait_timeout = 5");

        assertThat(t.session.setStatements()).isEmpty();
        assertThat(t.waitTimeoutSeconds).isEqualTo(-1L);
    }

    @Test
    void temporaryTablePinsTheSession() {
        Transitions.statementRan(t, "CREATE TEMPORARY TABLE tmp (a int)");

        assertThat(t.session.pinnedBy()).contains("temporary table");
    }

    @Test
    void namedLockPinsTheSession() {
        Transitions.statementRan(t, "SELECT GET_LOCK('job', 10)");

        assertThat(t.session.pinnedBy()).contains("named lock");
    }

    @Test
    void unlockTablesAfterLockTablesUnpins() {
        Transitions.statementRan(t, "LOCK TABLES t WRITE");
        assertThat(t.session.pinnedBy()).contains("LOCK TABLES");

        Transitions.statementRan(t, "UNLOCK TABLES");

        assertThat(t.session.pinnedBy()).isNull();
    }
    @Test
    void unlockTablesDoesNotForgetATemporaryTable() {
        Transitions.statementRan(t, "CREATE TEMPORARY TABLE tmp (a int)");
        Transitions.statementRan(t, "LOCK TABLES t WRITE");
        Transitions.statementRan(t, "UNLOCK TABLES");

        assertThat(t.session.pinnedBy()).isNotNull();
    }

    @Test
    void atVariableMarksUserVariablesButIsNotReplayed() {
        assertThat(t.session.hasUserVariables()).isFalse();

        Transitions.statementRan(t, "SET @x=1");

        assertThat(t.session.hasUserVariables()).isTrue();
        assertThat(t.session.setStatements()).isEmpty();
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
}
