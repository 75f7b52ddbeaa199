package dev.jdbcguard.support;

import dev.jdbcguard.apps.ChildJvm;
import java.io.IOException;

/** Child JVMs for the reproducers, with and without the agent built by this reactor. */
public final class Apps {

    private Apps() {
    }

    public static String agentJar() {
        return System.getProperty("jdbcguard.agentJar");
    }

    public static ChildJvm withoutAgent() throws IOException {
        return ChildJvm.forTestApps();
    }

    public static ChildJvm withAgent() throws IOException {
        return withAgent(null);
    }

    public static ChildJvm withAgent(String agentArgs) throws IOException {
        return ChildJvm.forTestApps().agent(agentJar(), agentArgs);
    }
}
