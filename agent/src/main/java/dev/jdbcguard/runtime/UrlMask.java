package dev.jdbcguard.runtime;

import java.util.regex.Pattern;

/** Removes secrets from JDBC URLs before they are stored, logged or shown. */
public final class UrlMask {

    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/@:?]*):[^/@?]*@");
    private static final Pattern SECRET_PARAMETER =
            Pattern.compile("(?i)([?&;(,]\\s*[a-z0-9_.-]*(?:password|passwd|pwd|secret)[a-z0-9_.-]*\\s*=)[^&;),]*");

    private UrlMask() {
    }

    public static String mask(String url) {
        if (url == null) {
            return "unknown";
        }
        String masked = USER_INFO_PASSWORD.matcher(url).replaceAll("$1:***@");
        return SECRET_PARAMETER.matcher(masked).replaceAll("$1***");
    }
}
