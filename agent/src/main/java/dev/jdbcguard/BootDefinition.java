package dev.jdbcguard;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.function.Consumer;

/**
 * Defines classes in the boot loader without touching the boot class path.
 *
 * <p>Java 9 and later: the JDK's internal {@code Unsafe.defineClass} takes the boot loader (null).
 * Its package is not exported, and exporting it to the agent's own module would export it to the
 * application's whole class path (the agent jar shares the application loader's unnamed module).
 * So the one class that calls it, {@link BootDefiner}, is loaded in a loader of its own, and the
 * package is exported to that loader's module only. Java 8: {@code sun.misc.Unsafe.defineClass},
 * which needs no export.
 */
final class BootDefinition {

    /** By name: the agent's own loader must not load it. */
    static final String DEFINER = "dev.jdbcguard.BootDefiner";

    private BootDefinition() {
    }

    static void define(Instrumentation inst, String[] names, byte[][] classes, byte[] definerClass) throws Exception {
        if (!onJava9OrLater()) {
            defineOnJava8(names, classes);
            return;
        }
        Class<?> definer = new OneClassLoader().define(DEFINER, definerClass);
        UnsafeExport.to(inst, definer);
        @SuppressWarnings("unchecked")
        Consumer<Object[]> define = (Consumer<Object[]>) definer.newInstance();
        define.accept(new Object[] {names, classes});
    }

    private static boolean onJava9OrLater() {
        try {
            Class.forName("java.lang.Module", false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static void defineOnJava8(String[] names, byte[][] classes) throws Exception {
        Class<?> unsafeType = Class.forName("sun.misc.Unsafe");
        Field theUnsafe = unsafeType.getDeclaredField("theUnsafe");
        theUnsafe.setAccessible(true);
        Object unsafe = theUnsafe.get(null);
        Method defineClass = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        for (int i = 0; i < names.length; i++) {
            defineClass.invoke(unsafe, names[i], classes[i], 0, classes[i].length, null, null);
        }
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
}
