package dev.jdbcguard.mask;

import java.util.Locale;
import java.util.Map;

/**
 * Masks a list of {@code name=value} pairs: a URL's query ({@code &}), a host block
 * {@code (host=h,password=p)} ({@code ,}), or {@code ;} options.
 *
 * <p>Both drivers end a value at the separator, so that is where a secret ends too, with one
 * conservative exception: pieces after a secret that do not begin a new {@code name=} (a
 * password {@code ab,cd} written raw in a host block, {@code ab&c d}) are taken as the rest of it
 * and hidden with it. A piece that is neither a pair nor a plain name is hidden.
 */
final class KeyValues {

    private KeyValues() {
    }

    /**
     * Appends the masked list; the shown (non-secret) values go into {@code shown} under their
     * lower-case names when it is not null. Returns false when the first piece is not a pair or a
     * name: then the list is probably not a list (a password with a raw {@code ?} broke the URL).
     */
    static boolean mask(String text, char separator, StringBuilder out, Map<String, String> shown) {
        boolean firstPlain = true;
        boolean inSecret = false;
        int from = 0;
        for (int piece = 0; from <= text.length(); piece++) {
            int end = text.indexOf(separator, from);
            if (end < 0) {
                end = text.length();
            }
            String p = text.substring(from, end);
            from = end + 1;
            if (inSecret && !SecretNames.startsPair(p)) {
                continue; // the rest of the secret
            }
            inSecret = false;
            if (piece > 0) {
                out.append(separator);
            }
            if (p.trim().isEmpty()) {
                out.append(p);
                continue;
            }
            int eq = p.indexOf('=');
            String key = eq < 0 ? p : p.substring(0, eq);
            if (!SecretNames.plainKey(key)) {
                out.append(UrlMask.MASK);
                firstPlain &= piece > 0;
            } else if (eq < 0) {
                out.append(p);
            } else if (SecretNames.isSecret(key)) {
                out.append(key).append('=').append(UrlMask.MASK);
                inSecret = true;
            } else {
                String value = p.substring(eq + 1);
                out.append(key).append('=').append(TextMask.maskPairs(value));
                if (shown != null) {
                    shown.put(key.trim().toLowerCase(Locale.ROOT), value.trim());
                }
            }
        }
        return firstPlain;
    }
}
