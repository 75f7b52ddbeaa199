package dev.jdbcguard.sql;

import dev.jdbcguard.sql.SqlLexer.Token;
import dev.jdbcguard.sql.SqlLexer.Type;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The SET statement in all its forms, for {@link SqlAnalysis}: which session variables, user variables
 * and transaction modes it changes. Per the manuals, a scope word (GLOBAL, SESSION, ...) holds for the
 * assignments after it that have none of their own, while {@code @@global.x} covers x alone.
 */
final class SqlSet {

    private static final Set<String> SCOPES =
            new HashSet<String>(Arrays.asList("GLOBAL", "SESSION", "LOCAL", "PERSIST", "PERSIST_ONLY"));

    private final SqlAnalysis a;
    private final List<Token> t;
    private String scope = "SESSION";
    private boolean scopeWritten;

    SqlSet(SqlAnalysis a, List<Token> t) {
        this.a = a;
        this.t = t;
    }

    /** The SET statement [s, e); returns whether it is a pure read (only SET STATEMENT ... FOR SELECT is). */
    boolean set(int s, int e) {
        String w = word(s + 1);
        if (w.equals("STATEMENT")) {
            int inner = forAtDepthZero(s + 2, e); // MariaDB: the variables last for the inner statement only
            return inner >= 0 && a.verb(inner + 1, e);
        }
        if (w.equals("PASSWORD") || w.equals("DEFAULT") && word(s + 2).equals("ROLE")) {
            a.commits = true; // they change the mysql schema's tables, which commits
            return false;
        }
        if (w.equals("ROLE")) {
            a.setsRole = true;
            return false;
        }
        if (w.equals("RESOURCE")) {
            return false; // SET RESOURCE GROUP: not tracked
        }
        int depth = 0;
        int from = s + 1;
        for (int i = s + 1; i <= e; i++) {
            if (i < e && t.get(i).isOp("(")) {
                depth++;
            } else if (i < e && t.get(i).isOp(")")) {
                depth--;
            } else if (i == e || depth == 0 && t.get(i).isOp(",")) {
                if (assignment(from, i, e)) {
                    break;
                }
                from = i + 1;
            }
        }
        return false;
    }

    /** One comma-separated assignment [i, b); returns true when it took the rest of the statement. */
    private boolean assignment(int i, int b, int e) {
        while (SCOPES.contains(word(i))) {
            scope = word(i);
            scopeWritten = true;
            i++;
        }
        if (i >= b) {
            return false;
        }
        String w = word(i);
        if (w.equals("TRANSACTION")) {
            transaction(i + 1, e);
            return true;
        }
        if (w.equals("NAMES") || w.equals("CHARSET") || w.equals("CHARACTER") && word(i + 1).equals("SET")) {
            a.sessionVariables.addAll(Arrays.asList("character_set_client", "character_set_connection",
                    "character_set_results", "collation_connection"));
            return false;
        }
        Token k = t.get(i);
        if (!assignOperator(i + 1)) {
            return false;
        }
        if (k.type == Type.USER_VAR) {
            a.userVariables.add(k.text);
            return false;
        }
        String name;
        boolean session;
        if (k.type == Type.SYSTEM_VAR) {
            int dot = k.text.indexOf('.');
            String prefix = dot < 0 ? "" : k.text.substring(0, dot).toUpperCase(Locale.ROOT);
            boolean scoped = SCOPES.contains(prefix);
            name = scoped ? k.text.substring(dot + 1) : k.text;
            session = !scoped || prefix.equals("SESSION") || prefix.equals("LOCAL");
        } else if (k.type == Type.WORD || k.type == Type.QUOTED_ID) {
            name = k.text.toLowerCase(Locale.ROOT);
            session = scope.equals("SESSION") || scope.equals("LOCAL");
        } else {
            return false;
        }
        if (!session || name.indexOf('.') >= 0) {
            return false; // global, persisted, or a structured (key cache) variable, which is global
        }
        if (name.equals("autocommit")) {
            autocommit(i + 2, b);
        } else {
            a.sessionVariables.add(name);
        }
        return false;
    }

    /** SET [SESSION] autocommit: off opens a transaction, on commits the open one and ends it. */
    private void autocommit(int v, int b) {
        String value = b - v == 1 ? t.get(v).text.toUpperCase(Locale.ROOT) : "";
        if (value.equals("1") || value.equals("ON") || value.equals("TRUE")) {
            a.autocommit = SqlFacts.Autocommit.ON;
            a.endTransaction(true);
        } else if (value.equals("0") || value.equals("OFF") || value.equals("FALSE")) {
            a.autocommit = SqlFacts.Autocommit.OFF;
            a.begin();
        } else {
            a.autocommit = SqlFacts.Autocommit.UNKNOWN;
            a.begin(); // an expression, a '?', DEFAULT: assume the worse, a transaction that may commit
            a.commits = true;
        }
    }

    /** SET SESSION TRANSACTION ... is session state; SET TRANSACTION alone covers the next transaction. */
    private void transaction(int i, int e) {
        if (!scopeWritten || !(scope.equals("SESSION") || scope.equals("LOCAL"))) {
            return;
        }
        for (int j = i; j < e; j++) {
            if (t.get(j).is("ISOLATION")) {
                a.sessionVariables.add("transaction_isolation");
            } else if (t.get(j).is("READ") && (word(j + 1).equals("ONLY") || word(j + 1).equals("WRITE"))) {
                a.sessionVariables.add("transaction_read_only");
            }
        }
    }

    private boolean assignOperator(int i) {
        return i < t.size() && (t.get(i).isOp("=") || t.get(i).isOp(":="));
    }

    private int forAtDepthZero(int from, int e) {
        int depth = 0;
        for (int i = from; i < e; i++) {
            if (t.get(i).isOp("(")) {
                depth++;
            } else if (t.get(i).isOp(")")) {
                depth--;
            } else if (depth == 0 && t.get(i).is("FOR")) {
                return i;
            }
        }
        return -1;
    }

    private String word(int i) {
        return i < t.size() && t.get(i).type == Type.WORD ? t.get(i).text : "";
    }
}
