package dev.jdbcguard.runtime;

/**
 * Where a connection was opened: the first frame outside JDBC drivers, pools, frameworks and
 * the agent, plus the whole stack for when a user asks for it.
 */
public final class CreationSite {

    /** Frames from these packages are machinery, not the application's decision to connect. */
    private static final String[] MACHINERY = {
        "java.", "javax.", "jdk.", "sun.", "com.sun.", "dev.jdbcguard.bootstrap.", "dev.jdbcguard.runtime.",
        "dev.jdbcguard.instrument.", "dev.jdbcguard.driver.", "dev.jdbcguard.shaded.", "com.mysql.", "org.mariadb.",
        "com.zaxxer.hikari.", "org.apache.commons.dbcp", "org.apache.commons.pool", "com.mchange.",
        "org.apache.tomcat.jdbc.", "org.springframework.", "org.hibernate.", "net.bytebuddy.",
    };

    public static final CreationSite BEFORE_ATTACH = new CreationSite("before attach", new StackTraceElement[0]);
    static final CreationSite NOT_CAPTURED = new CreationSite("not captured (creationStacks=off)", new StackTraceElement[0]);

    private final String frame;
    private final StackTraceElement[] stack;

    private CreationSite(String frame, StackTraceElement[] stack) {
        this.frame = frame;
        this.stack = stack;
    }

    static CreationSite here() {
        StackTraceElement[] stack = new Throwable().getStackTrace();
        return new CreationSite(applicationFrame(stack), stack);
    }

    /** The first frame that is the application's own code, e.g. "com.example.Worker.run(Worker.java:42)". */
    static String applicationFrame(StackTraceElement[] stack) {
        for (StackTraceElement element : stack) {
            if (!isMachinery(element.getClassName())) {
                return element.toString();
            }
        }
        return stack.length > 0 ? stack[stack.length - 1].toString() : "unknown";
    }

    /** The pool that opened the connection, told by its frames in the stack; null when none. */
    String pool() {
        for (StackTraceElement element : stack) {
            String c = element.getClassName();
            if (c.startsWith("com.zaxxer.hikari.")) {
                return "HikariCP";
            } else if (c.startsWith("org.apache.commons.dbcp2.")) {
                return "DBCP2";
            } else if (c.startsWith("com.mchange.v2.c3p0.")) {
                return "c3p0";
            } else if (c.startsWith("org.apache.tomcat.jdbc.pool.")) {
                return "Tomcat JDBC";
            }
        }
        return null;
    }

    private static boolean isMachinery(String className) {
        for (String prefix : MACHINERY) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** e.g. "com.example.Worker.run(Worker.java:42)". */
    public String frame() {
        return frame;
    }

    public StackTraceElement[] stack() {
        return stack.clone();
    }

    @Override
    public String toString() {
        return frame;
    }
}
