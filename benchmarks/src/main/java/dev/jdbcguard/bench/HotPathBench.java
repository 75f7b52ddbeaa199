package dev.jdbcguard.bench;

import fakedb.FakeDriver;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The agent's per-call cost, isolated: JDBC calls on the in-memory {@link FakeDriver}, whose own
 * work is a few field writes and which allocates nothing per call (except the new statement
 * object of prepareStatement). Whatever time or bytes per op a variant adds is the agent's.
 * Suite runs this class in forks without an agent, with jdbc-guard and with the OpenTelemetry agent.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathBench {

    /** A primary-key read as applications write it: lower-case identifiers. */
    static final String PK_READ = "SELECT name, qty FROM items WHERE id = 42";
    static final String UPDATE = "UPDATE items SET qty = qty + 1 WHERE id = ?";

    private Connection connection;
    private Statement statement;
    private PreparedStatement update;

    @Setup(Level.Trial)
    public void open() throws Exception {
        // connect(String, Properties): where jdbc-guard registers physical connections.
        connection = new FakeDriver().connect(FakeDriver.PREFIX + "hotpath", new Properties());
        statement = connection.createStatement();
        update = connection.prepareStatement(UPDATE);
        update.setInt(1, 42);
        AgentCheck.verify(1);
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        connection.close();
    }

    /** {@code Statement.executeQuery("SELECT 1")}. */
    @Benchmark
    public ResultSet statementExecuteQuery() throws SQLException {
        return statement.executeQuery("SELECT 1");
    }

    /** {@code Statement.executeQuery} with a realistic primary-key read (mixed-case text). */
    @Benchmark
    public ResultSet statementExecuteQueryPkRead() throws SQLException {
        return statement.executeQuery(PK_READ);
    }

    /** {@code PreparedStatement.executeUpdate()}. */
    @Benchmark
    public int preparedExecuteUpdate() throws SQLException {
        return update.executeUpdate();
    }

    /** {@code Connection.prepareStatement(sql)}: the driver's own statement object is allocated in every variant. */
    @Benchmark
    public PreparedStatement connectionPrepareStatement() throws SQLException {
        return connection.prepareStatement(PK_READ);
    }
}
