package dev.jdbcguard.diagnose;

import java.sql.SQLException;

/** The test's own view of "the link was lost" (the agent's class is not on the test class path). */
public final class ConnectionLossCheck {

    private ConnectionLossCheck() {
    }

    public static boolean isLoss(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                SQLException s = (SQLException) t;
                if (s.getSQLState() != null && s.getSQLState().startsWith("08")) {
                    return true;
                }
            }
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }
}
