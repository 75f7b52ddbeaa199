package dev.jdbcguard.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Arrays;

/**
 * Opens and closes connections and prints the median time of a connect, to measure what the
 * agent adds at connect time (stack capture, server facts).
 * Usage: {@code ConnectCost <url> <user> <password> [connects=1000]}.
 */
public final class ConnectCost {

    private ConnectCost() {
    }

    public static void main(String[] args) throws Exception {
        int n = new Args(args, 3).getInt("connects", 1000);
        for (int i = 0; i < 100; i++) { // warm-up
            DriverManager.getConnection(args[0], args[1], args[2]).close();
        }
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            Connection c = DriverManager.getConnection(args[0], args[1], args[2]);
            nanos[i] = System.nanoTime() - start;
            c.close();
        }
        Arrays.sort(nanos);
        System.out.printf(java.util.Locale.ROOT, "median connect: %.3f ms (p90 %.3f ms) over %d connects%n",
                nanos[n / 2] / 1e6, nanos[n * 9 / 10] / 1e6, n);
    }
}
