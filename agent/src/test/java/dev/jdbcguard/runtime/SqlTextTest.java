package dev.jdbcguard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.runtime.SqlText.Kind;
import org.junit.jupiter.api.Test;

class SqlTextTest {

    @Test
    void selectIsReadWhateverItsCaseLeadingSpaceOrComments() {
        assertThat(SqlText.classify("SELECT 1")).isEqualTo(Kind.READ);
        assertThat(SqlText.classify("   select * from t")).isEqualTo(Kind.READ);
        assertThat(SqlText.classify("/* app=web */ SELECT 1")).isEqualTo(Kind.READ);
        assertThat(SqlText.classify("-- note\nSELECT 1")).isEqualTo(Kind.READ);
        assertThat(SqlText.classify("(SELECT 1) UNION (SELECT 2)")).isEqualTo(Kind.READ);
    }

    @Test
    void showIsRead() {
        assertThat(SqlText.classify("SHOW VARIABLES LIKE 'wait_timeout'")).isEqualTo(Kind.READ);
    }

    @Test
    void sessionSetFormsAreSetSession() {
        assertThat(SqlText.classify("SET SESSION wait_timeout=2")).isEqualTo(Kind.SET_SESSION);
        assertThat(SqlText.classify("SET wait_timeout = 2")).isEqualTo(Kind.SET_SESSION);
        assertThat(SqlText.classify("set @@session.sql_mode='ANSI'")).isEqualTo(Kind.SET_SESSION);
        assertThat(SqlText.classify("SET NAMES utf8mb4")).isEqualTo(Kind.SET_SESSION);
    }

    @Test
    void setOfAtVariableIsUserVariable() {
        assertThat(SqlText.classify("SET @x = 1")).isEqualTo(Kind.SET_USER_VARIABLE);
    }

    @Test
    void globalAndTransactionSetsAreNotSessionState() {
        assertThat(SqlText.classify("SET GLOBAL wait_timeout = 2")).isEqualTo(Kind.OTHER);
        assertThat(SqlText.classify("SET @@global.wait_timeout = 2")).isEqualTo(Kind.OTHER);
        assertThat(SqlText.classify("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")).isEqualTo(Kind.OTHER);
    }
    @Test
    void persistSetsAreNotSessionState() {
        assertThat(SqlText.classify("SET PERSIST max_connections = 500")).isEqualTo(Kind.OTHER);
        assertThat(SqlText.classify("SET PERSIST_ONLY max_connections = 500")).isEqualTo(Kind.OTHER);
    }

    @Test
    void createTemporaryTableIsTemporaryTable() {
        assertThat(SqlText.classify("CREATE TEMPORARY TABLE t (a int)")).isEqualTo(Kind.TEMPORARY_TABLE);
        assertThat(SqlText.classify("create /* x */ temporary table t (a int)")).isEqualTo(Kind.TEMPORARY_TABLE);
    }

    @Test
    void createOrdinaryTableIsOther() {
        assertThat(SqlText.classify("CREATE TABLE t (a int)")).isEqualTo(Kind.OTHER);
    }

    @Test
    void lockAndUnlockTables() {
        assertThat(SqlText.classify("LOCK TABLES t WRITE")).isEqualTo(Kind.LOCK_TABLES);
        assertThat(SqlText.classify("UNLOCK TABLES")).isEqualTo(Kind.UNLOCK_TABLES);
    }

    @Test
    void getLockInSelectIsNamedLock() {
        assertThat(SqlText.classify("SELECT GET_LOCK('x', 1)")).isEqualTo(Kind.NAMED_LOCK);
        assertThat(SqlText.classify("select get_lock('x', 1)")).isEqualTo(Kind.NAMED_LOCK);
    }

    @Test
    void writesAreOther() {
        assertThat(SqlText.classify("INSERT INTO t VALUES (1)")).isEqualTo(Kind.OTHER);
        assertThat(SqlText.classify("UPDATE t SET a = 1")).isEqualTo(Kind.OTHER);
    }

    @Test
    void nullEmptyAndCommentOnlyAreOther() {
        assertThat(SqlText.classify(null)).isEqualTo(Kind.OTHER);
        assertThat(SqlText.classify("")).isEqualTo(Kind.OTHER);
        assertThat(SqlText.classify("/* nothing */")).isEqualTo(Kind.OTHER);
    }

    @Test
    void keywordMustEndAtAWordBoundary() {
        assertThat(SqlText.classify("SELECTED")).isEqualTo(Kind.OTHER);
        assertThat(SqlText.classify("SETTINGS")).isEqualTo(Kind.OTHER);
        assertThat(SqlText.classify("LOCKED_ROWS")).isEqualTo(Kind.OTHER);
        assertThat(SqlText.classify("SHOWCASE")).isEqualTo(Kind.OTHER);
    }

    @Test
    void setVariableNamesTheVariableInLowerCase() {
        assertThat(SqlText.setVariable("SET SESSION wait_timeout=2")).isEqualTo("wait_timeout");
        assertThat(SqlText.setVariable("SET wait_timeout = 2")).isEqualTo("wait_timeout");
        assertThat(SqlText.setVariable("set @@session.sql_mode='ANSI'")).isEqualTo("sql_mode");
        assertThat(SqlText.setVariable("SET @@SQL_MODE='ANSI'")).isEqualTo("sql_mode");
        assertThat(SqlText.setVariable("SET LOCAL Wait_Timeout=2")).isEqualTo("wait_timeout");
        assertThat(SqlText.setVariable("SET NAMES utf8mb4")).isEqualTo("names");
    }

    @Test
    void setVariableOfSeveralVariablesIsTheWholeAssignmentList() {
        assertThat(SqlText.setVariable("SET wait_timeout=2, sql_mode='ANSI'"))
                .isEqualTo("wait_timeout=2, sql_mode='ansi'");
    }
    @Test
    void setVariableSkipsLeadingCommentLikeClassify() {
        String sql = "/* c */ SET SESSION wait_timeout=5";
        assertThat(SqlText.classify(sql)).isEqualTo(Kind.SET_SESSION);

        assertThat(SqlText.setVariable(sql)).isEqualTo("wait_timeout");
    }
    @Test
    void setVariableAcceptsAnyWhitespaceAfterSession() {
        assertThat(SqlText.setVariable("SET SESSION\nwait_timeout=5")).isEqualTo("wait_timeout");
        assertThat(SqlText.setVariable("SET SESSION\twait_timeout=5")).isEqualTo("wait_timeout");
    }

    @Test
    void setNumberReadsTheAssignedNumber() {
        assertThat(SqlText.setNumber("SET SESSION wait_timeout = 2")).isEqualTo(2L);
        assertThat(SqlText.setNumber("SET wait_timeout=28800;")).isEqualTo(28800L);
    }

    @Test
    void setNumberIsMinusOneForNonNumbers() {
        assertThat(SqlText.setNumber("SET sql_mode='ANSI'")).isEqualTo(-1L);
        assertThat(SqlText.setNumber("SET wait_timeout = DEFAULT")).isEqualTo(-1L);
        assertThat(SqlText.setNumber("SET NAMES utf8mb4")).isEqualTo(-1L);
    }

    @org.junit.jupiter.api.Test
    void namedLockIsFoundAfterOtherParenthesesAndInAnyCase() {
        assertThat(SqlText.classify("SELECT (1), count(*), get_lock('job', 10)")).isEqualTo(SqlText.Kind.NAMED_LOCK);
        assertThat(SqlText.classify("SELECT RELEASE_ALL_LOCKS()")).isEqualTo(SqlText.Kind.RELEASE_NAMED_LOCKS);
        assertThat(SqlText.classify("SELECT name, qty FROM items WHERE id = 42")).isEqualTo(SqlText.Kind.READ);
        assertThat(SqlText.classify("SELECT my_get_lockish FROM t")).isEqualTo(SqlText.Kind.READ);
    }
}
