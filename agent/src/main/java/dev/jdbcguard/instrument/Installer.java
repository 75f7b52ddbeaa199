package dev.jdbcguard.instrument;

import dev.jdbcguard.core.Log;
import java.lang.instrument.Instrumentation;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Wires the weaving into the JVM. The same transformer works at start-up and when attached to a
 * running JVM, where the JDBC classes already loaded are retransformed: it adds a member to a
 * class (the {@link TrackedSlot}) only when the class is first defined.
 *
 * <p>Why not byte-buddy's {@code AgentBuilder}: it loads some 1,300 classes and builds a type
 * description per candidate, which cost over a second of start-up. The weaving here uses the
 * ASM that byte-buddy bundles, and loads a few dozen classes.
 */
public final class Installer {

    private Installer() {
    }

    /** {@code weaveCache}: the option's value, a file or "off". */
    public static void install(Instrumentation inst, boolean attached, String weaveCache) {
        inst.addTransformer(new JdbcTransformer(WeaveCache.open(weaveCache)), true);
        if (attached) {
            retransformLoaded(inst);
        }
    }

    /** After an attach: the JDBC classes already loaded are transformed now. */
    private static void retransformLoaded(Instrumentation inst) {
        List<Class<?>> candidates = new ArrayList<>();
        for (Class<?> type : inst.getAllLoadedClasses()) {
            String name = type.getName().replace('.', '/');
            if (inst.isModifiableClass(type) && !type.isInterface() && !JdbcTransformer.skipped(name)
                    && (Driver.class.isAssignableFrom(type) || Connection.class.isAssignableFrom(type)
                    || Statement.class.isAssignableFrom(type) || Plans.isPoolClass(name))) {
                candidates.add(type);
            }
        }
        for (Class<?> type : candidates) {
            try {
                inst.retransformClasses(type);
            } catch (VerifyError e) {
                JdbcTransformer.leftUnwoven(type.getName(), e); // the JVM keeps the class as it was
            } catch (Throwable e) {
                Log.debug("could not retransform " + type.getName() + ": " + e);
            }
        }
    }
}
