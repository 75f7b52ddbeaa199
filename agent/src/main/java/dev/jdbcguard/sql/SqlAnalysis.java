package dev.jdbcguard.sql;

import dev.jdbcguard.sql.SqlLexer.Token;
import dev.jdbcguard.sql.SqlLexer.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Walks the tokens of a text statement by statement and collects what {@link SqlFacts} reports. Filled
 * once in its constructor and never changed afterwards; SqlFacts holds it in a final field.
 */
final class SqlAnalysis {

    int statements;
    boolean unknown;
    boolean backslashQuote;
    boolean compound;
    boolean pureRead;
    boolean callsProcedure;
    String schema;
    boolean begins;
    boolean ends;
    boolean commits;
    boolean rollsBack;
    boolean releasesSession;
    SqlFacts.Tx tx = SqlFacts.Tx.NONE;
    SqlFacts.Autocommit autocommit = SqlFacts.Autocommit.UNCHANGED;
    final Set<String> sessionVariables = new LinkedHashSet<String>();
    boolean setsRole;
    final Set<String> userVariables = new LinkedHashSet<String>();
    final List<String> lockNames = new ArrayList<String>();
    final List<String> releasedLockNames = new ArrayList<String>();
    boolean releasesAllLocks;
    boolean createsTemporaryTable;
    boolean dropsTemporaryTable;
    boolean locksTables;
    boolean unlocksTables;
    final List<String> prepared = new ArrayList<String>();
    final List<String> deallocated = new ArrayList<String>();
    SqlFacts.Xa xa = SqlFacts.Xa.NONE;
    boolean kill;
    long killedSession = -1;

    private final String sql;
    private final List<Token> t;
    private final Set<Integer> cteNames = new HashSet<Integer>();

    SqlAnalysis(String sql) {
        this.sql = sql == null ? "" : sql;
        SqlLexer lexer = SqlLexer.lex(this.sql);
        t = lexer.tokens;
        unknown = lexer.unterminated;
        backslashQuote = lexer.backslashQuote;
        boolean lastPure = false;
        int s = 0;
        while (s < t.size()) {
            if (t.get(s).type == Type.SEMI) {
                s++;
                continue;
            }
            int e = nextSemi(s);
            if (anonymousBlock(s) || definesStoredProgram(s, e)) {
                compound = true; // its body has ';' of its own: one statement up to the end, never pure
                e = t.size();
            }
            statements++;
            lastPure = statement(s, e);
            s = e;
        }
        pureRead = statements == 1 && lastPure && !unknown && !backslashQuote && !compound;
        commits |= unknown || backslashQuote || compound;
    }

    /** One top-level statement: its side effects wherever they are, then what its verb does. */
    private boolean statement(int s, int e) {
        if (!definesStoredCode(s, e)) {
            scanEffects(s, e); // a view's or routine's body runs later, not now
        }
        if (anonymousBlock(s)) {
            return false;
        }
        return verb(s, e);
    }

    /** Effects that any statement can have in any clause: named locks and user-variable assignments. */
    private void scanEffects(int s, int e) {
        for (int i = s; i < e; i++) {
            Token k = t.get(i);
            if (k.type == Type.WORD && op(i + 1, "(")) {
                if (k.is("GET_LOCK")) {
                    lockNames.add(literalArgument(i + 2));
                } else if (k.is("RELEASE_LOCK")) {
                    releasedLockNames.add(literalArgument(i + 2));
                } else if (k.is("RELEASE_ALL_LOCKS")) {
                    releasesAllLocks = true;
                }
            } else if (k.type == Type.USER_VAR && op(i + 1, ":=")) {
                userVariables.add(k.text);
            } else if (k.is("INTO")) {
                for (int j = i + 1; j < e && t.get(j).type == Type.USER_VAR; j += 2) {
                    userVariables.add(t.get(j).text);
                    if (!op(j + 1, ",")) {
                        break;
                    }
                }
            }
        }
    }

    /** The value of a lone string literal at i followed by ',' or ')', else null (not known here). */
    private String literalArgument(int i) {
        if (i < t.size() && (t.get(i).type == Type.STRING || t.get(i).type == Type.DQ_STRING)
                && (op(i + 1, ",") || op(i + 1, ")"))) {
            return t.get(i).text;
        }
        return null;
    }

    /** Dispatches on the first keyword; returns whether the statement is a read that is safe to repeat. */
    boolean verb(int s, int e) {
        String kw = word(s);
        if (kw.isEmpty() && op(s, "(")) {
            int i = s;
            while (op(i, "(")) {
                i++;
            }
            return readVerb(word(i)) && pure(s, e);
        }
        if (readVerb(kw)) {
            return pure(s, e);
        }
        switch (kw) {
            case "WITH": return withMainIsRead(s, e) && pure(s, e);
            case "DESC": case "DESCRIBE": return !explainsAnalyze(s, e) && pure(s, e);
            case "SET": return new SqlSet(this, t).set(s, e);
            case "USE": schema = name(s + 1); return false;
            case "START": commits = true; if (word(s + 1).equals("TRANSACTION")) { begin(); } return false;
            case "BEGIN": commits = true; begin(); return false;
            case "COMMIT": end(true, s, e); return false;
            case "ROLLBACK": if (!has(s, e, "TO")) { end(false, s, e); } return false;
            case "XA": xa(s); return false;
            case "LOCK": commits = true; locksTables = true; return false;
            case "UNLOCK": commits = true; unlocksTables = true; return false;
            case "FLUSH": commits = true; locksTables |= hasPair(s, e, "READ", "LOCK") || hasPair(s, e, "FOR", "EXPORT");
                return false;
            case "BACKUP": commits = true; backup(s); return false;
            case "CREATE": create(s); return false;
            case "DROP": drop(s); return false;
            case "PREPARE": prepared.add(lowerName(s + 1)); return false;
            case "DEALLOCATE": if (word(s + 1).equals("PREPARE")) { deallocated.add(lowerName(s + 2)); } return false;
            case "CALL": callsProcedure = true; commits = true; return false;
            case "KILL": kill(s, e); return false;
            default: commits |= !NO_COMMIT.contains(kw); return false;
        }
    }

    /** First keywords of statements the manuals never list as committing; anything else may commit. */
    private static final Set<String> NO_COMMIT = new HashSet<String>(java.util.Arrays.asList(
            "INSERT", "UPDATE", "DELETE", "REPLACE", "DO", "HANDLER", "HELP", "EXPLAIN", "CHECKSUM", "SIGNAL",
            "RESIGNAL", "GET", "SAVEPOINT", "RELEASE", "SHOW", "SELECT", "TABLE", "VALUES", "WITH", "DESC",
            "DESCRIBE", "USE", "PREPARE", "DEALLOCATE"));

    private static boolean readVerb(String kw) {
        return kw.equals("SELECT") || kw.equals("SHOW") || kw.equals("TABLE") || kw.equals("VALUES");
    }

    /**
     * Whether a read changes nothing: no INTO, no locking clause, no ':=', no sequence, and every call a
     * known-pure built-in (see {@link PureFunctions}).
     */
    private boolean pure(int s, int e) {
        Deque<String> openers = new ArrayDeque<String>();
        for (int i = s; i < e; i++) {
            Token k = t.get(i);
            if (k.is("INTO") || k.isOp(":=") || k.is("NEXTVAL") || k.is("LASTVAL") || k.is("SETVAL")
                    || k.is("CURRVAL") || k.is("FOR") && (word(i + 1).equals("UPDATE") || word(i + 1).equals("SHARE"))
                    || k.is("LOCK") && word(i + 1).equals("IN")
                    || (k.is("NEXT") || k.is("PREVIOUS")) && word(i + 1).equals("VALUE")) {
                return false;
            }
            if (op(i + 1, "(") && !pureCall(i, s, openers.isEmpty() ? "" : openers.peek())) {
                return false;
            }
            if (k.isOp("(")) {
                openers.push(i > s && t.get(i - 1).type == Type.WORD ? t.get(i - 1).text : "");
            } else if (k.isOp(")") && !openers.isEmpty()) {
                openers.pop();
            }
        }
        return true;
    }

    /** Token i is followed by '(': is it no call at all, or a call of a pure built-in? */
    private boolean pureCall(int i, int s, String opener) {
        Token k = t.get(i);
        Token prev = i > s ? t.get(i - 1) : null;
        boolean afterAs = prev != null && (prev.is("AS") || prev.is("RETURNING"));
        if (cteNames.contains(i) || afterAs && (k.type == Type.WORD || k.type == Type.QUOTED_ID)) {
            return true; // a CTE's column list, a derived table's, or a CAST type such as CHAR(10)
        }
        if (k.type == Type.QUOTED_ID || k.type == Type.DQ_STRING || k.type == Type.NUMBER) {
            return false; // `f`(...), "f"(...) under ANSI_QUOTES, 1f(...): a stored function
        }
        if (k.type != Type.WORD) {
            return true;
        }
        if (prev != null && prev.isOp(".")) {
            return false; // db.f(...) is a stored function even when f is a built-in name
        }
        String name = k.text;
        if (PureFunctions.isNotACall(name) || name.equals("COLUMNS") && prev != null && prev.type == Type.STRING) {
            return true;
        }
        if (PureFunctions.isType(name) && prev != null && (opener.equals("CONVERT") && prev.isOp(",")
                || opener.equals("COLUMNS") && (prev.type == Type.WORD || prev.type == Type.QUOTED_ID))) {
            return true;
        }
        return PureFunctions.isPure(name) && (!PureFunctions.needsAdjacentParen(name) || k.end == t.get(i + 1).start);
    }

    /** WITH [RECURSIVE] name [(cols)] AS (query) [, ...] then SELECT, TABLE, VALUES or '('. */
    private boolean withMainIsRead(int s, int e) {
        int i = s + 1;
        if (word(i).equals("RECURSIVE")) {
            i++;
        }
        while (i < e) {
            cteNames.add(i);
            i++;
            if (op(i, "(")) {
                i = closing(i, e) + 1;
            }
            if (!word(i).equals("AS") || !op(i + 1, "(")) {
                return false;
            }
            i = closing(i + 1, e) + 1;
            if (!op(i, ",")) {
                break;
            }
            i++;
        }
        return readVerb(word(i)) || op(i, "(");
    }

    /** DESCRIBE is EXPLAIN; EXPLAIN ANALYZE runs the statement, and UPDATE/DELETE may be explained. */
    private boolean explainsAnalyze(int s, int e) {
        return has(s, e, "ANALYZE") || has(s, e, "UPDATE") || has(s, e, "DELETE") || has(s, e, "INSERT")
                || has(s, e, "REPLACE");
    }

    void begin() {
        begins = true;
        tx = SqlFacts.Tx.BEGINS;
    }

    void endTransaction(boolean commit) {
        ends = true;
        tx = SqlFacts.Tx.ENDS;
        if (commit) {
            commits = true;
        } else {
            rollsBack = true;
        }
    }

    /** COMMIT|ROLLBACK [WORK] [AND [NO] CHAIN] [[NO] RELEASE]. */
    private void end(boolean commit, int s, int e) {
        endTransaction(commit);
        if (hasPair(s, e, "AND", "CHAIN")) {
            begin();
        }
        for (int i = s; i < e; i++) {
            if (t.get(i).is("RELEASE") && !t.get(i - 1).is("NO")) {
                releasesSession = true;
            }
        }
    }

    private void xa(int s) {
        String v = word(s + 1);
        if (v.equals("START") || v.equals("BEGIN")) {
            xa = SqlFacts.Xa.START;
            begin();
        } else if (v.equals("COMMIT") || v.equals("ROLLBACK")) {
            xa = v.equals("COMMIT") ? SqlFacts.Xa.COMMIT : SqlFacts.Xa.ROLLBACK;
            endTransaction(v.equals("COMMIT"));
        } else if (v.equals("END") || v.equals("PREPARE") || v.equals("RECOVER")) {
            xa = SqlFacts.Xa.valueOf(v);
        } else {
            commits = true; // an XA form we do not know
        }
    }

    /** MariaDB: BACKUP STAGE START ... BACKUP STAGE END, BACKUP LOCK t ... BACKUP UNLOCK. */
    private void backup(int s) {
        String what = word(s + 1);
        String stage = word(s + 2);
        locksTables |= what.equals("LOCK") || what.equals("STAGE") && stage.equals("START");
        unlocksTables |= what.equals("UNLOCK") || what.equals("STAGE") && stage.equals("END");
    }

    private void create(int s) {
        int i = s + 1;
        if (word(i).equals("OR") && word(i + 1).equals("REPLACE")) {
            i += 2;
        }
        if (word(i).equals("TEMPORARY") && word(i + 1).equals("TABLE")) {
            createsTemporaryTable = true; // no implicit commit for temporary tables
        } else {
            commits = true;
        }
    }

    private void drop(int s) {
        if (word(s + 1).equals("TEMPORARY") && word(s + 2).equals("TABLE")) {
            dropsTemporaryTable = true;
        } else if (word(s + 1).equals("PREPARE")) {
            deallocated.add(lowerName(s + 2));
        } else {
            commits = true;
        }
    }

    /** KILL [HARD|SOFT] [CONNECTION] n ends session n; KILL QUERY, USER or an expression ends no known one. */
    private void kill(int s, int e) {
        kill = true;
        killedSession = -1;
        int i = s + 1;
        if (word(i).equals("HARD") || word(i).equals("SOFT")) {
            i++;
        }
        if (word(i).equals("CONNECTION")) {
            i++;
        }
        if (i == e - 1 && t.get(i).type == Type.NUMBER) {
            try {
                killedSession = Long.parseLong(t.get(i).text);
            } catch (NumberFormatException notADecimal) {
                killedSession = -1;
            }
        }
    }

    /** MariaDB runs BEGIN NOT ATOMIC, IF, CASE, LOOP, REPEAT, WHILE, FOR and labelled blocks as statements. */
    private boolean anonymousBlock(int s) {
        String kw = word(s);
        return kw.equals("BEGIN") && word(s + 1).equals("NOT") && word(s + 2).equals("ATOMIC")
                || kw.equals("IF") || kw.equals("CASE") || kw.equals("LOOP") || kw.equals("REPEAT")
                || kw.equals("WHILE") || kw.equals("FOR")
                || (t.get(s).type == Type.WORD || t.get(s).type == Type.QUOTED_ID) && op(s + 1, ":");
    }

    /** CREATE/ALTER of a procedure, function, trigger or event: its body may hold ';'. */
    private boolean definesStoredProgram(int s, int e) {
        String kind = definedKind(s, e);
        return kind.equals("PROCEDURE") || kind.equals("FUNCTION") || kind.equals("TRIGGER") || kind.equals("EVENT");
    }

    private boolean definesStoredCode(int s, int e) {
        return definesStoredProgram(s, e) || definedKind(s, e).equals("VIEW"); // code that runs later
    }

    private static final Set<String> KINDS = new HashSet<String>(java.util.Arrays.asList(
            "TABLE", "VIEW", "PROCEDURE", "FUNCTION", "TRIGGER", "EVENT", "DATABASE", "SCHEMA", "INDEX", "USER",
            "ROLE", "SEQUENCE", "SERVER", "TABLESPACE", "LOGFILE", "SPATIAL", "RESOURCE"));

    /** The first object-kind word of a CREATE or ALTER (after OR REPLACE, DEFINER=..., ALGORITHM=...). */
    private String definedKind(int s, int e) {
        if (!word(s).equals("CREATE") && !word(s).equals("ALTER")) {
            return "";
        }
        for (int i = s + 1; i < e; i++) {
            if (t.get(i).type == Type.WORD && KINDS.contains(t.get(i).text)) {
                return t.get(i).text;
            }
        }
        return "";
    }

    // ---- token helpers -------------------------------------------------------------------------------

    private int nextSemi(int s) {
        int i = s;
        while (i < t.size() && t.get(i).type != Type.SEMI) {
            i++;
        }
        return i;
    }

    /** Index of the ')' that closes the '(' at i, or e. */
    private int closing(int i, int e) {
        int depth = 0;
        for (int j = i; j < e; j++) {
            if (op(j, "(")) {
                depth++;
            } else if (op(j, ")") && --depth == 0) {
                return j;
            }
        }
        return e;
    }

    private boolean has(int s, int e, String w) {
        for (int i = s; i < e; i++) {
            if (t.get(i).is(w)) {
                return true;
            }
        }
        return false;
    }

    private boolean hasPair(int s, int e, String first, String second) {
        for (int i = s; i + 1 < e; i++) {
            if (t.get(i).is(first) && t.get(i + 1).is(second)) {
                return true;
            }
        }
        return false;
    }

    /** The upper-case keyword at i, or "" when token i is no unquoted word. */
    private String word(int i) {
        return i < t.size() && t.get(i).type == Type.WORD ? t.get(i).text : "";
    }

    private boolean op(int i, String op) {
        return i < t.size() && t.get(i).isOp(op);
    }

    /** The identifier at i as the server would name it: unquoted, original case; null if none. */
    private String name(int i) {
        if (i >= t.size()) {
            return null;
        }
        Token k = t.get(i);
        if (k.type == Type.QUOTED_ID) {
            return k.text;
        }
        return k.type == Type.WORD ? sql.substring(k.start, k.end) : null;
    }

    private String lowerName(int i) {
        String n = name(i);
        return n == null ? null : n.toLowerCase(Locale.ROOT);
    }
}
