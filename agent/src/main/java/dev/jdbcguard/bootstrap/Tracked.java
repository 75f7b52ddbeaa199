package dev.jdbcguard.bootstrap;

/**
 * Added to a driver's connection class when it loads with the agent already present: the class
 * then carries the agent's state for each connection in a field of its own, and every JDBC call
 * reads it there instead of looking the connection up in a map. Classes loaded before an attach
 * cannot gain a field (retransformation may not change a class's shape) and are looked up.
 */
public interface Tracked {

    /** The agent's state for this connection, or null before it is registered. */
    Object jdbcGuard$tracked();

    void jdbcGuard$track(Object state);
}
