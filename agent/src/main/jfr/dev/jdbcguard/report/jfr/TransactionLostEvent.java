package dev.jdbcguard.report.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

@Name("dev.jdbcguard.TransactionLost")
@Label("Transaction Lost")
@Category("jdbc-guard")
@Description("The link died inside a transaction: the server rolled it back; the connection refuses statements until rollback()")
public final class TransactionLostEvent extends Event {

    @Label("Connection")
    @Description("The agent's number for the physical connection (#N in the log and in status)")
    long connectionId;

    @Label("Server")
    @Description("host:port of the server")
    String server;

    @Label("Server Thread")
    @Description("The session's server thread (connection id on the server); -1 when unknown")
    long serverThread;

    @Label("Cause")
    @Description("Why the connection was dead")
    String cause;

    @Label("Statements")
    @Description("Statements the lost transaction had run")
    int statements;
}
