package dev.jdbcguard.core;

/**
 * Where the capabilities find the {@link Flight} recorder: {@link Flight#OFF} until start-up
 * installs the JFR one. A static channel like {@link Log}, so that no capability's constructor
 * changes for it.
 */
public final class Events {

    private static volatile Flight flight = Flight.OFF;

    private Events() {
    }

    public static Flight flight() {
        return flight;
    }

    public static void install(Flight recorder) {
        flight = recorder == null ? Flight.OFF : recorder;
    }
}
