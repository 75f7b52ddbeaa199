package dev.jdbcguard.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The JDK's attach API ({@code jdk.attach}), called by reflection: the agent is compiled for
 * Java 8, where the API lived in tools.jar, and a JRE may not have it at all.
 */
final class AttachApi {

    private final Class<?> vmClass;

    private AttachApi(Class<?> vmClass) {
        this.vmClass = vmClass;
    }

    static AttachApi load() throws CliError {
        try {
            return new AttachApi(Class.forName("com.sun.tools.attach.VirtualMachine"));
        } catch (ClassNotFoundException | LinkageError e) {
            throw new CliError(CliError.NO_ATTACH_API, "this Java has no attach API (module jdk.attach): run the"
                    + " command with a JDK 9 or later, e.g. $JAVA_HOME/bin/java -jar jdbc-guard-agent.jar ...");
        }
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

    void loadAgent(Object vm, String jar, String options) throws Exception {
        call(vm, vmClass.getMethod("loadAgent", String.class, String.class), jar, options);
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
