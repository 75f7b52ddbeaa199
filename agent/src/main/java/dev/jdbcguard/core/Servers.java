package dev.jdbcguard.core;

import dev.jdbcguard.mask.UrlMask;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads server addresses and timeouts out of (masked) JDBC URLs. */
public final class Servers {

    /** Masked URLs to their first host: the registry asks once per tracked connection, masking parses. */
    private static final Map<String, String> HOSTS = new ConcurrentHashMap<>();
    private static final int MAX_HOSTS = 256;
    private static final Pattern SOCKET_TIMEOUT = Pattern.compile("(?i)[?&]socketTimeout=(\\d+)");

    private Servers() {
    }

    /** "host:port" of the first host in the URL; the default port 3306 when none is given. */
    public static String hostPort(String url) {
        if (url == null) {
            return "unknown server";
        }
        String known = HOSTS.get(url);
        if (known != null) {
            return known;
        }
        String host = UrlMask.firstHost(url);
        String server = host == null || host.isEmpty() ? "unknown server"
                : host.endsWith("]") || host.indexOf(':') < 0 ? host + ":3306" : host;
        if (HOSTS.size() >= MAX_HOSTS) {
            HOSTS.clear(); // a program that builds URLs without end: forget rather than grow
        }
        HOSTS.put(url, server);
        return server;
    }

    /**
     * The URL behind a connect target: the string itself, or what the driver's configuration
     * object says (MariaDB {@code Configuration.initialUrl()}, Connector/J {@code HostInfo.getDatabaseUrl()}).
     * Never {@code toString()}, which may print the password.
     */
    public static String urlOf(Object target) {
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

    public static long socketTimeoutMillis(String url) {
        if (url == null) {
            return -1;
        }
        Matcher m = SOCKET_TIMEOUT.matcher(url);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
