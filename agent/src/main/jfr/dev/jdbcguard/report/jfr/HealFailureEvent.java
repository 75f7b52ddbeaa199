package dev.jdbcguard.report.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

@Name("dev.jdbcguard.HealFailure")
@Label("Heal Failure")
@Category("jdbc-guard")
@Description("A dead connection that was not reconnected; the call got an error instead")
public final class HealFailureEvent extends Event {

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

    @Label("Outcome")
    @Description("Why it was not reconnected")
    String outcome;
}
