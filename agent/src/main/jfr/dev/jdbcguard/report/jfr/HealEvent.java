package dev.jdbcguard.report.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

@Name("dev.jdbcguard.Heal")
@Label("Heal")
@Category("jdbc-guard")
@Description("A dead connection reconnected in place: the same Connection object, its session state put back")
public final class HealEvent extends Event {

    @Label("Connection")
    @Description("The agent's number for the physical connection (#N in the log and in status)")
    long connectionId;

    @Label("Server")
    @Description("host:port of the server")
    String server;

    @Label("Old Server Thread")
    @Description("The server thread of the session that was lost")
    long oldServerThread;

    @Label("New Server Thread")
    @Description("The server thread of the new session")
    long newServerThread;

    @Label("Cause")
    @Description("Why the connection was dead, as in the log line")
    String cause;

    @Label("Idle")
    @Description("How long the connection had been idle when the call that found it dead began")
    @Timespan(Timespan.NANOSECONDS)
    long idle;

    @Label("Reconnect Time")
    @Description("Reconnect and session restore, including any wait for a restarting server")
    @Timespan(Timespan.NANOSECONDS)
    long reconnect;

    @Label("Failed Connect Attempts")
    @Description("Connect attempts refused while waiting for the server to come back")
    int failedConnectAttempts;

    @Label("Restored")
    @Description("The session state put back on the new session")
    String restored;
}
