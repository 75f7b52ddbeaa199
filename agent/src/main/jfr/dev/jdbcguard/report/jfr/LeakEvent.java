package dev.jdbcguard.report.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

@Name("dev.jdbcguard.Leak")
@Label("Leak")
@Category("jdbc-guard")
@Description("A connection garbage-collected without close()")
public final class LeakEvent extends Event {

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
    @Description("The pool that created it; empty without one")
    String pool;

    @Label("Opened By")
    @Description("The thread that opened it")
    String openedBy;

    @Label("Opened At")
    @Description("Where the program opened it: the creation chain of the log line")
    String openedAt;

    @Label("Age")
    @Description("Time from open to the garbage collection that found it")
    @Timespan(Timespan.MILLISECONDS)
    long age;
}
