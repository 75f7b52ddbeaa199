package dev.jdbcguard.cli;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.agent.ByteBuddyAgent.AttachmentProvider;

/**
 * The JVM's attach API as byte-buddy-agent finds it: the module {@code jdk.attach} (Java 9 and
 * later, OpenJ9 included), {@code tools.jar} of a Java 8 JDK, IBM J9's {@code com.ibm.tools.attach}.
 * byte-buddy-agent loads the agent ({@link ByteBuddyAgent#attach}); it has no call for the three
 * questions the CLI asks besides (which JVMs run, their system properties, their local JMX
 * address), so those are asked of the same {@code VirtualMachine} class it found, by the method
 * names all of these APIs share.
 */
final class AttachApi {

    private final AttachmentProvider.Accessor accessor;
    private final Class<?> vmClass;

    private AttachApi(AttachmentProvider.Accessor accessor) {
        this.accessor = accessor;
        this.vmClass = accessor.getVirtualMachineType();
    }

    static AttachApi load() throws CliError {
        AttachmentProvider.Accessor accessor;
        try {
            accessor = AttachmentProvider.DEFAULT.attempt();
        } catch (RuntimeException | LinkageError e) {
            accessor = null;
        }
        if (accessor == null || !accessor.isAvailable()) {
            throw new CliError(CliError.NO_ATTACH_API, "this Java has no attach API (module jdk.attach, or tools.jar of"
                    + " a Java 8 JDK): run the command with a JDK, e.g. $JAVA_HOME/bin/java -jar jdbc-guard-agent.jar ...");
        }
        return new AttachApi(accessor);
    }

    /** Running JVMs this user can attach to: pid and main class (display name). */
    List<String[]> list() throws Exception {
        List<String[]> jvms = new ArrayList<>();
        for (Object descriptor : (List<?>) call(null, vmClass.getMethod("list"))) {
            Method id = descriptor.getClass().getMethod("id");
            Method name = descriptor.getClass().getMethod("displayName");
            id.setAccessible(true);
            name.setAccessible(true);
            jvms.add(new String[] {(String) id.invoke(descriptor), (String) name.invoke(descriptor)});
        }
        return jvms;
    }

    Object attach(String pid) throws Exception {
        return call(null, vmClass.getMethod("attach", String.class), pid);
    }

    Properties systemProperties(Object vm) throws Exception {
        return (Properties) call(vm, vmClass.getMethod("getSystemProperties"));
    }

    /**
     * byte-buddy-agent attaches again, loads the agent and detaches. It attaches directly for any
     * other process; only for its own pid would it start a helper JVM, and the CLI never attaches
     * to itself (its attach for the properties fails first). Failures come back as the attach
     * API's own exception, unwrapped from byte-buddy-agent's IllegalStateException.
     */
    void loadAgent(String pid, String jar, String options) throws Exception {
        try {
            ByteBuddyAgent.attach(new File(jar), pid, options, new AttachmentProvider() {
                @Override
                public Accessor attempt() {
                    return accessor;
                }
            });
        } catch (IllegalStateException e) {
            throw unwrap(e);
        }
    }

    String startLocalManagementAgent(Object vm) throws Exception {
        return (String) call(vm, vmClass.getMethod("startLocalManagementAgent"));
    }

    void detach(Object vm) {
        try {
            call(vm, vmClass.getMethod("detach"));
        } catch (Exception e) {
            // the target may already be gone
        }
    }

    /** True for the attach API's refusal to attach, as opposed to a failure of the agent once loaded. */
    static boolean isAttachRefusal(Exception e) {
        return e.getClass().getName().endsWith(".AttachNotSupportedException");
    }

    /** The attach API's exception under byte-buddy-agent's wrapping and reflection's. */
    private static Exception unwrap(IllegalStateException e) {
        Throwable cause = e;
        while ((cause instanceof IllegalStateException || cause instanceof InvocationTargetException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof Exception ? (Exception) cause : e;
    }

    /** Unwraps reflection so callers see the attach API's own exceptions. */
    private static Object call(Object target, Method method, Object... args) throws Exception {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw e;
        }
    }
}
