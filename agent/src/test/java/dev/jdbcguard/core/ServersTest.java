package dev.jdbcguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.mask.UrlMask;
import org.junit.jupiter.api.Test;

/** The server a (masked) URL names: what diagnoses, kills and pressure reports are keyed by. */
class ServersTest {

    @Test
    void theFirstHostOfEveryFormWithTheDefaultPort() {
        String[][] cases = {
            {"jdbc:mysql://u:p@ss@db:3307/app", "db:3307"},
            {"jdbc:mysql://db/app", "db:3306"},
            {"jdbc:mysql://address=(host=db)(port=3308)(password=p)/app", "db:3308"},
            {"jdbc:mysql://(host=db,password=a,b)/app", "db:3306"},
            {"jdbc:mariadb:replication://db1:3310,db2/app?password=x", "db1:3310"},
            {"jdbc:mysql://[::1]/app", "[::1]:3306"},
            {"jdbc:mysql://[::1]:3311/app", "[::1]:3311"},
            {"jdbc:mysql:///app", "unknown server"},
            {"jdbc:oracle:thin:scott/tiger@//h:1521/s", "unknown server"},
        };
        for (String[] c : cases) {
            assertThat(Servers.hostPort(UrlMask.mask(c[0]))).as(c[0]).isEqualTo(c[1]);
        }
        assertThat(Servers.hostPort(null)).isEqualTo("unknown server");
    }
}
