package dev.jdbcguard.report.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

@Name("dev.jdbcguard.ConnectionPressure")
@Label("Connection Pressure")
@Category("jdbc-guard")
@Description("This JVM's open connections to one server reached the pressureWarnAt share of max_connections")
public final class ConnectionPressureEvent extends Event {

    @Label("Server")
    @Description("host:port of the server")
    String server;

    @Label("Open")
    @Description("Open connections from this JVM to the server")
    int open;

    @Label("Max Connections")
    @Description("The server's max_connections, or the maxConnections option")
    long maxConnections;

    @Label("Warn At Percent")
    @Description("The pressureWarnAt option")
    int warnAtPercent;

    @Label("Summary")
    @Description("Where the open connections were opened, as in the log line")
    String summary;
}
