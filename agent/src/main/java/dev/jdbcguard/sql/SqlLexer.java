package dev.jdbcguard.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts MySQL 8 / MariaDB SQL text into tokens, the way the server's own lexer does in the default
 * sql_mode, so that {@link SqlAnalysis} never mistakes a string, identifier or comment for code.
 * Comments ({@code -- }, {@code #}, {@code /* *\/}, optimizer hints) are dropped; the bodies of
 * executable comments ({@code /*! *\/}, {@code /*!50700 *\/}, {@code /*M! *\/}, {@code /*M!100500 *\/})
 * are lexed as code whatever their version, because the server we talk to may run them.
 */
final class SqlLexer {

    enum Type { WORD, QUOTED_ID, STRING, DQ_STRING, NUMBER, PARAM, USER_VAR, SYSTEM_VAR, OP, SEMI }

    static final class Token {
        final Type type;
        /** WORD: upper-case; quoted forms: the unescaped value; USER_VAR, SYSTEM_VAR: lower-case name. */
        final String text;
        final int start;
        final int end;

        Token(Type type, String text, int start, int end) {
            this.type = type;
            this.text = text;
            this.start = start;
            this.end = end;
        }

        boolean is(String word) {
            return type == Type.WORD && text.equals(word);
        }

        boolean isOp(String op) {
            return type == Type.OP && text.equals(op);
        }

        @Override
        public String toString() {
            return type + ":" + text;
        }
    }

    final List<Token> tokens = new ArrayList<Token>();
    /** A quote, comment or executable comment was still open at the end of the text. */
    boolean unterminated;
    /**
     * A quote inside a string was escaped with a backslash. Under NO_BACKSLASH_ESCAPES the server ends
     * that string at this quote instead, so what follows may be code we took for text.
     */
    boolean backslashQuote;

    private final String sql;
    private int pos;
    private boolean inExecutable;

    private SqlLexer(String sql) {
        this.sql = sql;
    }

    static SqlLexer lex(String sql) {
        SqlLexer lexer = new SqlLexer(sql);
        lexer.run();
        return lexer;
    }

    private void run() {
        int n = sql.length();
        while (pos < n && !unterminated) {
            char c = sql.charAt(pos);
            if (c <= ' ') {
                pos++;
            } else if (inExecutable && c == '*' && at(pos + 1) == '/') {
                inExecutable = false;
                pos += 2;
            } else if (c == '#' || c == '-' && at(pos + 1) == '-' && (pos + 2 >= n || at(pos + 2) <= ' ')) {
                skipLine(); // "--" needs a space or control character after it: "1--1" is 1 - -1
            } else if (c == '/' && at(pos + 1) == '*') {
                comment();
            } else if (c == '\'' || c == '"') {
                int start = pos;
                String value = quoted(c);
                add(c == '\'' ? Type.STRING : Type.DQ_STRING, value, start);
            } else if (c == '`') {
                int start = pos;
                add(Type.QUOTED_ID, quoted('`'), start);
            } else if (c == '@') {
                variable();
            } else if (c == '?' || c == ';') {
                pos++;
                add(c == '?' ? Type.PARAM : Type.SEMI, String.valueOf(c), pos - 1);
            } else if (identifierChar(c)) {
                word();
            } else {
                operator();
            }
        }
        if (inExecutable) {
            unterminated = true;
        }
    }

    private void comment() {
        boolean mysql = at(pos + 2) == '!';
        boolean mariadb = (at(pos + 2) == 'M' || at(pos + 2) == 'm') && at(pos + 3) == '!';
        if (mysql || mariadb) {
            pos += mysql ? 3 : 4;
            while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                pos++; // the server version it is meant for: we assume every version runs it
            }
            inExecutable = true;
            return;
        }
        int end = sql.indexOf("*/", pos + 2); // ordinary comment or optimizer hint: no nesting in MySQL
        if (end < 0) {
            unterminated = true;
        } else {
            pos = end + 2;
        }
    }

    private void skipLine() {
        int end = sql.indexOf('\n', pos);
        pos = end < 0 ? sql.length() : end + 1;
    }

    /** Reads a quoted run starting at pos: doubled quotes always, backslash escapes except in backticks. */
    private String quoted(char quote) {
        StringBuilder value = new StringBuilder();
        pos++;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == '\\' && quote != '`') {
                if (pos + 1 >= sql.length()) {
                    break;
                }
                char next = sql.charAt(pos + 1);
                backslashQuote |= next == quote;
                value.append(unescape(next));
                pos += 2;
            } else if (c == quote) {
                if (at(pos + 1) != quote) {
                    pos++;
                    return value.toString();
                }
                value.append(quote);
                pos += 2;
            } else {
                value.append(c);
                pos++;
            }
        }
        unterminated = true;
        return value.toString();
    }

    private static String unescape(char c) {
        switch (c) {
            case '0': return "\0";
            case 'b': return "\b";
            case 'n': return "\n";
            case 'r': return "\r";
            case 't': return "\t";
            case 'Z': return "\u001a";
            case '%': return "\\%"; // kept with the backslash, as the server does (LIKE patterns)
            case '_': return "\\_";
            default: return String.valueOf(c);
        }
    }

    /** {@code @name}, {@code @'name'}, {@code @`name`}, {@code @"name"}; {@code @@[scope.]name}. */
    private void variable() {
        int start = pos;
        if (at(pos + 1) == '@') {
            pos += 2;
            while (pos < sql.length() && (identifierChar(sql.charAt(pos)) || sql.charAt(pos) == '.')) {
                pos++;
            }
            add(Type.SYSTEM_VAR, sql.substring(start + 2, pos).toLowerCase(Locale.ROOT), start);
            return;
        }
        pos++;
        char c = at(pos);
        String name;
        if (c == '\'' || c == '"' || c == '`') {
            name = quoted(c);
        } else {
            int from = pos;
            while (pos < sql.length() && (identifierChar(sql.charAt(pos)) || sql.charAt(pos) == '.')) {
                pos++;
            }
            name = sql.substring(from, pos);
        }
        if (name.isEmpty() && c != '\'' && c != '"' && c != '`') {
            add(Type.OP, "@", start);
        } else {
            add(Type.USER_VAR, name.toLowerCase(Locale.ROOT), start);
        }
    }

    /** A keyword, identifier or number. A run that starts with a digit is a NUMBER (1, 1.5e-3, 0x1F). */
    private void word() {
        int start = pos;
        while (pos < sql.length() && identifierChar(sql.charAt(pos))) {
            pos++;
        }
        if (!Character.isDigit(sql.charAt(start))) {
            add(Type.WORD, sql.substring(start, pos).toUpperCase(Locale.ROOT), start);
            return;
        }
        if (at(pos) == '.' && allDigits(start, pos)) {
            pos++;
            while (pos < sql.length() && identifierChar(sql.charAt(pos))) {
                pos++;
            }
        }
        char last = sql.charAt(pos - 1);
        if ((last == 'e' || last == 'E') && (at(pos) == '+' || at(pos) == '-') && Character.isDigit(at(pos + 1))) {
            pos++;
            while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                pos++;
            }
        }
        add(Type.NUMBER, sql.substring(start, pos), start);
    }

    private static final String[] OPERATORS = {"<=>", "->>", ":=", "<=", ">=", "<>", "!=", "||", "&&", "<<", ">>", "->"};

    private void operator() {
        int start = pos;
        for (String op : OPERATORS) {
            if (sql.startsWith(op, pos)) {
                pos += op.length();
                add(Type.OP, op, start);
                return;
            }
        }
        pos++;
        add(Type.OP, String.valueOf(sql.charAt(start)), start);
    }

    private boolean allDigits(int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(sql.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Characters of an unquoted identifier: ASCII letters, digits, '_', '$' and anything beyond ASCII. */
    static boolean identifierChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$'
                || c >= 0x80;
    }

    private char at(int i) {
        return i < sql.length() ? sql.charAt(i) : '\0';
    }

    private void add(Type type, String text, int start) {
        tokens.add(new Token(type, text, start, pos));
    }
}
