package fakedb;

// Generated once from the JDK 17 java.sql interfaces: one throwing stub per abstract method.
/** The {@link java.sql.PreparedStatement} methods on top of {@link FakeStatement}; each throws unless {@link FakePreparedStatement} overrides it. */
@SuppressWarnings({"deprecation", "RedundantThrows"})
abstract class UnsupportedPreparedStatement extends FakeStatement implements java.sql.PreparedStatement {

    UnsupportedPreparedStatement(FakeConnection connection) {
        super(connection);
    }

    static java.sql.SQLFeatureNotSupportedException unsupported() {
        return new java.sql.SQLFeatureNotSupportedException("not in the fake driver");
    }

    @Override
    public void addBatch() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void clearParameters() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.sql.ResultSet executeQuery() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public int executeUpdate() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public boolean execute() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.sql.ResultSetMetaData getMetaData() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public java.sql.ParameterMetaData getParameterMetaData() throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setArray(int p0, java.sql.Array p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setAsciiStream(int p0, java.io.InputStream p1, int p2) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setAsciiStream(int p0, java.io.InputStream p1, long p2) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setAsciiStream(int p0, java.io.InputStream p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setBigDecimal(int p0, java.math.BigDecimal p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setBinaryStream(int p0, java.io.InputStream p1, int p2) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setBinaryStream(int p0, java.io.InputStream p1, long p2) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setBinaryStream(int p0, java.io.InputStream p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setBlob(int p0, java.io.InputStream p1, long p2) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setBlob(int p0, java.io.InputStream p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setBlob(int p0, java.sql.Blob p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setBoolean(int p0, boolean p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setByte(int p0, byte p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setBytes(int p0, byte[] p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setCharacterStream(int p0, java.io.Reader p1, int p2) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setCharacterStream(int p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setCharacterStream(int p0, java.io.Reader p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setClob(int p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setClob(int p0, java.io.Reader p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setClob(int p0, java.sql.Clob p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setDate(int p0, java.sql.Date p1, java.util.Calendar p2) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setDate(int p0, java.sql.Date p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setDouble(int p0, double p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setFloat(int p0, float p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setInt(int p0, int p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setLong(int p0, long p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setNCharacterStream(int p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setNCharacterStream(int p0, java.io.Reader p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setNClob(int p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setNClob(int p0, java.io.Reader p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setNClob(int p0, java.sql.NClob p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setNString(int p0, java.lang.String p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setNull(int p0, int p1, java.lang.String p2) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setNull(int p0, int p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setObject(int p0, java.lang.Object p1, int p2, int p3) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setObject(int p0, java.lang.Object p1, int p2) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setObject(int p0, java.lang.Object p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setRef(int p0, java.sql.Ref p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setRowId(int p0, java.sql.RowId p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setSQLXML(int p0, java.sql.SQLXML p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setShort(int p0, short p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setString(int p0, java.lang.String p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setTime(int p0, java.sql.Time p1, java.util.Calendar p2) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setTime(int p0, java.sql.Time p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setTimestamp(int p0, java.sql.Timestamp p1, java.util.Calendar p2) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setTimestamp(int p0, java.sql.Timestamp p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setURL(int p0, java.net.URL p1) throws java.sql.SQLException {
        throw unsupported();
    }

    @Override
    public void setUnicodeStream(int p0, java.io.InputStream p1, int p2) throws java.sql.SQLException {
        throw unsupported();
    }
}
