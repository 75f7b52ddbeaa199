package dev.jdbcguard.heal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Which connect errors mean "the server is not accepting connections yet", as the drivers wrap them. */
class ReconnectTest {

    private static SQLException wrapped(Throwable cause) {
        return new SQLException("Communications link failure", "08S01", 0, cause);
    }

    @Test
    void aServerThatIsDownOrOnItsWayUpOrDownIsWaitedFor() {
        assertThat(Reconnect.notAcceptingYet(wrapped(new ConnectException("Connection refused")))).isTrue();
        assertThat(Reconnect.notAcceptingYet(new SQLNonTransientConnectionException(
                "Socket fail to connect to 127.0.0.1:3306. Connection refused", "08000", -1,
                new ConnectException("Connection refused")))).isTrue();
        assertThat(Reconnect.notAcceptingYet(wrapped(new NoRouteToHostException("No route to host")))).isTrue();
        assertThat(Reconnect.notAcceptingYet(new SQLException("Server shutdown in progress", "08S01", 1053))).isTrue();
        assertThat(Reconnect.notAcceptingYet(wrapped(new EOFException("Can not read response from server")))).isTrue();
        assertThat(Reconnect.notAcceptingYet(wrapped(new SocketException("Connection reset")))).isTrue();
        assertThat(Reconnect.notAcceptingYet(wrapped(new SocketTimeoutException("Read timed out")))).isTrue();
    }

    @Test
    void anAnswerOfARunningServerIsNot() {
        assertThat(Reconnect.notAcceptingYet(new SQLException("Too many connections", "08004", 1040))).isFalse();
        assertThat(Reconnect.notAcceptingYet(new SQLException("Access denied for user", "28000", 1045))).isFalse();
        assertThat(Reconnect.notAcceptingYet(new SQLException("Unknown database 'app'", "42000", 1049))).isFalse();
        assertThat(Reconnect.notAcceptingYet(new SQLException("MariaDB driver internals differ", "08001"))).isFalse();
        assertThat(Reconnect.notAcceptingYet(new IllegalStateException("no such field"))).isFalse();
    }

    @Test
    void theLastErrorNamesTheDriversWordsAndTheRootCause() {
        assertThat(Reconnect.lastError(wrapped(new ConnectException("Connection refused"))))
                .isEqualTo("Communications link failure (ConnectException: Connection refused)");
        assertThat(Reconnect.lastError(new SQLException("Socket fail to connect to h:1. Connection refused", "08000",
                new ConnectException("Connection refused")))).isEqualTo("Socket fail to connect to h:1. Connection refused");
    }
}
