package dev.jdbcguard.report.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

@Name("dev.jdbcguard.Refusal")
@Label("Refusal")
@Category("jdbc-guard")
@Description("A call refused because its transaction was lost (SQLState 40000) until the program calls rollback()")
public final class RefusalEvent extends Event {

    @Label("Connection")
    @Description("The agent's number for the physical connection (#N in the log and in status)")
    long connectionId;

    @Label("Server")
    @Description("host:port of the server")
    String server;

    @Label("Server Thread")
    @Description("The session's server thread (connection id on the server); -1 when unknown")
    long serverThread;

    @Label("Lost Transaction")
    @Description("Why the transaction was lost")
    String lostTransaction;

    @Label("SQL")
    @Description("The SQL text the refused call carried, secrets masked; empty for a prepared statement and a call that is not a statement")
    String sql;
}
