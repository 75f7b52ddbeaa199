package fakedb;

// Generated once from the JDK 17 java.sql interfaces: one throwing stub per abstract method.
/** Every {@link java.sql.Statement} method throws; {@link FakeStatement} overrides what the benchmarks use. */
@SuppressWarnings({"deprecation", "RedundantThrows"})
abstract class UnsupportedStatement implements java.sql.Statement {

    static java.sql.SQLFeatureNotSupportedException unsupported() {
        return new java.sql.SQLFeatureNotSupportedException("not in the fake driver");
    }

    @Override
    public void addBatch(java.lang.String p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void cancel() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void clearBatch() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void clearWarnings() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void closeOnCompletion() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void close() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public int[] executeBatch() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.sql.ResultSet executeQuery(java.lang.String p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public int executeUpdate(java.lang.String p0, int[] p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public int executeUpdate(java.lang.String p0, java.lang.String[] p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public int executeUpdate(java.lang.String p0, int p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public int executeUpdate(java.lang.String p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public boolean execute(java.lang.String p0, int[] p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public boolean execute(java.lang.String p0, java.lang.String[] p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public boolean execute(java.lang.String p0, int p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public boolean execute(java.lang.String p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.sql.Connection getConnection() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public int getFetchDirection() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public int getFetchSize() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.sql.ResultSet getGeneratedKeys() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public int getMaxFieldSize() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public int getMaxRows() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public boolean getMoreResults() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public boolean getMoreResults(int p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public int getQueryTimeout() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public int getResultSetConcurrency() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public int getResultSetHoldability() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public int getResultSetType() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.sql.ResultSet getResultSet() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public int getUpdateCount() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.sql.SQLWarning getWarnings() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public boolean isCloseOnCompletion() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public boolean isClosed() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public boolean isPoolable() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public boolean isWrapperFor(java.lang.Class<?> p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setCursorName(java.lang.String p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setEscapeProcessing(boolean p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setFetchDirection(int p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setFetchSize(int p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setMaxFieldSize(int p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setMaxRows(int p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setPoolable(boolean p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setQueryTimeout(int p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public <T> T unwrap(java.lang.Class<T> p0) throws java.sql.SQLException {
        throw unsupported();
    }
}
