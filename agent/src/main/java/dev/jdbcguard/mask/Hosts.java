package dev.jdbcguard.mask;

import java.util.ArrayList;
import java.util.List;

/**
 * The hosts section of a URL: entries separated by commas, each {@code [user[:password]@]host}.
 *
 * <p>A password may hold {@code @ , : ( )}, so neither the first {@code @} (what Connector/J
 * reads) nor every comma can be trusted. An entry's user-info runs to its last {@code @} that is
 * followed by a real host; a comma separates entries only where what comes before it is a whole
 * entry and what follows begins one. Where a reading is in doubt the text is joined to the
 * user-info and hidden with it: a host may vanish from the masked URL, a secret may not show.
 */
final class Hosts {

    /** More entries than any real cluster has: a hostile text, masked whole rather than read slowly. */
    private static final int MAX_SEGMENTS = 64;
    private static final int INVALID = -2;
    private static final int NO_USER_INFO = -1;

    private Hosts() {
    }

    /** Appends the masked hosts; returns the first readable {@code host[:port]}, or null. */
    static String mask(String hosts, StringBuilder out, int depth) {
        List<String> segments = split(hosts);
        if (segments.size() > MAX_SEGMENTS) {
            out.append(UrlMask.MASK);
            return null;
        }
        String first = null;
        List<String> entries = entries(segments, depth);
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String host = entry(entries.get(i), out, depth);
            if (first == null) {
                first = host;
            }
        }
        return first;
    }

    /** True when every entry reads as a host, with or without user-info. */
    static boolean readable(String hosts) {
        List<String> segments = split(hosts);
        if (segments.size() > MAX_SEGMENTS) {
            return false;
        }
        for (String entry : entries(segments, 0)) {
            if (userInfoEnd(entry, 0) == INVALID) {
                return false;
            }
        }
        return true;
    }

    /**
     * Commas outside host brackets: {@code (host=h,port=1)}, {@code address=(a)(b)} and
     * {@code [h1,h2]} are one segment each. A bracket opens a host only where a host begins (at
     * the start, after an {@code @}, after {@code address=} or a group): inside a user-info it is
     * a character of the password, and must not hide the commas that end it. A group ends at its
     * first {@code )}, as for the drivers: a {@code (} in a password inside it does not nest.
     * Where a password's {@code )} or {@code ,} cuts a group short, the pieces are joined again
     * by {@link #entries}.
     */
    private static List<String> split(String hosts) {
        List<String> segments = new ArrayList<>();
        int lists = 0;
        boolean group = false;
        int from = 0;
        for (int i = 0; i < hosts.length(); i++) {
            char c = hosts.charAt(i);
            if (group) {
                group = c != ')';
            } else if ((c == '(' || c == '[') && (lists > 0 || opensHost(hosts.substring(from, i).trim()))) {
                group = c == '(';
                lists += c == '[' ? 1 : 0;
            } else if (c == ']' && lists > 0) {
                lists--;
            } else if (c == ',' && lists == 0) {
                segments.add(hosts.substring(from, i));
                from = i + 1;
            }
        }
        segments.add(hosts.substring(from));
        return segments;
    }

    private static boolean opensHost(String before) {
        int n = before.length();
        return n == 0 || before.endsWith("@") || before.endsWith(")")
                || n >= 8 && before.regionMatches(true, n - 8, "address=", 0, 8);
    }

    /**
     * Joins segments that are not whole entries to the next one ({@code u:ab} of a password
     * {@code ab,cd}), and a password-less user-info to the entry before it when that one has a
     * user-info ({@code u:x@y} {@code z@h} of a password {@code x@y,z}).
     */
    private static List<String> entries(List<String> segments, int depth) {
        List<String> entries = new ArrayList<>();
        String pending = null;
        for (String segment : segments) {
            String entry = pending == null ? segment : pending + "," + segment;
            int at = userInfoEnd(entry, depth);
            if (at == INVALID) {
                pending = entry;
                continue;
            }
            pending = null;
            entries.add(entry);
            joinContinuations(entries, depth);
        }
        if (pending != null) {
            int last = entries.size() - 1;
            if (last >= 0 && userInfoEnd(entries.get(last) + "," + pending, depth) != INVALID) {
                entries.set(last, entries.get(last) + "," + pending);
            } else {
                entries.add(pending); // masked whole
            }
        }
        return entries;
    }

    /** Joins the last entry to the one before while it reads as the rest of that one's password. */
    private static void joinContinuations(List<String> entries, int depth) {
        while (entries.size() >= 2) {
            int last = entries.size() - 1;
            String entry = entries.get(last);
            int at = userInfoEnd(entry, depth);
            if (at < 0 || !continues(entries.get(last - 1), entry, at, depth)) {
                return;
            }
            entries.remove(last);
            entries.set(last - 1, entries.get(last - 1) + "," + entry);
        }
    }

    /**
     * True when an entry with user-info is more likely the rest of the previous entry's password
     * than an entry of its own: it has no password, or a user shorter than two characters or not
     * a plain name ({@code u:x@y} {@code z@h} of a password {@code x@y,z}; {@code u:1} {@code z@h}
     * of a password {@code 1,z}), or the previous one has user-info but no host ({@code u:x@}
     * {@code y:z@h} of a password {@code x@,y:z}). Real URLs name their user before each password.
     */
    private static boolean continues(String previous, String entry, int at, int depth) {
        String userInfo = entry.substring(0, at);
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? "" : userInfo.substring(0, colon).trim();
        if (user.length() < 2 || !SecretNames.plainKey(user)) {
            return true;
        }
        int previousAt = userInfoEnd(previous, depth);
        return previousAt >= 0 && previous.substring(previousAt + 1).trim().isEmpty();
    }

    /**
     * Where the user-info ends: the last {@code @} followed by a host; {@link #NO_USER_INFO} when
     * the whole entry is a host; {@link #INVALID} when no reading makes it one.
     */
    private static int userInfoEnd(String entry, int depth) {
        StringBuilder scratch = new StringBuilder();
        if (HostPart.mask(entry, scratch, depth) != null) {
            return NO_USER_INFO;
        }
        String start = entry.trim();
        if (start.startsWith("(") || start.regionMatches(true, 0, "address=", 0, 8)) {
            return INVALID; // a host block cut short by a password's comma: no user name looks like this
        }
        for (int at = entry.lastIndexOf('@'); at >= 0; at = at == 0 ? -1 : entry.lastIndexOf('@', at - 1)) {
            scratch.setLength(0);
            if (HostPart.mask(entry.substring(at + 1), scratch, depth) != null) {
                return at;
            }
        }
        return INVALID;
    }

    private static String entry(String entry, StringBuilder out, int depth) {
        int at = userInfoEnd(entry, depth);
        if (at == INVALID) {
            out.append(UrlMask.MASK);
            return null;
        }
        if (at >= 0) {
            userInfo(entry.substring(0, at), out);
            out.append('@');
        }
        return HostPart.mask(entry.substring(at + 1), out, depth);
    }

    /** The user stays when it is a plain name; everything after the first colon is the password. */
    private static void userInfo(String userInfo, StringBuilder out) {
        int colon = userInfo.indexOf(':');
        String user = (colon < 0 ? userInfo : userInfo.substring(0, colon)).trim();
        out.append(user.isEmpty() || SecretNames.plainKey(user) ? user : UrlMask.MASK);
        if (colon >= 0) {
            out.append(':').append(UrlMask.MASK);
        }
    }
}
