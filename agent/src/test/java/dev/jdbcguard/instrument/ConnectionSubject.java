package dev.jdbcguard.instrument;

import java.sql.SQLException;

/** Woven in {@link MethodWeaverTest} as if it implemented java.sql.Connection. */
public class ConnectionSubject {

    public boolean autoCommit = true;

    public void setAutoCommit(boolean on) {
        autoCommit = on;
    }

    public void commit() throws SQLException {
        throw new SQLException("Communications link failure", "08S01");
    }

    /** Dead until the agent "heals" it; the body overwrites its parameter, as odd code may. */
    public boolean healed;
    public int validations;

    public boolean isValid(int timeout) {
        validations++;
        timeout = -1;
        return healed && timeout == -1;
    }

    public String nativeSQL(String sql) {
        return sql; // not a method the agent weaves
    }
}
