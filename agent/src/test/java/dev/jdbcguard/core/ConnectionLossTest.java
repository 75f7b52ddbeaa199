package dev.jdbcguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.net.SocketException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ConnectionLossTest {

    /** Stands in for the drivers' CommunicationsException, recognised by class name only. */
    static final class CommunicationsException extends SQLException {
        CommunicationsException(String message) {
            super(message);
        }
    }

    @Test
    void connectionSqlStatesAreLoss() {
        assertThat(ConnectionLoss.is(new SQLException("link failure", "08S01", 0))).isTrue();
        assertThat(ConnectionLoss.is(new SQLException("connection exception", "08000", 0))).isTrue();
    }

    @Test
    void lossErrorCodesAreLossWhateverTheState() {
        assertThat(ConnectionLoss.is(new SQLException("inactivity", "HY000", 4031))).isTrue();
        assertThat(ConnectionLoss.is(new SQLException("killed", "70100", 1927))).isTrue();
        assertThat(ConnectionLoss.is(new SQLException("gone away", "HY000", 2006))).isTrue();
        assertThat(ConnectionLoss.is(new SQLException("lost", null, 2013))).isTrue();
    }

    @Test
    void ordinarySqlErrorsAreNotLoss() {
        assertThat(ConnectionLoss.is(new SQLException("syntax", "42000", 1064))).isFalse();
        assertThat(ConnectionLoss.is(new SQLException("duplicate key", "23000", 1062))).isFalse();
        assertThat(ConnectionLoss.is(new SQLException("lock wait timeout", "HY000", 1205))).isFalse();
        assertThat(ConnectionLoss.is(new SQLException("deadlock", "40001", 1213))).isFalse();
        assertThat(ConnectionLoss.is(new SQLException("no state"))).isFalse();
    }

    @Test
    void socketExceptionCauseIsLoss() {
        SQLException wrapper = new SQLException("failed", "HY000", 0, new SocketException("Connection reset"));

        assertThat(ConnectionLoss.is(wrapper)).isTrue();
    }

    @Test
    void eofDeeperInTheCauseChainIsLoss() {
        Throwable chain = new RuntimeException("outer",
                new SQLException("middle", "HY000", 0, new EOFException("end of stream")));

        assertThat(ConnectionLoss.is(chain)).isTrue();
    }

    @Test
    void nonLossCauseChainIsNotLoss() {
        Throwable chain = new RuntimeException("outer", new SQLException("syntax", "42000", 1064,
                new IllegalStateException("x")));

        assertThat(ConnectionLoss.is(chain)).isFalse();
    }

    @Test
    void classNamedCommunicationsExceptionIsLoss() {
        assertThat(ConnectionLoss.is(new CommunicationsException("Communications link failure"))).isTrue();
    }

    @Test
    void nullIsNotLoss() {
        assertThat(ConnectionLoss.is(null)).isFalse();
    }
}
