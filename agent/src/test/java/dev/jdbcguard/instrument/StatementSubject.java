package dev.jdbcguard.instrument;

import java.sql.SQLException;

/** Woven in {@link MethodWeaverTest} as if it implemented java.sql.Statement. */
public class StatementSubject {

    public int runs;
    public int failuresLeft;

    public String executeQuery(String sql) throws SQLException {
        runs++;
        if (failuresLeft-- > 0) {
            throw new SQLException("Communications link failure", "08S01");
        }
        return "result of " + sql;
    }

    /** Two-slot arguments, a loop and a handler of its own: frames the weaver must extend. */
    public long executeLarge(long start, double step, int rounds) {
        long sum = start;
        for (int i = 0; i < rounds; i++) {
            try {
                if (i % 2 == 0) {
                    throw new IllegalStateException("handled inside");
                }
                sum += i;
            } catch (IllegalStateException e) {
                sum += (long) step;
            }
        }
        return sum;
    }
}
