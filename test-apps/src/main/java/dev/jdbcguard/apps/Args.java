package dev.jdbcguard.apps;

import java.util.HashMap;
import java.util.Map;

/** key=value arguments after the positional ones. */
final class Args {

    private final Map<String, String> values = new HashMap<>();

    Args(String[] args, int positional) {
        if (args.length < positional) {
            throw new IllegalArgumentException("expected at least " + positional + " arguments: <jdbc-url> <user> <password>");
        }
        for (int i = positional; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not key=value: " + args[i]);
            }
            values.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
    }

    String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    int getInt(String key, int fallback) {
        return Integer.parseInt(get(key, String.valueOf(fallback)));
    }
}
