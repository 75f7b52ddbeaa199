package dev.jdbcguard.core;

/**
 * Where a connection (or a pool) was opened: a short chain of the program's own frames, innermost
 * first, e.g. {@code com.example.Db.open(Db.java:12) <- Worker.leakOne(Worker.java:30) <-
 * Worker.run(Worker.java:20)}, so that two callers of one helper are two sites. Frames of the JDK,
 * drivers, pools, frameworks, the agent and launchers are never part of it; the whole stack is
 * kept for when a user asks for it. The chain is worked out the first time a report needs it, not
 * at connect time: the capture stays one {@code Throwable} per physical connection.
 */
public final class CreationSite {

    /** Program frames in a chain: the helper and its callers, enough to tell who leaked. */
    public static final int CHAIN = 4;

    private static final String[] JDK = {
        "java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.",
    };
    /**
     * The agent's own packages, whose frames no report shows. Every package of the agent but
     * {@code diagnose}: the end-to-end tests live in packages named after the capabilities they
     * prove ({@code dev.jdbcguard.leaks}, {@code .threads}, {@code .healing}, {@code .diagnose}), and
     * their frames are the program's. So no agent package may share a name with one of those
     * (AgentFramesTest checks the list against the agent's packages).
     */
    static final String[] AGENT = {
        "dev.jdbcguard.bootstrap.", "dev.jdbcguard.core.", "dev.jdbcguard.heal.", "dev.jdbcguard.sharing.",
        "dev.jdbcguard.leak.", "dev.jdbcguard.report.", "dev.jdbcguard.cli.", "dev.jdbcguard.sql.",
        "dev.jdbcguard.mask.", "dev.jdbcguard.instrument.", "dev.jdbcguard.driver.", "dev.jdbcguard.shaded.",
    };
    /** What starts a program: its frames sit below the program's main and mean nothing to it. */
    private static final String[] LAUNCHERS = {
        "org.springframework.boot.loader.", "org.apache.maven.surefire.", "org.apache.maven.plugin.surefire.",
        "org.apache.maven.shared.", "org.codehaus.mojo.exec.", "org.codehaus.plexus.classworlds.", "org.gradle.",
        "worker.org.gradle.", "com.intellij.rt.", "org.eclipse.jdt.internal.junit", "org.eclipse.jdt.internal.junit5.",
        "org.junit.", "junit.", "org.testng.", "org.apache.tools.ant.", "com.google.devtools.build.", "sbt.",
    };
    /** Drivers and pools: the JDBC machinery the program called into. */
    private static final String[] JDBC = {
        "com.mysql.", "org.mariadb.", "org.postgresql.", "oracle.jdbc.", "oracle.ucp.", "com.microsoft.sqlserver.",
        "org.h2.", "org.hsqldb.", "org.sqlite.", "com.zaxxer.hikari.", "org.apache.commons.dbcp", "org.apache.commons.pool",
        "com.mchange.", "org.apache.tomcat.jdbc.", "org.apache.tomcat.dbcp.", "org.vibur.", "com.alibaba.druid.",
        "io.agroal.", "com.p6spy.", "net.ttddyy.",
    };
    private static final String[] FRAMEWORKS = {
        "org.hibernate.", "org.eclipse.persistence.", "org.apache.openjpa.", "org.mybatis.", "org.apache.ibatis.",
        "org.jooq.", "org.jdbi.", "org.flywaydb.", "liquibase.", "org.apache.catalina.", "org.apache.coyote.",
        "org.apache.tomcat.", "org.eclipse.jetty.", "io.undertow.", "io.netty.", "reactor.", "io.micronaut.",
        "io.quarkus.", "io.vertx.", "com.google.inject.", "org.glassfish.", "org.jboss.", "io.dropwizard.",
        "org.aspectj.", "net.bytebuddy.", "net.sf.cglib.", "org.apache.logging.", "ch.qos.logback.", "org.slf4j.",
        "kotlin.", "kotlinx.", "scala.", "groovy.", "org.codehaus.groovy.", "org.apache.groovy.", "io.opentelemetry.",
        "co.elastic.apm.", "org.quartz.", "org.apache.camel.", "com.fasterxml.", "org.apache.cxf.", "io.grpc.",
        "org.apache.kafka.", "org.apache.felix.", "org.osgi.", "org.eclipse.osgi.",
    };
    /**
     * Spring's own projects, module by module: a program may live under org.springframework too
     * (Spring's sample applications do), and its frames are the ones a report must show.
     */
    private static final String[] SPRING_MODULES = {
        "aop", "aot", "asm", "beans", "boot", "cache", "cglib", "context", "core", "dao", "data", "expression",
        "format", "http", "instrument", "integration", "jca", "jdbc", "jms", "jmx", "jndi", "lang", "messaging",
        "objenesis", "orm", "oxm", "r2dbc", "remoting", "scheduling", "scripting", "security", "session", "stereotype",
        "test", "transaction", "ui", "util", "validation", "web", "batch", "retry", "kafka", "amqp", "cloud", "graphql",
        "ws", "vault", "shell", "statemachine", "ldap", "hateoas", "restdocs", "modulith", "ai", "pulsar",
    };

    public static final CreationSite BEFORE_ATTACH = new CreationSite("before attach", new StackTraceElement[0]);
    static final CreationSite NOT_CAPTURED = new CreationSite("not captured (creationStacks=off)", new StackTraceElement[0]);

    private final StackTraceElement[] stack;
    /** Null until a report first asks; two threads working it out at once get the same text. */
    private volatile String chain;

    private CreationSite(String chain, StackTraceElement[] stack) {
        this.chain = chain;
        this.stack = stack;
    }

    static CreationSite here() {
        return new CreationSite(null, new Throwable().getStackTrace());
    }

    /**
     * The program's frames that led here, innermost first, at most {@link #CHAIN}; the first with
     * its package, the callers by class (their file names tell the rest). A recursive method shows
     * once. When frameworks stand between the program and the driver or pool, the innermost
     * framework frame follows as "via": the framework asked for the connection, the program
     * frames say on whose behalf. No frame of the program at all (a pool a framework built on its
     * own thread) says so rather than naming a launcher.
     */
    public static String chainOf(StackTraceElement[] stack) {
        StackTraceElement[] picked = new StackTraceElement[CHAIN];
        boolean[] recursion = new boolean[CHAIN];
        StackTraceElement via = null;
        int frames = 0;
        for (StackTraceElement element : stack) {
            int kind = kindOf(element.getClassName());
            if (kind == LAUNCHER) {
                break; // everything below a launcher is the launcher's
            }
            if (kind != PROGRAM) {
                if (kind == FRAMEWORK && via == null && frames == 0) {
                    via = element;
                }
                continue;
            }
            if (frames > 0 && alreadyPicked(picked, frames, element)) {
                // a method seen nearer the top: recursion (direct or through others), shown once,
                // so that a deep one still leaves room for the callers that started it
                recursion[frames - 1] = true;
                continue;
            }
            if (frames == CHAIN) {
                break;
            }
            picked[frames++] = element;
        }
        if (frames == 0) {
            return via != null ? "no frame of the program's own (via " + via + ")"
                    : stack.length > 0 ? "no frame of the program's own" : "unknown";
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < frames; i++) {
            if (i == 0) {
                text.append(picked[i]);
            } else {
                text.append(" <- ").append(shortForm(picked[i]));
            }
            if (recursion[i]) {
                text.append(" (recursive)");
            }
        }
        return via != null ? text.append(" (via ").append(via).append(')').toString() : text.toString();
    }

    private static boolean alreadyPicked(StackTraceElement[] picked, int frames, StackTraceElement element) {
        for (int i = 0; i < frames; i++) {
            if (picked[i].getMethodName().equals(element.getMethodName())
                    && picked[i].getClassName().equals(element.getClassName())) {
                return true;
            }
        }
        return false;
    }

    /** "Worker.run(Worker.java:20)": the class without its package. */
    private static String shortForm(StackTraceElement element) {
        String c = element.getClassName();
        String file = element.getFileName();
        int line = element.getLineNumber();
        StringBuilder b = new StringBuilder(c.substring(c.lastIndexOf('.') + 1)).append('.').append(element.getMethodName())
                .append('(');
        if (element.isNativeMethod()) {
            b.append("Native Method");
        } else if (file == null) {
            b.append("Unknown Source");
        } else {
            b.append(file);
            if (line >= 0) {
                b.append(':').append(line);
            }
        }
        return b.append(')').toString();
    }

    static final int PROGRAM = 0;
    static final int MACHINERY = 1;
    static final int FRAMEWORK = 2;
    static final int LAUNCHER = 3;

    /**
     * Kinds by class name: a stack walks past the same framework classes for every connection,
     * and a name tried against every prefix costs a tenth of a microsecond. Bounded: a program
     * that generates classes without end stops filling it and pays the prefixes.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, Integer> KINDS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int KINDS_KEPT = 8_192;

    static int kindOf(String className) {
        Integer known = KINDS.get(className);
        if (known != null) {
            return known;
        }
        int kind = classify(className);
        if (KINDS.size() < KINDS_KEPT) {
            KINDS.put(className, kind);
        }
        return kind;
    }

    private static int classify(String className) {
        if (startsWithAny(className, LAUNCHERS)) {
            return LAUNCHER;
        }
        if (startsWithAny(className, JDK) || startsWithAny(className, AGENT) || startsWithAny(className, JDBC)
                || className.contains("$$")) {
            // $$: classes generated at run time (CGLIB and Spring proxies, lambda forms); the method
            // they stand for shows as its own frame
            return MACHINERY;
        }
        if (startsWithAny(className, FRAMEWORKS) || isSpring(className)) {
            return FRAMEWORK;
        }
        return PROGRAM;
    }

    /** A frame of the agent itself, which stacks shown to the user leave out. */
    public static boolean isAgent(String className) {
        return startsWithAny(className, AGENT);
    }

    private static boolean isSpring(String className) {
        if (!className.startsWith("org.springframework.")) {
            return false;
        }
        int start = "org.springframework.".length();
        int end = className.indexOf('.', start);
        if (end < 0) {
            return true; // a class right in org.springframework is Spring's
        }
        String module = className.substring(start, end);
        for (String m : SPRING_MODULES) {
            if (m.equals(module)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithAny(String className, String[] prefixes) {
        for (String prefix : prefixes) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
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

    /** e.g. "com.example.Db.open(Db.java:12) <- Worker.leakOne(Worker.java:30) <- Worker.run(Worker.java:20)". */
    public String chain() {
        String known = chain;
        if (known == null) {
            known = chainOf(stack);
            chain = known;
        }
        return known;
    }

    public StackTraceElement[] stack() {
        return stack.clone();
    }

    @Override
    public String toString() {
        return chain();
    }
}
