package fakedb;

// Generated once from the JDK 17 java.sql interfaces: one throwing stub per abstract method.
/** Every {@link java.sql.Connection} method throws; {@link FakeConnection} overrides what the benchmarks use. */
@SuppressWarnings({"deprecation", "RedundantThrows"})
abstract class UnsupportedConnection implements java.sql.Connection {

    static java.sql.SQLFeatureNotSupportedException unsupported() {
        return new java.sql.SQLFeatureNotSupportedException("not in the fake driver");
    }

    @Override
    public void abort(java.util.concurrent.Executor p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void clearWarnings() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void close() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void commit() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.sql.Array createArrayOf(java.lang.String p0, java.lang.Object[] p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.sql.Blob createBlob() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.sql.Clob createClob() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.sql.NClob createNClob() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.sql.SQLXML createSQLXML() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.sql.Statement createStatement() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.sql.Statement createStatement(int p0, int p1, int p2) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.sql.Statement createStatement(int p0, int p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.sql.Struct createStruct(java.lang.String p0, java.lang.Object[] p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public boolean getAutoCommit() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.lang.String getCatalog() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.util.Properties getClientInfo() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.lang.String getClientInfo(java.lang.String p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public int getHoldability() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.sql.DatabaseMetaData getMetaData() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public int getNetworkTimeout() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.lang.String getSchema() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public int getTransactionIsolation() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.util.Map<java.lang.String, java.lang.Class<?>> getTypeMap() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.sql.SQLWarning getWarnings() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public boolean isClosed() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public boolean isReadOnly() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public boolean isValid(int p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public boolean isWrapperFor(java.lang.Class<?> p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.lang.String nativeSQL(java.lang.String p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.sql.CallableStatement prepareCall(java.lang.String p0, int p1, int p2, int p3) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.sql.CallableStatement prepareCall(java.lang.String p0, int p1, int p2) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.sql.CallableStatement prepareCall(java.lang.String p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(java.lang.String p0, int[] p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(java.lang.String p0, java.lang.String[] p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(java.lang.String p0, int p1, int p2, int p3) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(java.lang.String p0, int p1, int p2) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(java.lang.String p0, int p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(java.lang.String p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void releaseSavepoint(java.sql.Savepoint p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void rollback() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void rollback(java.sql.Savepoint p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setAutoCommit(boolean p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setCatalog(java.lang.String p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setClientInfo(java.lang.String p0, java.lang.String p1) throws java.sql.SQLClientInfoException {
        throw new UnsupportedOperationException("not in the fake driver");
    }

    @Override
    public void setClientInfo(java.util.Properties p0) throws java.sql.SQLClientInfoException {
        throw new UnsupportedOperationException("not in the fake driver");
    }

    @Override
    public void setHoldability(int p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setNetworkTimeout(java.util.concurrent.Executor p0, int p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setReadOnly(boolean p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.sql.Savepoint setSavepoint() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.sql.Savepoint setSavepoint(java.lang.String p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setSchema(java.lang.String p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setTransactionIsolation(int p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setTypeMap(java.util.Map<java.lang.String, java.lang.Class<?>> p0) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public <T> T unwrap(java.lang.Class<T> p0) throws java.sql.SQLException {
        throw unsupported();
    }
}
