package fakedb;

import java.sql.ResultSet;
import java.sql.Statement;

/** One row, (1, "one"), as often as it is rewound. */
public class FakeResultSet extends UnsupportedResultSet {

    private final Statement statement;
    private int row;
    private boolean closed;

    FakeResultSet(Statement statement) {
        this.statement = statement;
    }

    FakeResultSet rewind() {
        row = 0;
        closed = false;
        return this;
    }

    @Override
    public boolean next() {
        return ++row == 1;
    }

    @Override
    public int getInt(int column) {
        return 1;
    }

    @Override
    public long getLong(int column) {
        return 1L;
    }

    @Override
    public String getString(int column) {
        return "one";
    }

    @Override
    public int getInt(String column) {
        return 1;
    }

    @Override
    public String getString(String column) {
        return "one";
    }

    @Override
    public boolean wasNull() {
        return false;
    }

    @Override
    public Statement getStatement() {
        return statement;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }
}
