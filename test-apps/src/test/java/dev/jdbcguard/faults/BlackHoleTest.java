package dev.jdbcguard.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdbcguard.support.Sql;
import dev.jdbcguard.testdb.FaultyLink;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLRecoverableException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A link whose packets vanish must not hang the program: the ping is bounded by pingTimeout
 * (2 s in this JVM), the program gets an 08S01 error instead of its call, and once the link
 * works again the next use goes through.
 */
class BlackHoleTest {

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void blackHoledLinkCostsAtMostThePingTimeout(String driver) throws Exception {
        TestServer server = TestServers.shared();
        try (FaultyLink link = FaultyLink.to(server);
             Connection c = DriverManager.getConnection(link.url(server, driver), TestServer.USER, TestServer.PASSWORD)) {
            Sql.longValue(c, "SELECT 1");
            link.mode(FaultyLink.Mode.BLACK_HOLE);
            Thread.sleep(2_300); // past validateAfter

            long start = System.nanoTime();
            assertThatThrownBy(() -> Sql.longValue(c, "SELECT 1"))
                    .isInstanceOf(SQLRecoverableException.class)
                    .hasMessageContaining("did not answer a ping within pingTimeout 2 s")
                    .extracting(e -> ((SQLRecoverableException) e).getSQLState()).isEqualTo("08S01");
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;
            // 2.0-2.3 s on a quiet machine; the bound leaves room for a loaded CI host, and a
            // driver waiting on the silent socket (no socketTimeout) would never come back at all
            assertThat(waitedMillis).as("bounded by pingTimeout (2 s), not hung").isBetween(1_500L, 8_000L);

            link.mode(FaultyLink.Mode.PASS);
            link.cutAll(); // the old session's bytes were lost: it cannot be used again
            assertThat(Sql.longValue(c, "SELECT 42")).as("healed once the network is back").isEqualTo(42);
        }
    }
}
