package dev.jdbcguard.mask;

import java.util.HashMap;
import java.util.Map;

/**
 * One host of a URL in the forms the drivers read: {@code host:port}, {@code [::1]:3306},
 * {@code (host=h,port=3306,password=p)}, {@code address=(host=h)(port=3306)(password=p)},
 * a Connector/J list {@code [h1,(host=h2,password=p)]}, and {@code host;name=value} options.
 *
 * <p>The strict part of a URL: host names have a small alphabet and ports are digits, so a text
 * that is not one of these forms is not a host, and whoever reads it keeps looking for the
 * {@code @} that ends the user-info. Never a regex: hostile URLs are long.
 */
final class HostPart {

    /** Deeper {@code [[[...]]]} nesting than any driver reads is not a host. */
    private static final int MAX_DEPTH = 4;

    private HostPart() {
    }

    /**
     * Appends the masked host and returns its {@code host[:port]} ("" when it names none, e.g. a
     * socket), or returns null and appends nothing when the text is not a host.
     */
    static String mask(String text, StringBuilder out, int depth) {
        int mark = out.length();
        String host = depth > MAX_DEPTH ? null : read(text.trim(), out, depth);
        if (host == null) {
            out.setLength(mark);
        }
        return host;
    }

    private static String read(String t, StringBuilder out, int depth) {
        if (t.regionMatches(true, 0, "address=", 0, 8)) {
            return address(t, out);
        }
        if (t.startsWith("(")) {
            return block(t, out);
        }
        if (t.startsWith("[")) {
            return bracket(t, out, depth);
        }
        return plain(t, out);
    }

    /**
     * {@code host[:port]}, then maybe {@code ;name=value} options (SQL Server style). Never with
     * an {@code @}: {@code x;y@h} is a user-info with a {@code ;} in it.
     */
    private static String plain(String t, StringBuilder out) {
        int semi = t.indexOf(';');
        if (semi >= 0 && t.indexOf('@') >= 0) {
            return null;
        }
        String head = semi < 0 ? t : t.substring(0, semi);
        if (!isHostPort(head)) {
            return null;
        }
        out.append(head);
        if (semi >= 0) {
            out.append(';');
            KeyValues.mask(t.substring(semi + 1), ';', out, null);
        }
        return head;
    }

    /** An IPv6 literal, or a Connector/J host list whose entries may have their own user-info. */
    private static String bracket(String t, StringBuilder out, int depth) {
        int close = t.lastIndexOf(']');
        if (close < 0 || !isPort(t, close + 1)) {
            return null;
        }
        String inner = t.substring(1, close);
        String port = t.substring(close + 1);
        if (isIpv6(inner)) {
            out.append(t);
            return t;
        }
        out.append('[');
        String first = Hosts.mask(inner, out, depth + 1);
        out.append(']').append(port);
        return first == null ? "" : first;
    }

    /** {@code (key=value,key=value)}: Connector/J ends a value at a comma. */
    private static String block(String t, StringBuilder out) {
        if (!t.endsWith(")")) {
            return null;
        }
        Map<String, String> shown = new HashMap<>();
        out.append('(');
        KeyValues.mask(t.substring(1, t.length() - 1), ',', out, shown);
        out.append(')');
        return hostOf(shown);
    }

    /**
     * {@code address=(key=value)(key=value)}: a value ends at its {@code )}; a secret's at the
     * {@code )} that is followed by the next group or the end, so a {@code )} inside a password
     * does not show its rest.
     */
    private static String address(String t, StringBuilder out) {
        Map<String, String> shown = new HashMap<>();
        out.append(t, 0, 8);
        int i = 8;
        while (i < t.length()) {
            if (Character.isWhitespace(t.charAt(i))) {
                i++;
                continue;
            }
            int close = t.indexOf(')', i);
            if (t.charAt(i) != '(' || close < 0) {
                return null;
            }
            String group = t.substring(i + 1, close);
            int eq = group.indexOf('=');
            String key = eq < 0 ? group : group.substring(0, eq);
            if (!SecretNames.plainKey(key)) {
                return null;
            }
            out.append('(').append(key);
            if (eq >= 0 && SecretNames.isSecret(key)) {
                close = secretGroupEnd(t, close);
                if (close < 0) {
                    return null;
                }
                out.append('=').append(UrlMask.MASK);
            } else if (eq >= 0) {
                String value = group.substring(eq + 1);
                out.append('=').append(TextMask.maskPairs(value));
                shown.put(key.trim().toLowerCase(java.util.Locale.ROOT), value.trim());
            }
            out.append(')');
            i = close + 1;
        }
        return hostOf(shown);
    }

    private static int secretGroupEnd(String t, int firstClose) {
        for (int c = firstClose; c >= 0; c = t.indexOf(')', c + 1)) {
            String rest = t.substring(c + 1).trim();
            if (rest.isEmpty() || SecretNames.startsGroup(rest)) {
                return c;
            }
        }
        return -1;
    }

    private static String hostOf(Map<String, String> shown) {
        String host = shown.containsKey("host") ? shown.get("host") : shown.get("address"); // mysqlx: address=h:33060
        if (host == null) {
            return "";
        }
        String port = shown.get("port");
        return port == null || port.isEmpty() ? host : host + ":" + port;
    }

    /** Letters, digits, {@code . _ - ~} and percent escapes, then maybe {@code :digits}; empty is the default host. */
    static boolean isHostPort(String text) {
        int colon = text.indexOf(':');
        int end = colon < 0 ? text.length() : colon;
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < end && Character.digit(text.charAt(i + 1), 16) >= 0
                    && Character.digit(text.charAt(i + 2), 16) >= 0) {
                i += 2;
            } else if (!Character.isLetterOrDigit(c) && c != '.' && c != '_' && c != '-' && c != '~') {
                return false;
            }
        }
        return colon < 0 || isPort(text, colon);
    }

    /** Nothing, or {@code :} and digits (Connector/J reads an empty port as the default). */
    private static boolean isPort(String text, int from) {
        if (from >= text.length()) {
            return true;
        }
        if (text.charAt(from) != ':') {
            return false;
        }
        for (int i = from + 1; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6(String inner) {
        if (inner.indexOf(':') < 0) {
            return false;
        }
        int zone = inner.indexOf('%');
        for (int i = 0; i < (zone < 0 ? inner.length() : zone); i++) {
            char c = inner.charAt(i);
            if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                return false;
            }
        }
        return zone < 0 || SecretNames.plainKey(inner.substring(zone + 1));
    }
}
