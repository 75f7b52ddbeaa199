package dev.jdbcguard.sql;

import dev.jdbcguard.sql.SqlLexer.Token;
import dev.jdbcguard.sql.SqlLexer.Type;
import java.util.List;
import java.util.Locale;

/** A statement text's tokens, and the questions the analysis asks of them by index. */
final class Tokens {

    private final String sql;
    private final List<Token> list;

    Tokens(String sql, List<Token> list) {
        this.sql = sql;
        this.list = list;
    }

    int nextSemi(int s) {
        int i = s;
        while (i < list.size() && list.get(i).type != Type.SEMI) {
            i++;
        }
        return i;
    }

    /** Index of the ')' that closes the '(' at i, or e. */
    int closing(int i, int e) {
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

    boolean has(int s, int e, String w) {
        for (int i = s; i < e; i++) {
            if (list.get(i).is(w)) {
                return true;
            }
        }
        return false;
    }

    boolean hasPair(int s, int e, String first, String second) {
        for (int i = s; i + 1 < e; i++) {
            if (list.get(i).is(first) && list.get(i + 1).is(second)) {
                return true;
            }
        }
        return false;
    }

    /** The upper-case keyword at i, or "" when token i is no unquoted word. */
    String word(int i) {
        return i < list.size() && list.get(i).type == Type.WORD ? list.get(i).text : "";
    }

    boolean op(int i, String op) {
        return i < list.size() && list.get(i).isOp(op);
    }

    /** The identifier at i as the server would name it: unquoted, original case; null if none. */
    String name(int i) {
        if (i >= list.size()) {
            return null;
        }
        Token k = list.get(i);
        if (k.type == Type.QUOTED_ID) {
            return k.text;
        }
        return k.type == Type.WORD ? sql.substring(k.start, k.end) : null;
    }

    String lowerName(int i) {
        String n = name(i);
        return n == null ? null : n.toLowerCase(Locale.ROOT);
    }
}
