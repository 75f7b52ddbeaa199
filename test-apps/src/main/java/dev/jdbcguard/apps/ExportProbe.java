package dev.jdbcguard.apps;

/**
 * Prints whether the program's own code can reach the JDK's internal Unsafe: the agent exports
 * its package to a one-class module of its own only, never to the application's class path.
 */
public final class ExportProbe {

    private ExportProbe() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> bridge = Class.forName("dev.jdbcguard.bootstrap.Bridge", false, null);
        System.out.println("bridge loader: " + bridge.getClassLoader());
        try {
            Object unsafe = Class.forName("jdk.internal.misc.Unsafe").getMethod("getUnsafe").invoke(null);
            System.out.println("internal Unsafe reachable: " + unsafe);
        } catch (IllegalAccessException e) {
            System.out.println("internal Unsafe refused: " + e.getMessage());
        }
    }
}
