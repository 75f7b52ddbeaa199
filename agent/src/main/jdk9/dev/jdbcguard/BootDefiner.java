package dev.jdbcguard;

import java.util.function.Consumer;

/**
 * Defines classes in the boot loader with the JDK's internal {@code Unsafe} (Java 9 and later).
 * It is loaded in a class loader of its own, and only that loader's module is given the export
 * of {@code jdk.internal.misc} ({@link UnsafeExport}): the application's class path, where the
 * agent's other classes live, gets nothing. It references java.base only, so that it links
 * there. Takes {names, class files}, supertypes first.
 */
public final class BootDefiner implements Consumer<Object[]> {

    @Override
    public void accept(Object[] namesAndClasses) {
        String[] names = (String[]) namesAndClasses[0];
        byte[][] classes = (byte[][]) namesAndClasses[1];
        jdk.internal.misc.Unsafe unsafe = jdk.internal.misc.Unsafe.getUnsafe();
        for (int i = 0; i < names.length; i++) {
            unsafe.defineClass(names[i], classes[i], 0, classes[i].length, null, null);
        }
    }
}
