package dev.jdbcguard.core;

import java.io.EOFException;
import java.net.SocketException;
import java.sql.SQLException;

/** Tells a lost connection from every other SQL error, by what the drivers actually throw. */
public final class ConnectionLoss {

    /** MySQL 4031 inactivity, MariaDB 1927 killed, client 2006 gone away / 2013 lost, 1053 shutdown. */
    private static final int[] LOSS_CODES = {4031, 1927, 2006, 2013, 1053, 1152, 1184};

    private ConnectionLoss() {
    }

    public static boolean is(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SQLException && isLoss((SQLException) t)) {
                return true;
            }
            if (t instanceof SocketException || t instanceof EOFException) {
                return true;
            }
            if (t.getClass().getName().endsWith("CommunicationsException")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * Errors the diagnosis explains: lost links, and the two refusals that users meet as
     * "gone away" too: a packet over max_allowed_packet and too many connections.
     */
    public static boolean explainable(Throwable thrown) {
        if (is(thrown)) {
            return true;
        }
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getSimpleName().equals("PacketTooBigException")) {
                return true;
            }
            if (t instanceof SQLException) {
                int code = ((SQLException) t).getErrorCode();
                if (code == 1040 || code == 1153) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isLoss(SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("08")) {
            return true;
        }
        for (int code : LOSS_CODES) {
            if (e.getErrorCode() == code) {
                return true;
            }
        }
        return false;
    }
}
