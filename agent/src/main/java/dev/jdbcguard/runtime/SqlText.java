package dev.jdbcguard.runtime;

import java.util.Locale;

/**
 * Reads just enough of a statement's text to know what it does to the session. Only the first
 * keyword is looked at for most statements, so the common case costs a few character checks.
 */
final class SqlText {

    enum Kind {
        OTHER, READ, SET_SESSION, SET_USER_VARIABLE, TEMPORARY_TABLE, LOCK_TABLES, UNLOCK_TABLES, NAMED_LOCK,
        RELEASE_NAMED_LOCKS, KILL
    }

    private static final java.util.regex.Pattern KILL_CONNECTION =
            java.util.regex.Pattern.compile("(?i)^\\s*KILL\\s+(?:HARD\\s+|SOFT\\s+)?(?:CONNECTION\\s+)?(\\d+)\\s*;?\\s*$");

    private static final java.util.regex.Pattern SET_SCOPE =
            java.util.regex.Pattern.compile("(?i)^(?:(?:session|local)\\s+|@@session\\.|@@local\\.|@@)");

    private SqlText() {
    }

    static Kind classify(String sql) {
        if (sql == null) {
            return Kind.OTHER;
        }
        int i = skipSpaceAndComments(sql, 0);
        if (i >= sql.length()) {
            return Kind.OTHER;
        }
        switch (Character.toUpperCase(sql.charAt(i))) {
            case 'S':
                if (keyword(sql, i, "SET")) {
                    return classifySet(sql, i + 3);
                }
                if (keyword(sql, i, "SELECT")) {
                    return contains(sql, "GET_LOCK(") ? Kind.NAMED_LOCK
                            : contains(sql, "RELEASE_ALL_LOCKS(") ? Kind.RELEASE_NAMED_LOCKS : Kind.READ;
                }
                return keyword(sql, i, "SHOW") ? Kind.READ : Kind.OTHER;
            case 'C':
                return keyword(sql, i, "CREATE") && keyword(sql, skipSpaceAndComments(sql, i + 6), "TEMPORARY")
                        ? Kind.TEMPORARY_TABLE : Kind.OTHER;
            case 'L':
                return keyword(sql, i, "LOCK") ? Kind.LOCK_TABLES : Kind.OTHER;
            case 'U':
                return keyword(sql, i, "UNLOCK") ? Kind.UNLOCK_TABLES : Kind.OTHER;
            case 'K':
                return keyword(sql, i, "KILL") ? Kind.KILL : Kind.OTHER;
            default:
                return Kind.OTHER;
        }
    }

    private static Kind classifySet(String sql, int from) {
        int i = skipSpaceAndComments(sql, from);
        if (i < sql.length() && sql.charAt(i) == '@' && !sql.startsWith("@@", i)) {
            return Kind.SET_USER_VARIABLE;
        }
        String rest = upper(sql.substring(i));
        if (rest.startsWith("GLOBAL") || rest.startsWith("@@GLOBAL") || rest.startsWith("TRANSACTION")
                || rest.startsWith("PERSIST") || rest.startsWith("@@PERSIST")) {
            return Kind.OTHER;
        }
        return Kind.SET_SESSION;
    }

    /** The variable a session SET changes, lower-case, e.g. "wait_timeout"; "names" for SET NAMES. */
    static String setVariable(String sql) {
        String rest = sql.substring(skipSpaceAndComments(sql, skipSpaceAndComments(sql, 0) + 3)).trim();
        java.util.regex.Matcher scope = SET_SCOPE.matcher(rest);
        if (scope.find()) {
            rest = rest.substring(scope.end()).trim();
        }
        String lower = rest.toLowerCase(Locale.ROOT);
        if (rest.indexOf(',') >= 0) {
            return lower; // several variables at once: the whole statement is its own key
        }
        int end = 0;
        while (end < rest.length() && (Character.isLetterOrDigit(rest.charAt(end)) || rest.charAt(end) == '_')) {
            end++;
        }
        return lower.substring(0, end);
    }

    /** The session a "KILL [CONNECTION] N" ends, or -1 (KILL QUERY ends only a statement). */
    static long killedSession(String sql) {
        java.util.regex.Matcher m = KILL_CONNECTION.matcher(sql);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** The numeric value of "SET [SESSION] name = N", or -1. */
    static long setNumber(String sql) {
        int eq = sql.indexOf('=');
        if (eq < 0) {
            return -1;
        }
        try {
            return Long.parseLong(sql.substring(eq + 1).trim().replace(";", "").trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Case-insensitive search that allocates nothing: this runs on every plain statement. */
    private static boolean contains(String sql, String word) {
        for (int paren = sql.indexOf('('); paren >= 0; paren = sql.indexOf('(', paren + 1)) {
            int at = paren - word.length() + 1; // every word searched for ends with '('
            if (at >= 0 && sql.regionMatches(true, at, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean keyword(String sql, int at, String word) {
        if (!sql.regionMatches(true, at, word, 0, word.length())) {
            return false;
        }
        int after = at + word.length();
        return after >= sql.length() || !Character.isLetterOrDigit(sql.charAt(after)) && sql.charAt(after) != '_';
    }

    private static int skipSpaceAndComments(String sql, int from) {
        int i = from;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else if (sql.startsWith("-- ", i) || c == '#') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end + 1;
            } else {
                break;
            }
        }
        return i;
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
