package dev.jdbcguard.mask;

/**
 * A URL without {@code scheme://}: Oracle's {@code jdbc:oracle:thin:user/password@host:1521:sid},
 * or text that only looks like a URL. Everything up to the last {@code @} is user-info and is
 * hidden; secret options in the rest are masked as in free text.
 */
final class Fallback {

    private Fallback() {
    }

    static String mask(String text) {
        int start = schemeEnd(text);
        String rest = text.substring(start);
        int at = rest.lastIndexOf('@');
        if (at < 0) {
            return text.substring(0, start) + TextMask.maskPairs(rest);
        }
        return text.substring(0, start) + UrlMask.MASK + "@" + TextMask.maskPairs(rest.substring(at + 1));
    }

    /** After the last colon of the leading scheme-like run ({@code jdbc:oracle:thin:}); 0 when none. */
    private static int schemeEnd(String text) {
        int start = 0;
        while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        if (start >= text.length() || !Character.isLetter(text.charAt(start))) {
            return 0;
        }
        int run = start + UrlMask.schemeLength(text, start);
        int colon = text.lastIndexOf(':', run - 1);
        return colon >= start ? colon + 1 : 0;
    }
}
