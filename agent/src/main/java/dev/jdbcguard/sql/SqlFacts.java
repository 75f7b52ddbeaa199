package dev.jdbcguard.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a SQL text does, read by a real lexer ({@link SqlLexer}) rather than by patterns on raw text:
 * whether a statement that failed on a lost link may run again (only if it provably changes nothing),
 * and what it does to the session's state. Built for MySQL 8 and MariaDB 10.11 to 11.4.
 *
 * <p>Conservative by construction: when in doubt {@link #pureRead()} is false and {@link #commits()}
 * is true. Text with an unterminated quote or comment is {@link #unknown()}. Strings are read with
 * backslash escapes (the default sql_mode); a backslash before the string's own quote is ambiguous
 * under NO_BACKSLASH_ESCAPES, so such text is never pure and may commit ({@link #escapedQuote()}).
 * Effects inside stored routines, triggers, views and EXECUTEd statements are not visible here.
 *
 * <p>{@link #read(String)} allocates and is meant for rare paths; {@link #mayChangeSession(String)}
 * is the allocation-free filter for the hot path.
 */
public final class SqlFacts {

    /** The net transaction effect of the text: the last statement that began or ended one decides. */
    enum Tx { NONE, BEGINS, ENDS }

    /** The session's autocommit after the text's last SET autocommit; UNKNOWN for a non-literal value. */
    enum Autocommit { UNCHANGED, ON, OFF, UNKNOWN }

    /** The verb of the last XA statement. */
    public enum Xa { NONE, START, END, PREPARE, COMMIT, ROLLBACK, RECOVER }

    private final SqlAnalysis a;
    private final List<String> sessionVariables;
    private final Set<String> userVariables;
    private final List<String> lockNames;
    private final List<String> releasedLockNames;
    private final List<String> prepared;
    private final List<String> deallocated;

    private SqlFacts(SqlAnalysis a) {
        this.a = a;
        this.sessionVariables = Collections.unmodifiableList(new ArrayList<String>(a.sessionVariables));
        this.userVariables = Collections.unmodifiableSet(new LinkedHashSet<String>(a.userVariables));
        this.lockNames = Collections.unmodifiableList(new ArrayList<String>(a.lockNames));
        this.releasedLockNames = Collections.unmodifiableList(new ArrayList<String>(a.releasedLockNames));
        this.prepared = Collections.unmodifiableList(new ArrayList<String>(a.prepared));
        this.deallocated = Collections.unmodifiableList(new ArrayList<String>(a.deallocated));
    }

    /** Reads the text once; null reads as empty text. */
    public static SqlFacts read(String sql) {
        return new SqlFacts(new SqlAnalysis(sql));
    }

    /** Non-empty top-level statements; a stored-program definition or MariaDB block counts as one. */
    public int statements() {
        return a.statements;
    }

    /** A quote, comment or executable comment is unterminated: only the conservative answers hold. */
    public boolean unknown() {
        return a.unknown;
    }

    /** A string holds a backslash-escaped quote, which NO_BACKSLASH_ESCAPES would read otherwise. */
    boolean escapedQuote() {
        return a.backslashQuote;
    }

    /** CREATE PROCEDURE/FUNCTION/TRIGGER/EVENT or a MariaDB BEGIN NOT ATOMIC/IF/... block: not itemised. */
    boolean compound() {
        return a.compound;
    }

    /**
     * Exactly one statement, a SELECT, SHOW, DESCRIBE t, TABLE t, VALUES ROW(...) or WITH ... SELECT,
     * with no INTO, no locking clause, no ':=', no sequence and only calls of {@link PureFunctions}.
     */
    public boolean pureRead() {
        return a.pureRead;
    }

    boolean callsProcedure() {
        return a.callsProcedure;
    }

    /** The database of the last USE, unquoted, in its written case; null if there is none. */
    public String schema() {
        return a.schema;
    }

    /** START TRANSACTION, BEGIN [WORK], XA START, SET autocommit=0, COMMIT/ROLLBACK AND CHAIN. */
    boolean beginsTransaction() {
        return a.begins;
    }

    /** COMMIT, ROLLBACK (not TO SAVEPOINT), XA COMMIT/ROLLBACK, SET autocommit=1. */
    boolean endsTransaction() {
        return a.ends;
    }

    /** May commit work: COMMIT, SET autocommit=1, any statement with an implicit commit, CALL, unknown text. */
    public boolean commits() {
        return a.commits;
    }

    /** ROLLBACK [WORK] without TO, XA ROLLBACK. */
    public boolean rollsBack() {
        return a.rollsBack;
    }

    /** Where the text leaves the transaction, judged by its last statement that began or ended one. */
    Tx transaction() {
        return a.tx;
    }

    /**
     * What the last SET [SESSION] autocommit = v left. OFF also counts as {@link #beginsTransaction()}
     * and ON as {@link #endsTransaction()}; unlike START TRANSACTION, OFF outlives the next COMMIT.
     */
    Autocommit autocommit() {
        return a.autocommit;
    }

    /** COMMIT RELEASE / ROLLBACK RELEASE: the server closes the session afterwards. */
    boolean releasesSession() {
        return a.releasesSession;
    }

    /** Session system variables assigned, lower-case, in order; never autocommit (see the tx flags). */
    public List<String> sessionVariables() {
        return sessionVariables;
    }

    /** SET ROLE: the session's active roles changed. */
    boolean setsRole() {
        return a.setsRole;
    }

    boolean assignsUserVariables() {
        return !userVariables.isEmpty();
    }

    /** User variables assigned (SET @x, @x :=, INTO @x), lower-case, without '@'. */
    public Set<String> userVariables() {
        return userVariables;
    }

    public boolean takesNamedLock() {
        return !lockNames.isEmpty();
    }

    /** One entry per GET_LOCK call: the name when it is a string literal, else null. */
    public List<String> namedLockNames() {
        return lockNames;
    }

    public boolean releasesNamedLock() {
        return !releasedLockNames.isEmpty();
    }

    /** One entry per RELEASE_LOCK call: the name when it is a string literal, else null. */
    public List<String> releasedLockNames() {
        return releasedLockNames;
    }

    public boolean releasesAllNamedLocks() {
        return a.releasesAllLocks;
    }

    /** CREATE [OR REPLACE] TEMPORARY TABLE. */
    public boolean createsTemporaryTable() {
        return a.createsTemporaryTable;
    }

    /** DROP TEMPORARY TABLE. */
    public boolean dropsTemporaryTable() {
        return a.dropsTemporaryTable;
    }

    /** LOCK TABLES/INSTANCE, FLUSH TABLES ... WITH READ LOCK or FOR EXPORT, BACKUP STAGE START, BACKUP LOCK. */
    public boolean locksTables() {
        return a.locksTables;
    }

    /** UNLOCK TABLES/INSTANCE, BACKUP STAGE END, BACKUP UNLOCK. */
    public boolean unlocksTables() {
        return a.unlocksTables;
    }

    boolean preparesStatement() {
        return !prepared.isEmpty();
    }

    /** Names of PREPARE name FROM ..., lower-case (the server ignores their case). */
    public List<String> preparedStatements() {
        return prepared;
    }

    boolean deallocatesStatement() {
        return !deallocated.isEmpty();
    }

    /** Names of DEALLOCATE PREPARE name / DROP PREPARE name, lower-case. */
    public List<String> deallocatedStatements() {
        return deallocated;
    }

    /** The verb of the last XA statement, or NONE. */
    public Xa xa() {
        return a.xa;
    }

    boolean kill() {
        return a.kill;
    }

    /** The session of the last KILL [HARD|SOFT] [CONNECTION] n; -1 for KILL QUERY, USER or a non-literal. */
    public long killedSession() {
        return a.killedSession;
    }

    @Override
    public String toString() {
        return "SqlFacts{statements=" + a.statements + ", pureRead=" + a.pureRead + ", unknown=" + a.unknown
                + ", commits=" + a.commits + ", tx=" + a.tx + ", sessionVariables=" + sessionVariables
                + ", userVariables=" + userVariables + ", locks=" + lockNames + ", schema=" + a.schema + "}";
    }

    // ---- the hot-path filter ---------------------------------------------------------------------------

    /** Statements that change nothing of the session unless their text holds one of the markers below. */
    private static final String[] PLAIN = {
        "SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "WITH", "SHOW", "DESCRIBE", "DESC", "EXPLAIN",
        "TABLE", "VALUES"};

    /**
     * Allocation-free: false only when {@link #read(String)} would report no session or transaction
     * effect. It is false for a text whose first keyword is a plain read or write (SELECT, INSERT,
     * UPDATE, DELETE, REPLACE, WITH, SHOW, ...) and which nowhere, not even in a string, holds ';',
     * '@', ':=', GET_LOCK, RELEASE_ or an executable comment. Every other text gets true, so every
     * session effect passes: a user variable needs '@' (also for INTO @x), a second statement ';'.
     */
    public static boolean mayChangeSession(String sql) {
        if (sql == null) {
            return false;
        }
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c <= ' ' || c == '(') {
                i++;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                if (executableComment(sql, i)) {
                    return true;
                }
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    return false; // only an open comment: the server runs nothing
                }
                i = end + 2;
            } else if (c == '#' || c == '-' && i + 1 < n && sql.charAt(i + 1) == '-'
                    && (i + 2 >= n || sql.charAt(i + 2) <= ' ')) {
                int end = sql.indexOf('\n', i);
                if (end < 0) {
                    return false;
                }
                i = end + 1;
            } else {
                break;
            }
        }
        return i < n && (!plainFirstKeyword(sql, i) || hasMarker(sql, i));
    }

    /** Allocation-free: the text begins with the keyword KILL (after white space only). */
    public static boolean startsWithKill(String sql) {
        int i = 0;
        while (i < sql.length() && sql.charAt(i) <= ' ') {
            i++;
        }
        return sql.regionMatches(true, i, "KILL", 0, 4)
                && (i + 4 >= sql.length() || !SqlLexer.identifierChar(sql.charAt(i + 4)));
    }

    private static boolean plainFirstKeyword(String sql, int at) {
        for (String word : PLAIN) {
            int end = at + word.length();
            if (sql.regionMatches(true, at, word, 0, word.length())
                    && (end >= sql.length() || !SqlLexer.identifierChar(sql.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasMarker(String sql, int from) {
        for (int i = from; i < sql.length(); i++) {
            char c = sql.charAt(i);
            switch (c) {
                case ';':
                case '@':
                    return true;
                case ':':
                    if (i + 1 < sql.length() && sql.charAt(i + 1) == '=') {
                        return true;
                    }
                    break;
                case '/':
                    if (executableComment(sql, i)) {
                        return true;
                    }
                    break;
                case 'g':
                case 'G':
                    if (sql.regionMatches(true, i, "GET_LOCK", 0, 8)) {
                        return true;
                    }
                    break;
                case 'r':
                case 'R':
                    if (sql.regionMatches(true, i, "RELEASE_", 0, 8)) {
                        return true;
                    }
                    break;
                default:
                    break;
            }
        }
        return false;
    }

    private static boolean executableComment(String sql, int i) {
        return sql.startsWith("/*!", i) || sql.regionMatches(true, i, "/*M!", 0, 4);
    }
}
