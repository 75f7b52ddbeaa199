package dev.jdbcguard.report.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

@Name("dev.jdbcguard.Loss")
@Label("Connection Loss")
@Category("jdbc-guard")
@Description("A connection-lost error and its diagnosed cause")
public final class LossEvent extends Event {

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
    @Description("The diagnosed cause, with its figures")
    String cause;

    @Label("Error")
    @Description("The driver's error: class, SQLState, first line of its message")
    String error;

    @Label("Idle")
    @Description("How long the connection had been idle when the failed call began")
    @Timespan(Timespan.NANOSECONDS)
    long idle;
}
