package dev.jdbcguard.runtime;

import dev.jdbcguard.bootstrap.Bridge;

/** How a successful call changes what the agent knows about a connection's session. */
final class Transitions {

    private static final String TABLE_LOCKS = "table locks (LOCK TABLES)";
    private static final String NAMED_LOCK = "a named lock (GET_LOCK)";
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
                break;
            case Bridge.OP_COMMIT:
            case Bridge.OP_ROLLBACK:
                t.transactionStatements = 0;
                t.lostTransaction = null;
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

    /** Returns what the statement was, so the caller need not read the SQL again. */
    static SqlText.Kind statementRan(TrackedConnection t, String sql) {
        if (!t.autoCommit) {
            if (t.transactionStatements++ == 0) {
                Thread current = Thread.currentThread();
                t.transactionThreadId = current.getId();
                t.transactionThreadName = current.getName();
            }
        }
        if (sql == null) {
            return SqlText.Kind.OTHER;
        }
        SqlText.Kind kind = classify(t, sql);
        if (kind == SqlText.Kind.READ || kind == SqlText.Kind.OTHER) {
            return kind; // most statements: decided by comparing constants, without the switch's lookup table
        }
        switch (kind) {
            case SET_SESSION:
                String name = SqlText.setVariable(sql);
                t.session.variableSet(name, sql);
                if (name.equals("wait_timeout")) {
                    t.waitTimeoutSeconds = SqlText.setNumber(sql);
                }
                break;
            case SET_USER_VARIABLE:
                t.session.userVariablesSet();
                break;
            case TEMPORARY_TABLE:
                t.session.pin("a temporary table (CREATE TEMPORARY TABLE)");
                break;
            case LOCK_TABLES:
                t.session.pin(TABLE_LOCKS);
                break;
            case UNLOCK_TABLES:
                t.session.unpin(TABLE_LOCKS);
                break;
            case RELEASE_NAMED_LOCKS:
                t.session.unpin(NAMED_LOCK);
                break;
            case NAMED_LOCK:
                t.session.pin(NAMED_LOCK);
                break;
            default:
                break;
        }
        return kind;
    }

    /** The same String object as last time needs no second look; a long text is not kept. */
    private static SqlText.Kind classify(TrackedConnection t, String sql) {
        if (sql == t.classifiedSql) {
            return t.classifiedKind;
        }
        SqlText.Kind kind = SqlText.classify(sql);
        if (sql.length() <= MAX_REMEMBERED_SQL) {
            t.classifiedSql = sql;
            t.classifiedKind = kind;
        }
        return kind;
    }
}
