package fakedb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLWarning;

/**
 * A statement that answers every query with the same one-row result (one reused object, so a
 * call allocates nothing) and every update with 1.
 */
public class FakeStatement extends UnsupportedStatement {

    private final FakeConnection connection;
    private final FakeResultSet result = new FakeResultSet(this);
    private boolean closed;
    private int queryTimeout;
    private int fetchSize;

    FakeStatement(FakeConnection connection) {
        this.connection = connection;
    }

    /** The one result of every query, rewound. */
    final ResultSet answer() {
        return result.rewind();
    }

    @Override
    public ResultSet executeQuery(String sql) {
        return answer();
    }

    @Override
    public int executeUpdate(String sql) {
        return 1;
    }

    @Override
    public boolean execute(String sql) {
        return false;
    }

    @Override
    public ResultSet getResultSet() {
        return result;
    }

    @Override
    public int getUpdateCount() {
        return -1;
    }

    @Override
    public boolean getMoreResults() {
        return false;
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public int getQueryTimeout() {
        return queryTimeout;
    }

    @Override
    public void setQueryTimeout(int seconds) {
        this.queryTimeout = seconds;
    }

    @Override
    public int getFetchSize() {
        return fetchSize;
    }

    @Override
    public void setFetchSize(int rows) {
        this.fetchSize = rows;
    }

    @Override
    public SQLWarning getWarnings() {
        return null;
    }

    @Override
    public void clearWarnings() {
    }
}
