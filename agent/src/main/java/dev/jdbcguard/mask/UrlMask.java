package dev.jdbcguard.mask;

/**
 * Removes the secrets from a JDBC URL by reading its structure, the way the drivers do:
 * {@code scheme://hosts/database?query}. User-info passwords, and the whole value of every option
 * whose name holds password, passwd, pwd, pass, secret, token, key or credential, become
 * {@code ***}, wherever they stand (query, host blocks, {@code ;} options); hosts, ports, the
 * database and the other options stay readable. Every output of the agent (log lines, JMX, the
 * {@code status} command) shows URLs only through here, or {@link TextMask} for free text.
 *
 * <p>Where the structure does not parse (a password with a raw {@code /}, {@code ?} or {@code #},
 * which ends the hosts section for both drivers), the parts that did not parse are hidden, and
 * the hosts with them: they are then no longer trustworthy.
 */
public final class UrlMask {

    static final String MASK = "***";
    /** Longer than any real URL: masked after its scheme, never parsed. */
    private static final int MAX_LENGTH = 16 * 1024;
    /** Characters no database name in a URL holds, but a misplaced password may. */
    private static final String NOT_IN_DATABASE = "@:,;()=&[]#";

    private UrlMask() {
    }

    public static String mask(String url) {
        if (url == null) {
            return "unknown";
        }
        StringBuilder out = new StringBuilder(url.length());
        read(url, out);
        return out.toString();
    }

    /** {@code host[:port]} of the first host, as the masked URL shows it; null when there is none. */
    public static String firstHost(String url) {
        return url == null ? null : read(url, new StringBuilder());
    }

    /**
     * {@code jdbc:mysql:}, {@code jdbc:mysql:replication:}, {@code jdbc:mysql+srv:},
     * {@code mysqlx:}: a letter, then letters, digits, {@code _ + . % - :}, ending in a colon.
     */
    private static boolean isScheme(String url, int end) {
        int start = 0;
        while (start < end && Character.isWhitespace(url.charAt(start))) {
            start++;
        }
        if (start >= end || !Character.isLetter(url.charAt(start)) || url.charAt(end - 1) != ':') {
            return false;
        }
        return schemeLength(url, start) >= end - start;
    }

    /** How many characters from {@code start} may belong to a scheme. */
    static int schemeLength(String text, int start) {
        int i = start;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || "_+.%-:".indexOf(text.charAt(i)) >= 0)) {
            i++;
        }
        return i - start;
    }

    /** True when the whole text reads as a URL: scheme, hosts, database and options. */
    static boolean readable(String url) {
        int slashes = url.indexOf("//");
        if (slashes < 0 || url.length() > MAX_LENGTH || !isScheme(url, slashes)) {
            return false;
        }
        int end = hostsEnd(url, slashes + 2);
        return Hosts.readable(url.substring(slashes + 2, end)) && !tail(url, end, new StringBuilder());
    }

    private static String read(String url, StringBuilder out) {
        int slashes = url.indexOf("//");
        if (slashes < 0 || !isScheme(url, slashes)) {
            out.append(Fallback.mask(url));
            return null;
        }
        int start = slashes + 2;
        out.append(url, 0, start);
        if (url.length() > MAX_LENGTH) {
            out.append(MASK);
            return null;
        }
        int end = hostsEnd(url, start);
        StringBuilder hosts = new StringBuilder();
        String first = Hosts.mask(url.substring(start, end), hosts, 0);
        StringBuilder tail = new StringBuilder();
        if (tail(url, end, tail)) {
            out.append(MASK).append(tail);
            return null;
        }
        out.append(hosts).append(tail);
        return first;
    }

    /**
     * The first {@code /}, {@code ?} or {@code #} (Connector/J's authority ends there; MariaDB's
     * host list at the first {@code /} or {@code ?}), skipping MariaDB's
     * {@code address=(localSocket=/tmp/x)} groups as MariaDB does.
     */
    private static int hostsEnd(String url, int from) {
        int i = from;
        while (i < url.length()) {
            if (url.regionMatches(true, i, "address=(", 0, 9)) {
                i += 8;
                while (i < url.length() && url.charAt(i) == '(') {
                    int close = url.indexOf(')', i);
                    i = close < 0 ? url.length() : close + 1;
                }
                continue;
            }
            char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return i;
            }
            i++;
        }
        return url.length();
    }

    /** Appends the masked {@code /database?query}; true when it did not parse. */
    private static boolean tail(String url, int from, StringBuilder out) {
        if (from >= url.length()) {
            return false;
        }
        if (url.charAt(from) == '#') {
            out.append('#').append(MASK);
            return true;
        }
        boolean broken = false;
        int query = url.indexOf('?', from);
        if (url.charAt(from) == '/') {
            String database = url.substring(from + 1, query < 0 ? url.length() : query);
            if (notADatabase(database)) {
                out.append('/').append(MASK);
                broken = true;
            } else {
                out.append('/').append(database);
            }
        }
        if (query >= 0) {
            out.append('?');
            broken |= !KeyValues.mask(url.substring(query + 1), '&', out, null);
        }
        return broken;
    }

    private static boolean notADatabase(String database) {
        for (int i = 0; i < database.length(); i++) {
            if (NOT_IN_DATABASE.indexOf(database.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
