package dev.jdbcguard.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SqlFactsTest {

    /** Every text and whether it is a pure read: the corpus that the property tests below run over. */
    static final Object[][] PURE = {
        {"SELECT 1", true},
        {"SELECT 1;", true},
        {"  select * from t  ;  ", true},
        {"/* app=web */ SELECT 1", true},
        {"-- note\nSELECT 1", true},
        {"# note\nSELECT 1", true},
        {"SELECT 'GET_LOCK(' AS x", true},
        {"SELECT \"a;b\"", true},
        {"SELECT 'it''s', \"a\"\"b\", 'x\\\\'", true},
        {"select`x`from t", true},
        {"SELECT `a``b` FROM `t`", true},
        {"SELECT /*+ MAX_EXECUTION_TIME(1000) */ a FROM t", true},
        {"SELECT * FROM t WHERE a IN (1,2)", true},
        {"SELECT * FROM t WHERE a = ?", true},
        {"SELECT 1 -- comment; DELETE FROM t", true},
        {"SELECT 1 --x", true},
        {"SELECT 1--1", true},
        {"SELECT CAST(a AS CHAR(10)), CONVERT(b, DECIMAL(10,2)) FROM t", true},
        {"SELECT CAST(a AS DATETIME(6)), JSON_VALUE(j, '$.a' RETURNING DECIMAL(10,2)) FROM t", true},
        {"SELECT SLEEP(1)", true},
        {"(SELECT 1) UNION ALL (SELECT 2)", true},
        {"((SELECT 1)) UNION (SELECT 2)", true},
        {"SELECT EXISTS (SELECT 1)", true},
        {"SELECT NOT EXISTS(SELECT 1 FROM t WHERE a = ANY (SELECT b FROM u))", true},
        {"SELECT * FROM t WHERE (a, b) IN ((1,2))", true},
        {"SELECT ROW_NUMBER() OVER (PARTITION BY a ORDER BY b) FROM t", true},
        {"SELECT SUM(a) OVER w FROM t WINDOW w AS (PARTITION BY b)", true},
        {"SELECT JSON_EXTRACT(j, '$.a') FROM t", true},
        {"SELECT @x", true},
        {"SELECT @x = 1, @@session.sql_mode, @@version", true},
        {"SELECT COUNT(*), IFNULL(a, 0), CONCAT(a, 'x'), NOW(), DATE_ADD(d, INTERVAL 1 DAY) FROM t", true},
        {"SELECT CONCAT (a, b) FROM t", true},
        {"SELECT * FROM t1 JOIN t2 USING (id) LEFT JOIN (SELECT 1 AS id) AS d ON (d.id = t1.id)", true},
        {"SELECT * FROM t USE INDEX (i1) FORCE INDEX FOR JOIN (i2)", true},
        {"SELECT * FROM t PARTITION (p0)", true},
        {"SELECT * FROM (SELECT 1 AS a) AS dt (b)", true},
        {"SELECT MATCH (a) AGAINST ('x' IN BOOLEAN MODE) FROM t", true},
        {"SELECT * FROM JSON_TABLE('[1]', '$[*]' COLUMNS (n FOR ORDINALITY, v VARCHAR(10) PATH '$')) AS jt", true},
        {"WITH c AS (SELECT 1) SELECT * FROM c", true},
        {"WITH RECURSIVE c (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 3) SELECT * FROM c", true},
        {"SHOW VARIABLES LIKE 'x'", true},
        {"SHOW FULL PROCESSLIST", true},
        {"DESCRIBE t", true},
        {"DESC `t`", true},
        {"TABLE t", true},
        {"VALUES ROW(1, 2), ROW(3, 4)", true},
        {"SET STATEMENT max_statement_time=5 FOR SELECT 1", true},
        {"SELECT 1 /*!, 2 */", true},
        {"SELECT 1 /*M!100500 , 2 */", true},
        {"SELECT * FROM t WHERE name = 'O\\'Brien'", false},
        {"SELECT 1 /*! , GET_LOCK('a', 0) */", false},
        {"SELECT 1 /*M!100500 , RELEASE_LOCK('a') */", false},
        {"SELECT COUNT(*) FROM t FOR UPDATE", false},
        {"SELECT * FROM t FOR UPDATE SKIP LOCKED", false},
        {"SELECT * FROM t FOR SHARE NOWAIT", false},
        {"SELECT * FROM t LOCK IN SHARE MODE", false},
        {"SELECT f(1)", false},
        {"SELECT app.f(1)", false},
        {"SELECT `concat`(1)", false},
        {"SELECT app.now()", false},
        {"SELECT \"f\"(1)", false},
        {"SELECT 1f(2)", false},
        {"SELECT count (a) FROM t", false},
        {"SELECT NEXTVAL(s)", false},
        {"SELECT NEXT VALUE FOR s", false},
        {"SELECT PREVIOUS VALUE FOR s", false},
        {"SELECT s.nextval FROM dual", false},
        {"SELECT LAST_INSERT_ID()", false},
        {"SELECT FOUND_ROWS(), ROW_COUNT()", false},
        {"SELECT BENCHMARK(1000, MD5('a'))", false},
        {"SELECT GET_LOCK('a', 1)", false},
        {"SELECT RELEASE_LOCK('job-7')", false},
        {"SELECT RELEASE_ALL_LOCKS()", false},
        {"SELECT 1; DELETE FROM t", false},
        {"SELECT 1; SELECT 2", false},
        {"SELECT a INTO @v FROM t", false},
        {"SELECT a FROM t INTO OUTFILE '/tmp/x'", false},
        {"SELECT a FROM t INTO DUMPFILE '/tmp/x'", false},
        {"SELECT @x := 1", false},
        {"SELECT 'abc", false},
        {"SELECT 1 /* open", false},
        {"SELECT 1 /*! , 2", false},
        {"SELECT `x", false},
        {"WITH c AS (SELECT 1) DELETE FROM t WHERE a IN (SELECT * FROM c)", false},
        {"WITH c AS (SELECT 1) UPDATE t SET a = 1", false},
        {"DESCRIBE ANALYZE SELECT 1", false},
        {"EXPLAIN SELECT 1", false},
        {"SET STATEMENT max_statement_time=5 FOR INSERT INTO t VALUES (1)", false},
        {"INSERT INTO t VALUES ('--', '#', '/*')", false},
        {"INSERT INTO t VALUES (GET_LOCK('a', 1))", false},
        {"UPDATE t SET a = 1", false},
        {"DELETE FROM t", false},
        {"CALL p()", false},
        {"DO 1", false},
        {"DO GET_LOCK('job-7', 10)", false},
        {"SET autocommit=0", false},
        {"SET @@session.autocommit = OFF", false},
        {"SET autocommit = 1", false},
        {"SET autocommit = ?", false},
        {"SET sql_mode=CONCAT(@@sql_mode, ',ANSI_QUOTES'), time_zone = '+00:00'", false},
        {"SET NAMES utf8mb4 COLLATE utf8mb4_bin", false},
        {"SET CHARACTER SET utf8mb4", false},
        {"SET @a = 1, @@session.wait_timeout = 10", false},
        {"SET GLOBAL max_connections = 500, wait_timeout = 10", false},
        {"SET GLOBAL max_connections = 500, SESSION wait_timeout = 10", false},
        {"SET @@global.max_connections = 500, sql_mode = ''", false},
        {"SET PERSIST max_connections = 500", false},
        {"SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED, READ ONLY", false},
        {"SET TRANSACTION ISOLATION LEVEL SERIALIZABLE", false},
        {"SET LOCAL sql_mode := 'ANSI'", false},
        {"SET `@x` = 1, @`x y` = 2, @'q' := 3", false},
        {"SET @got = GET_LOCK(?, 5)", false},
        {"SET PASSWORD = 'x'", false},
        {"SET ROLE ALL", false},
        {"SET DEFAULT ROLE r TO 'u'@'h'", false},
        {"/*!40101 SET NAMES utf8 */;", false},
        {"CREATE OR REPLACE TEMPORARY TABLE t (a INT)", false},
        {"create temporary table if not exists t2 select 1", false},
        {"DROP TEMPORARY TABLE IF EXISTS t", false},
        {"CREATE TABLE t (a INT)", false},
        {"DROP TABLE t", false},
        {"LOCK TABLES t WRITE", false},
        {"UNLOCK TABLES", false},
        {"FLUSH TABLES WITH READ LOCK", false},
        {"FLUSH TABLES t FOR EXPORT", false},
        {"LOCK INSTANCE FOR BACKUP", false},
        {"UNLOCK INSTANCE", false},
        {"BACKUP STAGE START", false},
        {"BACKUP STAGE END", false},
        {"USE `ten ant`", false},
        {"use tenant42;", false},
        {"USE a; USE b", false},
        {"BEGIN", false},
        {"BEGIN WORK", false},
        {"BEGIN NOT ATOMIC SELECT 1; END", false},
        {"START TRANSACTION READ ONLY", false},
        {"START TRANSACTION WITH CONSISTENT SNAPSHOT, READ WRITE", false},
        {"START SLAVE", false},
        {"COMMIT", false},
        {"COMMIT WORK AND NO CHAIN NO RELEASE", false},
        {"COMMIT AND CHAIN", false},
        {"COMMIT RELEASE", false},
        {"ROLLBACK", false},
        {"ROLLBACK TO SAVEPOINT s1", false},
        {"ROLLBACK WORK TO s1", false},
        {"SAVEPOINT s1", false},
        {"RELEASE SAVEPOINT s1", false},
        {"XA START 'x'", false},
        {"XA END 'x'", false},
        {"XA PREPARE 'x'", false},
        {"XA COMMIT 'x'", false},
        {"XA ROLLBACK 'x'", false},
        {"XA RECOVER", false},
        {"KILL 42", false},
        {"KILL CONNECTION 43", false},
        {"KILL HARD 44", false},
        {"KILL QUERY 42", false},
        {"KILL ?", false},
        {"TRUNCATE t", false},
        {"ALTER TABLE t ADD c INT", false},
        {"GRANT SELECT ON db.* TO 'u'@'h'", false},
        {"ANALYZE TABLE t", false},
        {"PREPARE s FROM 'SELECT 1'", false},
        {"EXECUTE s USING @a", false},
        {"DEALLOCATE PREPARE s", false},
        {"DROP PREPARE S2", false},
        {"CREATE PROCEDURE p() BEGIN SELECT GET_LOCK('in-body', 1); COMMIT; END", false},
        {"CREATE DEFINER=`root`@`%` EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM t; END", false},
        {"CREATE VIEW v AS SELECT GET_LOCK('later', 1)", false},
        {"HANDLER t OPEN", false},
        {"FROBNICATE everything", false},
    };

    static Stream<Arguments> pureTable() {
        return Arrays.stream(PURE).map(row -> Arguments.of(row[0], row[1]));
    }

    static List<String> corpus() {
        List<String> all = new ArrayList<>();
        for (Object[] row : PURE) {
            all.add((String) row[0]);
        }
        return all;
    }

    private static SqlFacts read(String sql) {
        return SqlFacts.read(sql);
    }

    @ParameterizedTest
    @MethodSource("pureTable")
    void pureReadIsTrueOnlyForReadsThatChangeNothing(String sql, boolean pure) {
        assertThat(read(sql).pureRead()).as(sql).isEqualTo(pure);
    }

    @Test
    void corpusIsLargeEnough() {
        assertThat(corpus()).hasSizeGreaterThanOrEqualTo(60).doesNotHaveDuplicates();
    }

    /** The hot-path filter may say true too often, but never false where read() sees an effect. */
    @Test
    void mayChangeSessionIsTrueWheneverReadSeesAnEffect() {
        for (String sql : corpus()) {
            SqlFacts f = read(sql);
            if (hasEffect(f)) {
                assertThat(SqlFacts.mayChangeSession(sql)).as(sql).isTrue();
            }
        }
    }

    private static boolean hasEffect(SqlFacts f) {
        boolean conservativeCommit = f.unknown() || f.escapedQuote();
        return !f.sessionVariables().isEmpty() || f.assignsUserVariables() || f.takesNamedLock()
                || f.releasesNamedLock() || f.releasesAllNamedLocks() || f.createsTemporaryTable()
                || f.dropsTemporaryTable() || f.locksTables() || f.unlocksTables() || f.preparesStatement()
                || f.deallocatesStatement() || f.xa() != SqlFacts.Xa.NONE || f.kill() || f.schema() != null
                || f.setsRole() || f.beginsTransaction() || f.endsTransaction() || f.rollsBack()
                || f.callsProcedure() || f.releasesSession() || f.autocommit() != SqlFacts.Autocommit.UNCHANGED || f.compound() || f.statements() > 1
                || f.commits() && !conservativeCommit;
    }

    @Test
    void mayChangeSessionIsFalseForPlainStatements() {
        for (String sql : new String[] {"SELECT 1", "  /* c */ select * from t where a = ?", "-- x\nSELECT 1",
                "(SELECT 1) UNION (SELECT 2)", "INSERT INTO t VALUES (1)", "UPDATE t SET a = 2 WHERE b = ?",
                "DELETE FROM t", "REPLACE INTO t VALUES (1)", "WITH c AS (SELECT 1) SELECT * FROM c",
                "SHOW VARIABLES", "SELECT * FROM t FOR UPDATE", "", "   ", null}) {
            assertThat(SqlFacts.mayChangeSession(sql)).as(String.valueOf(sql)).isFalse();
        }
    }

    @Test
    void mayChangeSessionIsTrueForSessionVerbsAndMarkers() {
        for (String sql : new String[] {"SET x=1", "use db", "LOCK TABLES t READ", "/*!40101 SET NAMES utf8 */",
                "/* c */ /*M! SET x=1 */ SELECT 1", "SELECT GET_LOCK('a', 1)", "SELECT @x := 1", "SELECT 1; SET x=1",
                "SELECT a INTO @v FROM t", "INSERT INTO t VALUES (release_lock('a'))", "SELECTED", "ALTER TABLE t",
                "SELECT 1 /*! , 2 */", "CALL p()", "BEGIN", "XA START 'x'"}) {
            assertThat(SqlFacts.mayChangeSession(sql)).as(sql).isTrue();
        }
    }

    @Test
    void countsNonEmptyStatementsOnly() {
        assertThat(read("SELECT 1;").statements()).isEqualTo(1);
        assertThat(read(";; SELECT 1 ;\n ;").statements()).isEqualTo(1);
        assertThat(read("SELECT 1; DELETE FROM t").statements()).isEqualTo(2);
        assertThat(read("SELECT \"a;b\"").statements()).isEqualTo(1);
        assertThat(read("SELECT 1 -- comment; DELETE").statements()).isEqualTo(1);
        assertThat(read("SELECT 1 # ; DELETE\n").statements()).isEqualTo(1);
        assertThat(read("SELECT 1 /*!; DELETE FROM t */").statements()).isEqualTo(2);
        assertThat(read("").statements()).isZero();
        assertThat(read(null).statements()).isZero();
        assertThat(read("/* only a comment */").statements()).isZero();
    }

    @Test
    void compoundStatementsAreOneStatementToTheEnd() {
        SqlFacts block = read("BEGIN NOT ATOMIC SELECT 1; END");
        assertThat(block.statements()).isEqualTo(1);
        assertThat(block.compound()).isTrue();
        assertThat(block.beginsTransaction()).isFalse();
        assertThat(block.commits()).isTrue();

        SqlFacts proc = read("DROP PROCEDURE IF EXISTS p; CREATE PROCEDURE p() BEGIN SELECT GET_LOCK('b', 1); END");
        assertThat(proc.statements()).isEqualTo(2);
        assertThat(proc.compound()).isTrue();
        assertThat(proc.takesNamedLock()).as("a routine body runs later, not now").isFalse();
        assertThat(read("CREATE VIEW v AS SELECT GET_LOCK('later', 1)").takesNamedLock()).isFalse();
    }

    @Test
    void unknownTextAnswersConservatively() {
        for (String sql : new String[] {"SELECT 'abc", "SELECT \"abc", "SELECT `abc", "SELECT 1 /* x",
                "SELECT /*! 1", "SELECT 'a\\"}) {
            SqlFacts f = read(sql);
            assertThat(f.unknown()).as(sql).isTrue();
            assertThat(f.pureRead()).as(sql).isFalse();
            assertThat(f.commits()).as(sql).isTrue();
        }
        assertThat(read("SELECT 1").unknown()).isFalse();
        assertThat(read("SELECT 1").commits()).isFalse();
    }

    @Test
    void backslashEscapedQuoteIsNeverPureAndMayCommit() {
        SqlFacts f = read("INSERT INTO t VALUES ('a\\'); COMMIT; -- ')");
        assertThat(f.escapedQuote()).isTrue();
        assertThat(f.statements()).isEqualTo(1);
        assertThat(f.commits()).isTrue();
        assertThat(read("SELECT 'a\\\\', 'b\\\"'").escapedQuote()).isFalse();
    }

    @Test
    void callsProcedure() {
        assertThat(read("CALL p()").callsProcedure()).isTrue();
        assertThat(read("call db.p(1, ?)").commits()).isTrue();
        assertThat(read("SELECT 'CALL p()'").callsProcedure()).isFalse();
    }

    @Test
    void schemaIsTheLastUseUnquoted() {
        assertThat(read("USE `ten ant`").schema()).isEqualTo("ten ant");
        assertThat(read("use tenant42;").schema()).isEqualTo("tenant42");
        assertThat(read("USE a; USE `B``c`").schema()).isEqualTo("B`c");
        assertThat(read("USE Tenant").schema()).isEqualTo("Tenant");
        assertThat(read("SELECT 'USE x'").schema()).isNull();
        assertThat(read("USE a").commits()).isFalse();
    }

    @Test
    void transactionBeginnings() {
        for (String sql : new String[] {"BEGIN", "BEGIN WORK", "START TRANSACTION READ ONLY",
                "start transaction with consistent snapshot", "XA START 'x'", "XA BEGIN 'x'", "SET autocommit=0",
                "SET @@session.autocommit = OFF", "SET SESSION autocommit = 0", "SET autocommit = ?"}) {
            SqlFacts f = read(sql);
            assertThat(f.beginsTransaction()).as(sql).isTrue();
            assertThat(f.endsTransaction()).as(sql).isFalse();
            assertThat(f.transaction()).as(sql).isEqualTo(SqlFacts.Tx.BEGINS);
            assertThat(f.sessionVariables()).as(sql).isEmpty();
        }
        assertThat(read("BEGIN").commits()).as("BEGIN commits the open transaction").isTrue();
        assertThat(read("BEGIN").autocommit()).isEqualTo(SqlFacts.Autocommit.UNCHANGED);
        assertThat(read("SET autocommit=0").autocommit()).isEqualTo(SqlFacts.Autocommit.OFF);
        assertThat(read("SET autocommit='ON'").autocommit()).isEqualTo(SqlFacts.Autocommit.ON);
        assertThat(read("SET autocommit=@v").autocommit()).isEqualTo(SqlFacts.Autocommit.UNKNOWN);
        assertThat(read("SET autocommit=0; COMMIT").autocommit()).isEqualTo(SqlFacts.Autocommit.OFF);
        assertThat(read("SET autocommit=0").commits()).isFalse();
        assertThat(read("SET autocommit=?").commits()).as("unknown value").isTrue();
        assertThat(read("XA START 'x'").xa()).isEqualTo(SqlFacts.Xa.START);
        assertThat(read("BEGIN NOT ATOMIC SELECT 1; END").beginsTransaction()).isFalse();
        assertThat(read("SET GLOBAL autocommit=0").beginsTransaction()).isFalse();
    }

    @Test
    void transactionEnds() {
        for (String sql : new String[] {"COMMIT", "COMMIT WORK", "commit and no chain no release", "XA COMMIT 'x'",
                "SET autocommit = 1", "SET @@autocommit=ON"}) {
            SqlFacts f = read(sql);
            assertThat(f.endsTransaction()).as(sql).isTrue();
            assertThat(f.commits()).as(sql).isTrue();
            assertThat(f.rollsBack()).as(sql).isFalse();
            assertThat(f.transaction()).as(sql).isEqualTo(SqlFacts.Tx.ENDS);
        }
        for (String sql : new String[] {"ROLLBACK", "ROLLBACK WORK", "XA ROLLBACK 'x'"}) {
            SqlFacts f = read(sql);
            assertThat(f.endsTransaction()).as(sql).isTrue();
            assertThat(f.rollsBack()).as(sql).isTrue();
            assertThat(f.commits()).as(sql).isFalse();
        }
        SqlFacts chain = read("COMMIT AND CHAIN");
        assertThat(chain.endsTransaction()).isTrue();
        assertThat(chain.beginsTransaction()).isTrue();
        assertThat(chain.transaction()).isEqualTo(SqlFacts.Tx.BEGINS);
        assertThat(read("COMMIT RELEASE").releasesSession()).isTrue();
        assertThat(read("COMMIT NO RELEASE").releasesSession()).isFalse();
        assertThat(read("BEGIN; COMMIT").transaction()).isEqualTo(SqlFacts.Tx.ENDS);
    }

    @Test
    void savepointsEndNothing() {
        for (String sql : new String[] {"ROLLBACK TO SAVEPOINT s1", "ROLLBACK WORK TO s1", "SAVEPOINT s1",
                "RELEASE SAVEPOINT s1"}) {
            SqlFacts f = read(sql);
            assertThat(f.endsTransaction()).as(sql).isFalse();
            assertThat(f.rollsBack()).as(sql).isFalse();
            assertThat(f.commits()).as(sql).isFalse();
            assertThat(f.transaction()).as(sql).isEqualTo(SqlFacts.Tx.NONE);
        }
    }

    @Test
    void implicitCommits() {
        for (String sql : new String[] {"TRUNCATE t", "ALTER TABLE t ADD c INT", "CREATE TABLE t (a INT)",
                "DROP TABLE t", "RENAME TABLE a TO b", "CREATE INDEX i ON t (a)", "CREATE SEQUENCE s",
                "GRANT SELECT ON db.* TO 'u'@'h'", "REVOKE ALL ON db.* FROM u", "SET PASSWORD = 'x'",
                "LOCK TABLES t WRITE", "UNLOCK TABLES", "START TRANSACTION", "ANALYZE TABLE t", "OPTIMIZE TABLE t",
                "FLUSH PRIVILEGES", "RESET MASTER", "LOAD DATA INFILE 'x' INTO TABLE t", "CHANGE MASTER TO x = 1",
                "START REPLICA", "STOP SLAVE", "INSTALL PLUGIN p SONAME 'p.so'", "CACHE INDEX t IN k",
                "FROBNICATE everything", "EXECUTE s"}) {
            assertThat(read(sql).commits()).as(sql).isTrue();
        }
        for (String sql : new String[] {"CREATE TEMPORARY TABLE t (a INT)", "DROP TEMPORARY TABLE t",
                "SELECT 1", "INSERT INTO t VALUES (1)", "UPDATE t SET a = 1", "DELETE FROM t", "SET x = 1",
                "SET @x = 1", "DO 1", "KILL 3", "PREPARE s FROM 'x'", "XA END 'x'", "XA PREPARE 'x'"}) {
            assertThat(read(sql).commits()).as(sql).isFalse();
        }
    }

    @Test
    void sessionVariablesOfSet() {
        assertThat(read("SET wait_timeout = 10").sessionVariables()).containsExactly("wait_timeout");
        assertThat(read("SET SESSION Wait_Timeout=10").sessionVariables()).containsExactly("wait_timeout");
        assertThat(read("SET LOCAL sql_mode := 'ANSI'").sessionVariables()).containsExactly("sql_mode");
        assertThat(read("set @@SQL_MODE='ANSI'").sessionVariables()).containsExactly("sql_mode");
        assertThat(read("SET @@session.x = 1, @@local.y = 2").sessionVariables()).containsExactly("x", "y");
        assertThat(read("SET sql_mode=CONCAT(@@sql_mode, ',ANSI_QUOTES'), time_zone = '+00:00'").sessionVariables())
                .containsExactly("sql_mode", "time_zone");
        assertThat(read("SET `sql_mode` = ''").sessionVariables()).containsExactly("sql_mode");
        assertThat(read("/* c */ SET\nSESSION\twait_timeout=5").sessionVariables()).containsExactly("wait_timeout");
    }

    @Test
    void charsetSetsNameTheirVariables() {
        assertThat(read("SET NAMES utf8mb4 COLLATE utf8mb4_bin").sessionVariables()).containsExactly(
                "character_set_client", "character_set_connection", "character_set_results", "collation_connection");
        assertThat(read("SET CHARACTER SET utf8mb4").sessionVariables())
                .contains("character_set_client", "character_set_results", "character_set_connection");
        assertThat(read("SET CHARSET 'utf8'").sessionVariables()).contains("character_set_client");
        assertThat(read("/*!40101 SET NAMES utf8 */;").sessionVariables()).contains("character_set_client");
    }

    @Test
    void scopeWordsHoldForLaterAssignments() {
        assertThat(read("SET GLOBAL max_connections = 500, wait_timeout = 10").sessionVariables()).isEmpty();
        assertThat(read("SET GLOBAL max_connections = 500, SESSION wait_timeout = 10").sessionVariables())
                .containsExactly("wait_timeout");
        assertThat(read("SET @@global.max_connections = 500, sql_mode = ''").sessionVariables())
                .containsExactly("sql_mode");
        assertThat(read("SET PERSIST max_connections = 500").sessionVariables()).isEmpty();
        assertThat(read("SET PERSIST_ONLY max_connections = 500").sessionVariables()).isEmpty();
        assertThat(read("SET @@persist.max_connections = 500").sessionVariables()).isEmpty();
        assertThat(read("SET default.key_buffer_size = 1").sessionVariables()).isEmpty();
    }

    @Test
    void transactionCharacteristics() {
        assertThat(read("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED, READ ONLY").sessionVariables())
                .containsExactly("transaction_isolation", "transaction_read_only");
        assertThat(read("SET SESSION TRANSACTION READ WRITE").sessionVariables())
                .containsExactly("transaction_read_only");
        assertThat(read("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE").sessionVariables()).isEmpty();
        assertThat(read("SET GLOBAL TRANSACTION READ ONLY").sessionVariables()).isEmpty();
    }

    @Test
    void setFormsThatAreNoSessionVariables() {
        assertThat(read("SET PASSWORD = 'x'").sessionVariables()).isEmpty();
        assertThat(read("SET PASSWORD FOR 'u'@'h' = 'x'").userVariables()).isEmpty();
        SqlFacts role = read("SET ROLE ALL");
        assertThat(role.sessionVariables()).isEmpty();
        assertThat(role.setsRole()).isTrue();
        assertThat(read("SET DEFAULT ROLE r TO 'u'@'h'").setsRole()).isFalse();
        assertThat(read("SET autocommit = 0").sessionVariables()).isEmpty();
    }

    @Test
    void setStatementIsScopedToItsInnerStatement() {
        SqlFacts read = read("SET STATEMENT max_statement_time=5 FOR SELECT 1");
        assertThat(read.pureRead()).isTrue();
        assertThat(read.sessionVariables()).isEmpty();
        SqlFacts insert = read("SET STATEMENT max_statement_time=5, sql_mode='' FOR INSERT INTO t VALUES (1)");
        assertThat(insert.pureRead()).isFalse();
        assertThat(insert.sessionVariables()).isEmpty();
        assertThat(read("SET STATEMENT x=1 FOR CREATE TEMPORARY TABLE t (a INT)").createsTemporaryTable()).isTrue();
    }

    @Test
    void userVariables() {
        assertThat(read("SET @a = 1, @@session.wait_timeout = 10").userVariables()).containsExactly("a");
        assertThat(read("SET @a = 1, @@session.wait_timeout = 10").sessionVariables())
                .containsExactly("wait_timeout");
        assertThat(read("SET @`x y` = 1, @'Q' := 2, @\"r\" = 3").userVariables())
                .containsExactlyInAnyOrder("x y", "q", "r");
        assertThat(read("SELECT @x := 1").userVariables()).containsExactly("x");
        assertThat(read("SELECT a, b INTO @v, @W FROM t").userVariables()).containsExactly("v", "w");
        assertThat(read("UPDATE t SET a = (@old := a) + 1").userVariables()).containsExactly("old");
        assertThat(read("SELECT @x, @@x, @x = 1").assignsUserVariables()).isFalse();
        assertThat(read("SET @@x = 1").assignsUserVariables()).isFalse();
        assertThat(read("SELECT a FROM t INTO OUTFILE '/tmp/x'").assignsUserVariables()).isFalse();
        assertThat(read("SELECT '@x := 1'").assignsUserVariables()).isFalse();
    }

    @Test
    void namedLocksAnywhere() {
        assertThat(read("DO GET_LOCK('job-7', 10)").namedLockNames()).containsExactly("job-7");
        assertThat(read("SELECT get_lock('it''s', 1), GET_LOCK(\"b\", 1)").namedLockNames())
                .containsExactly("it's", "b");
        assertThat(read("SET @got = GET_LOCK(?, 5)").namedLockNames()).containsExactly((String) null);
        assertThat(read("SET @got = GET_LOCK(?, 5)").userVariables()).containsExactly("got");
        assertThat(read("SELECT GET_LOCK(CONCAT('a', id), 1) FROM t").namedLockNames())
                .containsExactly((String) null);
        assertThat(read("SELECT 1 /*! , GET_LOCK('a', 0) */").namedLockNames()).containsExactly("a");
        assertThat(read("INSERT INTO t VALUES (GET_LOCK('i', 1))").takesNamedLock()).isTrue();
        assertThat(read("SELECT 'GET_LOCK(' AS x").takesNamedLock()).isFalse();
        assertThat(read("SELECT my_get_lockish FROM t").takesNamedLock()).isFalse();

        SqlFacts release = read("SELECT RELEASE_LOCK('job-7')");
        assertThat(release.releasesNamedLock()).isTrue();
        assertThat(release.releasedLockNames()).containsExactly("job-7");
        assertThat(release.takesNamedLock()).isFalse();
        assertThat(read("SELECT RELEASE_ALL_LOCKS()").releasesAllNamedLocks()).isTrue();
        assertThat(read("SELECT RELEASE_ALL_LOCKS()").releasesNamedLock()).isFalse();
    }

    @Test
    void temporaryTables() {
        assertThat(read("CREATE OR REPLACE TEMPORARY TABLE t (a INT)").createsTemporaryTable()).isTrue();
        assertThat(read("create temporary table if not exists t2 select 1").createsTemporaryTable()).isTrue();
        assertThat(read("create /* x */ temporary table t (a int)").createsTemporaryTable()).isTrue();
        assertThat(read("CREATE TABLE t (a INT)").createsTemporaryTable()).isFalse();
        assertThat(read("DROP TEMPORARY TABLE IF EXISTS t").dropsTemporaryTable()).isTrue();
        assertThat(read("DROP TABLE t").dropsTemporaryTable()).isFalse();
    }

    @Test
    void tableLocks() {
        for (String sql : new String[] {"LOCK TABLES t WRITE", "lock table t read", "FLUSH TABLES WITH READ LOCK",
                "FLUSH TABLES t1, t2 WITH READ LOCK", "FLUSH TABLES t FOR EXPORT", "LOCK INSTANCE FOR BACKUP",
                "BACKUP STAGE START", "BACKUP LOCK t"}) {
            assertThat(read(sql).locksTables()).as(sql).isTrue();
            assertThat(read(sql).unlocksTables()).as(sql).isFalse();
        }
        for (String sql : new String[] {"UNLOCK TABLES", "UNLOCK INSTANCE", "BACKUP STAGE END", "BACKUP UNLOCK"}) {
            assertThat(read(sql).unlocksTables()).as(sql).isTrue();
            assertThat(read(sql).locksTables()).as(sql).isFalse();
        }
        assertThat(read("FLUSH TABLES").locksTables()).isFalse();
        assertThat(read("BACKUP STAGE BLOCK_COMMIT").locksTables()).isFalse();
        assertThat(read("SELECT * FROM t LOCK IN SHARE MODE").locksTables()).isFalse();
    }

    @Test
    void preparedStatements() {
        SqlFacts prepare = read("PREPARE S FROM 'SELECT GET_LOCK(1, 1)'");
        assertThat(prepare.preparedStatements()).containsExactly("s");
        assertThat(prepare.takesNamedLock()).as("the text is only prepared").isFalse();
        assertThat(read("PREPARE `my stmt` FROM @sql").preparedStatements()).containsExactly("my stmt");
        assertThat(read("DEALLOCATE PREPARE s").deallocatedStatements()).containsExactly("s");
        assertThat(read("DROP PREPARE S2").deallocatedStatements()).containsExactly("s2");
        assertThat(read("DROP PREPARE S2").commits()).isFalse();
        assertThat(read("SELECT 1").preparesStatement()).isFalse();
        assertThat(read("SELECT 1").deallocatesStatement()).isFalse();
    }

    @Test
    void xaVerbs() {
        assertThat(read("XA START 'x'").xa()).isEqualTo(SqlFacts.Xa.START);
        assertThat(read("XA BEGIN 'x' JOIN").xa()).isEqualTo(SqlFacts.Xa.START);
        assertThat(read("XA END 'x'").xa()).isEqualTo(SqlFacts.Xa.END);
        assertThat(read("XA PREPARE 'x'").xa()).isEqualTo(SqlFacts.Xa.PREPARE);
        assertThat(read("XA COMMIT 'x' ONE PHASE").xa()).isEqualTo(SqlFacts.Xa.COMMIT);
        assertThat(read("XA ROLLBACK 'x'").xa()).isEqualTo(SqlFacts.Xa.ROLLBACK);
        assertThat(read("XA RECOVER").xa()).isEqualTo(SqlFacts.Xa.RECOVER);
        assertThat(read("SELECT 'XA START'").xa()).isEqualTo(SqlFacts.Xa.NONE);
    }

    @Test
    void kill() {
        assertThat(read("KILL 42").kill()).isTrue();
        assertThat(read("KILL 42").killedSession()).isEqualTo(42L);
        assertThat(read("kill connection 43;").killedSession()).isEqualTo(43L);
        assertThat(read("KILL HARD CONNECTION 44").killedSession()).isEqualTo(44L);
        assertThat(read("KILL SOFT 45").killedSession()).isEqualTo(45L);
        assertThat(read("KILL QUERY 42").kill()).isTrue();
        assertThat(read("KILL QUERY 42").killedSession()).isEqualTo(-1L);
        assertThat(read("KILL ?").killedSession()).isEqualTo(-1L);
        assertThat(read("KILL USER bob").killedSession()).isEqualTo(-1L);
        assertThat(read("SELECT 1").kill()).isFalse();
        assertThat(read("SELECT 1").killedSession()).isEqualTo(-1L);
    }

    @Test
    void lexerReadsStringsCommentsAndOperators() {
        assertThat(read("INSERT INTO t VALUES ('--', '#', '/*')").statements()).isEqualTo(1);
        assertThat(read("INSERT INTO t VALUES ('--', '#', '/*')").unknown()).isFalse();
        assertThat(read("SELECT 1 --x").statements()).isEqualTo(1);
        assertThat(read("SELECT 1 --\tcomment ; DELETE").statements()).isEqualTo(1);
        assertThat(read("SELECT 1 --").statements()).isEqualTo(1);
        assertThat(read("SELECT a:=1").userVariables()).isEmpty();
        assertThat(read("SELECT 1.5e-3, 0x1F, .5, 'a' 'b'").pureRead()).isTrue();
        assertThat(read("SELECT 'x' ; SELECT `;` ; SELECT \";\"").statements()).isEqualTo(3);
        assertThat(read("SET @x = 'a\\nb', @y = 2").userVariables()).containsExactly("x", "y");
    }

    @Test
    void everyCorpusTextReadsWithoutThrowingAndAgreesWithItself() {
        for (String sql : corpus()) {
            SqlFacts f = read(sql);
            assertThat(f.toString()).isNotEmpty();
            if (f.pureRead()) {
                assertThat(f.statements()).as(sql).isEqualTo(1);
                assertThat(f.commits()).as(sql).isFalse();
                assertThat(hasEffect(f)).as(sql).isFalse();
            }
            if (f.unknown()) {
                assertThat(f.commits()).as(sql).isTrue();
            }
        }
    }

    @Test
    void readsEveryPrefixOfTheCorpusWithoutThrowing() {
        for (String sql : corpus()) {
            for (int end = 0; end <= sql.length(); end++) {
                String prefix = sql.substring(0, end);
                SqlFacts.read(prefix);
                SqlFacts.mayChangeSession(prefix);
            }
        }
    }
}
