package dev.jdbcguard.apps;

/** A JVM that only waits: a target for attach tests. Usage: {@code Sleeper <seconds>}. */
public final class Sleeper {

    private Sleeper() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("sleeper pid " + ProcessHandle.current().pid());
        Thread.sleep(Long.parseLong(args[0]) * 1000);
    }
}
