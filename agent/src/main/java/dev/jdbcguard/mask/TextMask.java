package dev.jdbcguard.mask;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from free text: a driver's exception message, a log line. Three things are
 * masked, line by line:
 * <ul>
 * <li>a URL ({@code jdbc:...}, {@code mysqlx://...}): by {@link UrlMask}, from its scheme to the
 * closing quote when a quote opens it, else to the end of the line (a password may hold spaces,
 * so nothing shorter is safe);</li>
 * <li>what the drivers echo of a URL they could not parse: Connector/J's "failed to parse the
 * URL authority segment 'u:p@h'", MariaDB's "Incorrect port value : p@h": everything quoted, or
 * after the colon, once such a phrase is seen;</li>
 * <li>{@code name=value} where the name is a secret's, to the next {@code name=} or the end of
 * the line.</li>
 * </ul>
 * Patterns here are possessive or bounded: a long hostile line costs linear time.
 */
public final class TextMask {

    private static final Pattern URL_START = Pattern.compile("(?i)(?<![\\w.+\\-])(?:jdbc:|mysqlx(?:\\+srv)?:)");
    private static final Pattern URL_ECHO = Pattern.compile(
            "(?i)\\burls?\\b|connection string|authority segment|host:port pair|port value|key=value pairs|type value");
    private static final Pattern KEY = Pattern.compile("(?<![\\w.%\\-])[\\w.%\\-]++\\s*+=\\s*+");
    private static final Pattern NEXT_PAIR = Pattern.compile("[&,;\\s()\\[\\]]++[A-Za-z][\\w.\\-]++\\s*+=");

    /** Spaces tried as the end of a URL in prose: enough for any real message, bounded for a hostile one. */
    private static final int MAX_URL_ENDS = 32;

    private TextMask() {
    }

    public static String mask(String text) {
        if (text == null || !mayHoldSecret(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        while (true) {
            int newline = text.indexOf('\n', from);
            out.append(line(text.substring(from, newline < 0 ? text.length() : newline)));
            if (newline < 0) {
                return out.toString();
            }
            out.append('\n');
            from = newline + 1;
        }
    }

    private static boolean mayHoldSecret(String text) {
        return text.indexOf('=') >= 0 || text.indexOf(':') >= 0 || text.indexOf('\'') >= 0 || text.indexOf('"') >= 0;
    }

    private static String line(String line) {
        return maskPairs(urls(echoes(line)));
    }

    private static String echoes(String line) {
        Matcher echo = URL_ECHO.matcher(line);
        if (!echo.find()) {
            return line;
        }
        int from = echo.end();
        int quote = firstQuote(line, from);
        if (quote >= 0) {
            int close = line.lastIndexOf(line.charAt(quote));
            return line.substring(0, quote + 1) + UrlMask.MASK + (close > quote ? line.substring(close) : "");
        }
        int colon = line.indexOf(':', from);
        Matcher url = URL_START.matcher(line);
        if (colon >= 0 && url.find(from) && url.start() <= colon) {
            colon = -1; // the colon of a URL's scheme: the URL itself is masked by its structure
        }
        int found = line.indexOf("found ", from);
        int cut = colon < 0 ? (found < 0 ? -1 : found + 5) : (found < 0 || colon < found ? colon + 1 : found + 5);
        return cut < 0 ? line : line.substring(0, cut) + " " + UrlMask.MASK;
    }

    private static String urls(String line) {
        Matcher start = URL_START.matcher(line);
        StringBuilder out = null;
        int done = 0;
        while (done < line.length() && start.find(done)) {
            int begin = start.start();
            char before = begin > 0 ? line.charAt(begin - 1) : 0;
            int close = isQuote(before) ? line.lastIndexOf(before) : -1;
            int end = close > begin ? close : urlEnd(line, begin);
            if (out == null) {
                out = new StringBuilder(line.length());
            }
            out.append(line, done, begin).append(UrlMask.mask(line.substring(begin, end)));
            done = end;
        }
        return out == null ? line : out.append(line, done, line.length()).toString();
    }

    /**
     * Where an unquoted URL in prose ends: at the longest stretch up to a space (less trailing
     * punctuation) that reads as a whole URL; the end of the line when none does. The longest,
     * because a password may hold spaces: "u:a b@h/db failed" must not end after "u:a".
     */
    private static int urlEnd(String line, int begin) {
        int best = -1;
        int tried = 0;
        for (int space = begin; space < line.length() && tried < MAX_URL_ENDS; space++) {
            if (Character.isWhitespace(line.charAt(space))) {
                tried++;
                best = Math.max(best, readableEnd(line, begin, space));
            }
        }
        best = Math.max(best, readableEnd(line, begin, line.length()));
        return best > 0 ? best : line.length();
    }

    /** The end of the URL that stops at {@code end}, less trailing punctuation; -1 when it does not read. */
    private static int readableEnd(String line, int begin, int end) {
        int e = end;
        while (e > begin && ".,;:)'\"".indexOf(line.charAt(e - 1)) >= 0) {
            e--;
        }
        return UrlMask.readable(line.substring(begin, e)) ? e : -1;
    }

    /** Masks the value of every {@code name=value} whose name is a secret's; the rest is kept. */
    static String maskPairs(String text) {
        if (text.indexOf('=') < 0) {
            return text;
        }
        Matcher key = KEY.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        int search = 0;
        while (search < text.length() && key.find(search)) {
            search = key.end();
            String name = text.substring(key.start(), key.end()).replace("=", "").trim();
            if (!SecretNames.isSecret(name) || name.equalsIgnoreCase("key")) {
                continue; // prose says "key=value" for any pair; apiKey=, keyStore=, privateKey= are still masked
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            int value = key.end();
            out.append(text, copied, value);
            if (value < text.length() && isQuote(text.charAt(value))) {
                char quote = text.charAt(value);
                int close = text.lastIndexOf(quote);
                copied = close > value ? close + 1 : text.length();
                out.append(quote).append(UrlMask.MASK).append(close > value ? String.valueOf(quote) : "");
            } else {
                Matcher next = NEXT_PAIR.matcher(text);
                copied = next.find(value) ? next.start() : text.length();
                out.append(UrlMask.MASK);
            }
            search = Math.max(search, copied);
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    private static int firstQuote(String line, int from) {
        for (int i = from; i < line.length(); i++) {
            if (isQuote(line.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isQuote(char c) {
        return c == '\'' || c == '"' || c == '`';
    }
}
