package dev.jdbcguard.instrument;

import dev.jdbcguard.report.Log;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets byte-buddy see only classes that could be JDBC classes: those whose class file mentions
 * {@code java/sql/}. Every class a JVM loads passes here, and a byte scan is far cheaper than
 * building a type description, which is what kept start-up slow. A subclass of a driver class
 * that never names a java.sql type itself is skipped: the methods it inherits are instrumented
 * in the superclass.
 */
final class JdbcClassFilter implements ClassFileTransformer {

    private static final byte[] JAVA_SQL = {'j', 'a', 'v', 'a', '/', 's', 'q', 'l', '/'};
    private static final String[] SKIPPED = {"java/", "javax/", "jdk/", "sun/", "com/sun/", "dev/jdbcguard/"};

    private final ClassFileTransformer byteBuddy;

    JdbcClassFilter(ClassFileTransformer byteBuddy) {
        this.byteBuddy = byteBuddy;
    }

    @Override
    public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain, byte[] bytes)
            throws IllegalClassFormatException {
        if (name == null || bytes == null || skipped(name) || !mentionsJavaSql(bytes)) {
            return null;
        }
        return byteBuddy.transform(loader, name, redefined, domain, bytes);
    }

    /** After an attach: the JDBC classes already loaded are transformed now. */
    void retransformLoaded(Instrumentation inst) {
        List<Class<?>> candidates = new ArrayList<>();
        for (Class<?> type : inst.getAllLoadedClasses()) {
            if (inst.isModifiableClass(type) && !type.isInterface() && !skipped(type.getName().replace('.', '/'))
                    && (Driver.class.isAssignableFrom(type) || Connection.class.isAssignableFrom(type)
                    || Statement.class.isAssignableFrom(type) || Installer.isPoolClass(type.getName()))) {
                candidates.add(type);
            }
        }
        for (Class<?> type : candidates) {
            try {
                inst.retransformClasses(type);
            } catch (Throwable e) {
                Log.debug("could not retransform " + type.getName() + ": " + e);
            }
        }
    }

    private static boolean skipped(String name) {
        for (String prefix : SKIPPED) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    static boolean mentionsJavaSql(byte[] bytes) {
        int last = bytes.length - JAVA_SQL.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (bytes[i] != 'j') {
                continue;
            }
            for (int k = 1; k < JAVA_SQL.length; k++) {
                if (bytes[i + k] != JAVA_SQL[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
