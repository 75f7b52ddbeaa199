package dev.jdbcguard;

import java.lang.instrument.Instrumentation;
import java.util.Collections;

/**
 * Exports the JDK's internal {@code jdk.internal.misc} package to one module. Compiled to Java 8
 * bytecode against the running JDK's API (see the agent's pom) and called only on Java 9 and
 * later: a direct call, because a reflective one costs the JVM a dozen new method-handle classes
 * at start-up, outside any class-data cache.
 */
final class UnsafeExport {

    private UnsafeExport() {
    }

    static void to(Instrumentation inst, Class<?> onlyThisClassesModule) {
        inst.redefineModule(Object.class.getModule(), Collections.emptySet(),
                Collections.singletonMap("jdk.internal.misc", Collections.singleton(onlyThisClassesModule.getModule())),
                Collections.emptyMap(), Collections.emptySet(), Collections.emptyMap());
    }
}
