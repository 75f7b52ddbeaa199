package dev.jdbcguard.runtime;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads server addresses and timeouts out of (masked) JDBC URLs. */
final class Servers {

    private static final Pattern HOST_PORT = Pattern.compile("//(?:[^@/]*@)?([^/?;,]+)");
    private static final Pattern SOCKET_TIMEOUT = Pattern.compile("(?i)[?&]socketTimeout=(\\d+)");

    private Servers() {
    }

    /** "host:port" of the first host in the URL; the default port 3306 when none is given. */
    static String hostPort(String url) {
        if (url == null) {
            return "unknown server";
        }
        Matcher m = HOST_PORT.matcher(url);
        if (!m.find()) {
            return "unknown server";
        }
        String host = m.group(1);
        return host.contains(":") ? host : host + ":3306";
    }

    /**
     * The URL behind a connect target: the string itself, or what the driver's configuration
     * object says (MariaDB {@code Configuration.initialUrl()}, Connector/J {@code HostInfo.getDatabaseUrl()}).
     * Never {@code toString()}, which may print the password.
     */
    static String urlOf(Object target) {
        if (target == null || target instanceof String) {
            return (String) target;
        }
        try { // Connector/J HostInfo
            return String.valueOf(target.getClass().getMethod("getDatabaseUrl").invoke(target));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // not Connector/J
        }
        try { // MariaDB Configuration: its first address
            Object address = ((java.util.List<?>) target.getClass().getMethod("addresses").invoke(target)).get(0);
            Object host = address.getClass().getField("host").get(address);
            Object port = address.getClass().getField("port").get(address);
            return "jdbc:mariadb://" + host + ":" + port + "/";
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    static long socketTimeoutMillis(String url) {
        if (url == null) {
            return -1;
        }
        Matcher m = SOCKET_TIMEOUT.matcher(url);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
