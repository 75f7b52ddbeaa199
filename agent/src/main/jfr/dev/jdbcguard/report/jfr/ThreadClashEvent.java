package dev.jdbcguard.report.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

@Name("dev.jdbcguard.ThreadClash")
@Label("Thread Clash")
@Category("jdbc-guard")
@Description("One connection used by two threads: at once, a transaction continued on another thread, or (strictThreads) a thread other than its opener")
public final class ThreadClashEvent extends Event {

    @Label("Connection")
    @Description("The agent's number for the physical connection (#N in the log and in status)")
    long connectionId;

    @Label("Server")
    @Description("host:port of the server")
    String server;

    @Label("Server Thread")
    @Description("The session's server thread (connection id on the server); -1 when unknown")
    long serverThread;

    @Label("Kind")
    @Description("concurrent, transaction or foreign")
    String kind;

    @Label("Thread")
    @Description("The thread entering the connection now")
    String thread;

    @Label("Other Thread")
    @Description("The thread inside it, the one that began the transaction, or the opener")
    String otherThread;

    @Label("Other Stack")
    @Description("The other thread's stack, sampled now, without the agent's frames, at most 64 frames")
    String otherStack;

    @Label("Message")
    @Description("What happened, as in the log line")
    String message;

    @Label("Policy")
    @Description("The threads option: warn or fail")
    String policy;

    @Label("Refused")
    @Description("Whether the call was refused (threads=fail)")
    boolean refused;
}
