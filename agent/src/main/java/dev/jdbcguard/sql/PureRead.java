package dev.jdbcguard.sql;

import dev.jdbcguard.sql.SqlLexer.Token;
import dev.jdbcguard.sql.SqlLexer.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a read is safe to run twice, for {@link SqlAnalysis}: a SELECT (or SHOW, TABLE, VALUES,
 * WITH ... SELECT, DESCRIBE) with no INTO, no locking clause, no sequence and no call but of a
 * known-pure built-in. When in doubt, not pure.
 */
final class PureRead {

    private final List<Token> t;
    private final Tokens tk;
    /** Token indexes of CTE names: their column lists look like calls. */
    private final Set<Integer> cteNames = new HashSet<Integer>();

    PureRead(List<Token> t, Tokens tk) {
        this.t = t;
        this.tk = tk;
    }

    static boolean readVerb(String kw) {
        return kw.equals("SELECT") || kw.equals("SHOW") || kw.equals("TABLE") || kw.equals("VALUES");
    }

    /**
     * Whether a read changes nothing: no INTO, no locking clause, no ':=', no sequence, and every call a
     * known-pure built-in (see {@link PureFunctions}).
     */
    boolean pure(int s, int e) {
        Deque<String> openers = new ArrayDeque<String>();
        for (int i = s; i < e; i++) {
            Token k = t.get(i);
            if (k.is("INTO") || k.isOp(":=") || k.is("NEXTVAL") || k.is("LASTVAL") || k.is("SETVAL")
                    || k.is("CURRVAL") || k.is("FOR") && (tk.word(i + 1).equals("UPDATE") || tk.word(i + 1).equals("SHARE"))
                    || k.is("LOCK") && tk.word(i + 1).equals("IN")
                    || (k.is("NEXT") || k.is("PREVIOUS")) && tk.word(i + 1).equals("VALUE")) {
                return false;
            }
            if (tk.op(i + 1, "(") && !pureCall(i, s, openers.isEmpty() ? "" : openers.peek())) {
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
    boolean withMainIsRead(int s, int e) {
        int i = s + 1;
        if (tk.word(i).equals("RECURSIVE")) {
            i++;
        }
        while (i < e) {
            cteNames.add(i);
            i++;
            if (tk.op(i, "(")) {
                i = tk.closing(i, e) + 1;
            }
            if (!tk.word(i).equals("AS") || !tk.op(i + 1, "(")) {
                return false;
            }
            i = tk.closing(i + 1, e) + 1;
            if (!tk.op(i, ",")) {
                break;
            }
            i++;
        }
        return readVerb(tk.word(i)) || tk.op(i, "(");
    }

    /** DESCRIBE is EXPLAIN; EXPLAIN ANALYZE runs the statement, and UPDATE/DELETE may be explained. */
    boolean explainsAnalyze(int s, int e) {
        return tk.has(s, e, "ANALYZE") || tk.has(s, e, "UPDATE") || tk.has(s, e, "DELETE") || tk.has(s, e, "INSERT")
                || tk.has(s, e, "REPLACE");
    }
}
