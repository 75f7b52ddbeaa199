package dev.jdbcguard.heal;

import java.net.SocketTimeoutException;
import java.sql.SQLException;

/**
 * What a lost link's error proves about the statement that was in flight. An error reply
 * proves the server answered; a bare end of stream or reset proves nothing about whether the
 * statement ran, so only these cases are told apart.
 */
final class LossVerdict {

    /** MySQL/MariaDB: 1317 query interrupted (KILL QUERY/CONNECTION), 1927 connection killed, 1969 statement timeout, 1053 shutdown. */
    private static final int[] KILLED = {1317, 1927, 1969, 1053};

    private LossVerdict() {
    }

    /** The server ended the statement or the session on purpose: never run again. */
    static boolean killedByServer(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException) {
                SQLException e = (SQLException) t;
                if ("70100".equals(e.getSQLState())) {
                    return true;
                }
                for (int code : KILLED) {
                    if (e.getErrorCode() == code) {
                        return true;
                    }
                }
            }
            if (t.getClass().getSimpleName().equals("MySQLQueryInterruptedException")) {
                return true;
            }
        }
        return false;
    }

    /** The client stopped waiting (socketTimeout): the statement may still be running on the server. */
    static boolean clientTimedOut(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && message.contains("Read timed out")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The driver refused before sending: SQLState 08003 (no connection) is what both drivers
     * raise from their closed-connection checks, which run before anything is written.
     */
    static boolean neverSent(Throwable thrown) {
        return thrown instanceof SQLException && "08003".equals(((SQLException) thrown).getSQLState());
    }
}
