package dev.jdbcguard.report.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

@Name("dev.jdbcguard.UnknownOutcome")
@Label("Unknown Outcome")
@Category("jdbc-guard")
@Description("A statement or commit sent before the link was lost: it may or may not have taken effect (SQLState 08007)")
public final class UnknownOutcomeEvent extends Event {

    @Label("Connection")
    @Description("The agent's number for the physical connection (#N in the log and in status)")
    long connectionId;

    @Label("Server")
    @Description("host:port of the server")
    String server;

    @Label("Server Thread")
    @Description("The server thread the work was sent to (the connection may have been healed since)")
    long serverThread;

    @Label("What")
    @Description("What was sent and lost")
    String what;

    @Label("Error")
    @Description("The driver's error: class, SQLState, first line of its message")
    String error;
}
