package dev.jdbcguard.report.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

@Name("dev.jdbcguard.HeldTooLong")
@Label("Held Too Long")
@Category("jdbc-guard")
@Description("A connection checked out of its pool, or open without one, longer than heldTooLong")
public final class HeldTooLongEvent extends Event {

    @Label("Connection")
    @Description("The agent's number for the physical connection (#N in the log and in status)")
    long connectionId;

    @Label("Server")
    @Description("host:port of the server")
    String server;

    @Label("Server Thread")
    @Description("The session's server thread (connection id on the server); -1 when unknown")
    long serverThread;

    @Label("Pool")
    @Description("The pool it was checked out of; empty without one")
    String pool;

    @Label("Thread")
    @Description("The thread that took or opened it")
    String thread;

    @Label("Held")
    @Description("How long it had been held when reported")
    @Timespan(Timespan.MILLISECONDS)
    long held;

    @Label("Taken At")
    @Description("Where the program took or opened it")
    String takenAt;
}
