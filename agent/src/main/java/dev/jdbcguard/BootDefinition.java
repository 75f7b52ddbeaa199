package dev.jdbcguard;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * Defines classes in the boot loader without touching the boot class path.
 *
 * <p>Java 9 and later: the JDK's internal {@code Unsafe.defineClass} takes the boot loader (null).
 * Its package is not exported, and exporting it to the agent's own module would export it to the
 * application's whole class path (the agent jar shares the application loader's unnamed module).
 * So the one class that calls it, {@link Definer}, is loaded in a loader of its own, and the
 * package is exported to that loader's module only: nothing else can reach the export.
 * Java 8: {@code sun.misc.Unsafe.defineClass}, which needs no export.
 */
final class BootDefinition {

    private BootDefinition() {
    }

    static void define(Instrumentation inst, String[] names, byte[][] classes, byte[] definerClass) throws Exception {
        Method getModule = moduleAccessor();
        if (getModule == null) {
            defineOnJava8(names, classes);
            return;
        }
        Class<?> definer = new OneClassLoader().define(Definer.class.getName(), definerClass);
        Object javaBase = getModule.invoke(Object.class);
        Set<Object> definerModule = Collections.singleton(getModule.invoke(definer));
        Method redefineModule = Instrumentation.class.getMethod("redefineModule", getModule.getReturnType(),
                Set.class, Map.class, Map.class, Set.class, Map.class);
        redefineModule.invoke(inst, javaBase, Collections.emptySet(),
                Collections.singletonMap("jdk.internal.misc", definerModule), Collections.emptyMap(),
                Collections.emptySet(), Collections.emptyMap());
        definer.getMethod("define", String[].class, byte[][].class).invoke(null, names, classes);
    }

    /** {@code Class.getModule}, or null before Java 9. */
    private static Method moduleAccessor() {
        try {
            return Class.class.getMethod("getModule");
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static void defineOnJava8(String[] names, byte[][] classes) throws Exception {
        Class<?> unsafeType = Class.forName("sun.misc.Unsafe");
        Field theUnsafe = unsafeType.getDeclaredField("theUnsafe");
        theUnsafe.setAccessible(true);
        Definer.defineAll(unsafeType, theUnsafe.get(null), names, classes);
    }

    /** Loads one class from its bytes, with nothing but the boot loader behind it. */
    private static final class OneClassLoader extends ClassLoader {
        OneClassLoader() {
            super(null);
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }

    /**
     * Runs in its own loader (Java 9+), whose module alone gets the export; references
     * java.base only, so that it links there.
     */
    public static final class Definer {

        private Definer() {
        }

        public static void define(String[] names, byte[][] classes) throws Exception {
            Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
            defineAll(unsafeType, unsafeType.getMethod("getUnsafe").invoke(null), names, classes);
        }

        static void defineAll(Class<?> unsafeType, Object unsafe, String[] names, byte[][] classes) throws Exception {
            Method defineClass = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                    ClassLoader.class, ProtectionDomain.class);
            for (int i = 0; i < names.length; i++) {
                defineClass.invoke(unsafe, names[i], classes[i], 0, classes[i].length, null, null);
            }
        }
    }
}
