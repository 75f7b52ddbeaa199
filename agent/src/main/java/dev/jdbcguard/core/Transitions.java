package dev.jdbcguard.core;

import dev.jdbcguard.bootstrap.Bridge;
import dev.jdbcguard.sql.SqlFacts;
import java.sql.Connection;
import java.sql.Statement;

/** How a successful call changes what the agent knows about a connection's session. */
final class Transitions {

    private static final int MAX_REMEMBERED_SQL = 512;

    private Transitions() {
    }

    static void connectionCall(TrackedConnection t, int op, long arg, String text) {
        switch (op) {
            case Bridge.OP_SET_AUTOCOMMIT:
                boolean on = arg == 1L;
                if (on || t.autoCommit) {
                    t.transactionStatements = 0; // JDBC: switching autocommit on commits
                }
                t.autoCommit = on;
                t.autoCommitSet(on);
                break;
            case Bridge.OP_COMMIT:
            case Bridge.OP_ROLLBACK:
                t.transactionStatements = 0;
                t.lostTransaction = null;
                t.transactionEnded();
                break;
            case Bridge.OP_SET_CATALOG:
                t.session.catalog(text);
                break;
            case Bridge.OP_SET_ISOLATION:
                t.session.isolation((int) arg);
                break;
            case Bridge.OP_SET_READ_ONLY:
                t.session.readOnly(arg == 1L);
                break;
            case Bridge.OP_SET_NETWORK_TIMEOUT:
                t.session.networkTimeout((int) arg);
                break;
            case Bridge.OP_CLOSE:
                t.closed = true;
                break;
            default:
                break;
        }
    }

    /** A prepare of text that may change the session: its executes are read from then on. */
    static void prepared(TrackedConnection t, String sql) {
        if (sql == null || t.preparesSessionChangers || sql == t.checkedPrepareSql) {
            return; // programs prepare the same text again and again: the same String is not read twice
        }
        if (SqlFacts.mayChangeSession(sql)) {
            t.preparesSessionChangers = true;
        }
        t.checkedPrepareSql = sql;
    }

    /**
     * A statement succeeded: the server's flags are read, and what it did to the session is
     * asked of the server where the lexer says it may have changed something. Returns the facts
     * of such a statement, else null.
     */
    static SqlFacts statementRan(TrackedConnection t, Connection connection, String sql, Statement statement) {
        t.readServerStatus();
        if (!t.autoCommit) {
            if (t.transactionStatements++ == 0) {
                Thread current = Thread.currentThread();
                t.transactionThreadId = current.getId();
                t.transactionThreadName = ThreadNames.of(current);
            }
        }
        String text = sql;
        if (text == null) {
            if (!t.preparesSessionChangers || statement == null) {
                return null; // most prepared statements: nothing to read
            }
            text = t.support.sqlOf(statement);
            if (text == null) {
                return null;
            }
        }
        SqlFacts facts = facts(t, text);
        if (facts != null) {
            SessionEffects.learn(t, connection, facts);
        }
        return facts;
    }

    /** The same String object as last time needs no second look; a long text is not kept. */
    private static SqlFacts facts(TrackedConnection t, String sql) {
        if (sql == t.classifiedSql) {
            return t.classifiedFacts;
        }
        SqlFacts facts = SqlFacts.mayChangeSession(sql) ? SqlFacts.read(sql) : null;
        if (sql.length() <= MAX_REMEMBERED_SQL) {
            t.classifiedSql = sql;
            t.classifiedFacts = facts;
        }
        return facts;
    }
}
