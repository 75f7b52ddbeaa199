package dev.jdbcguard.mask;

import java.util.Locale;

/** Which option names hold a secret, and which texts can be an option name at all. */
final class SecretNames {

    /** Any name that contains one of these, in any case, is a secret: a few harmless ones are masked too. */
    private static final String[] WORDS = {"password", "passwd", "pwd", "pass", "secret", "token", "key", "credential"};

    private SecretNames() {
    }

    /**
     * True for {@code password}, {@code trustCertificateKeyStorePassword}, {@code PASS}, and for
     * {@code pass%77ord} or {@code pass word}: Connector/J percent-decodes and trims option names
     * before it looks them up, so the check reads the name the way the driver does.
     */
    static boolean isSecret(String key) {
        String name = normal(key);
        for (String word : WORDS) {
            if (name.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** A name as drivers write options: letters, digits, {@code _ . -} and percent escapes ({@code %77}). */
    static boolean plainKey(String key) {
        String k = key.trim();
        if (k.isEmpty()) {
            return false;
        }
        for (int i = 0; i < k.length(); i++) {
            char c = k.charAt(i);
            if (c == '%' && i + 2 < k.length() && hex(k.charAt(i + 1)) >= 0 && hex(k.charAt(i + 2)) >= 0) {
                i += 2;
            } else if (!Character.isLetterOrDigit(c) && c != '_' && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /**
     * True when the text begins a new {@code name=value}: what ends a secret value in a list. The
     * name must look like an option's, a letter and at least one more name character: drivers
     * have no one-letter options, so {@code ab&c=d}, {@code a&=b} or {@code x,1=y} is taken as
     * all password. ({@code ab&cd=e} reads as password {@code ab} and option {@code cd}: to the
     * driver too.)
     */
    static boolean startsPair(String piece) {
        int eq = piece.indexOf('=');
        return eq > 0 && optionName(piece.substring(0, eq));
    }

    /** {@code (name=} or {@code (name)}: the next group of an {@code address=(...)(...)} host. */
    static boolean startsGroup(String text) {
        if (!text.startsWith("(")) {
            return false;
        }
        int end = 1;
        while (end < text.length() && text.charAt(end) != '=' && text.charAt(end) != ')') {
            end++;
        }
        return end < text.length() && optionName(text.substring(1, end));
    }

    private static boolean optionName(String name) {
        String n = name.trim();
        return n.length() >= 2 && Character.isLetter(n.charAt(0)) && plainKey(n);
    }

    private static String normal(String key) {
        StringBuilder name = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '%' && i + 2 < key.length() && hex(key.charAt(i + 1)) >= 0 && hex(key.charAt(i + 2)) >= 0) {
                c = (char) (hex(key.charAt(i + 1)) * 16 + hex(key.charAt(i + 2)));
                i += 2;
            }
            if (!Character.isWhitespace(c) && c != '+') {
                name.append(c);
            }
        }
        return name.toString().toLowerCase(Locale.ROOT);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
