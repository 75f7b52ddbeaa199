package fakedb;

import java.sql.ResultSet;

/** A prepared statement whose parameters go nowhere: executeUpdate returns 1, executeQuery one row. */
public class FakePreparedStatement extends UnsupportedPreparedStatement {

    private final String sql;
    private long lastParameter;

    FakePreparedStatement(FakeConnection connection, String sql) {
        super(connection);
        this.sql = sql;
    }

    public String sql() {
        return sql;
    }

    @Override
    public ResultSet executeQuery() {
        return answer();
    }

    @Override
    public int executeUpdate() {
        return 1;
    }

    @Override
    public boolean execute() {
        return false;
    }

    @Override
    public void setInt(int index, int value) {
        lastParameter = value;
    }

    @Override
    public void setLong(int index, long value) {
        lastParameter = value;
    }

    @Override
    public void setString(int index, String value) {
        lastParameter = value == null ? 0 : value.length();
    }

    @Override
    public void clearParameters() {
        lastParameter = 0;
    }
}
