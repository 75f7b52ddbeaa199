package dev.jdbcguard.instrument;

import java.security.ProtectionDomain;

/**
 * The safety net under the weaving: a woven class the JVM would refuse to verify must not replace
 * a class that loads fine without the agent, because a {@code VerifyError} comes only when the
 * class is linked, long after the transformer returned. So a woven class from a library the
 * project's tests do not weave and verify is first defined in a throwaway loader and linked there,
 * with the classes it needs defined there too from their class files; if the JVM's verifier
 * refuses it, the original bytes are used.
 *
 * <p>Only a {@link VerifyError} or {@link ClassFormatError} counts: the trial may also fail for
 * reasons that have nothing to do with the weaving (a type of an optional dependency that is
 * missing), and the woven class is then used, as it would fail the same way unwoven.
 */
final class TrialDefinition {

    /**
     * Drivers and pools whose every version in the compatibility matrix is woven and verified by
     * the project's tests: the trial would cost their start-up a second definition of each class.
     */
    private static final String[] TESTED = {
        "com/mysql/cj/", "org/mariadb/jdbc/", "com/zaxxer/hikari/", "org/apache/commons/dbcp2/", "com/mchange/",
        "org/apache/tomcat/jdbc/",
    };

    private TrialDefinition() {
    }

    static boolean needed(String internalName) {
        for (String prefix : TESTED) {
            if (internalName.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    /** The JVM's verifier's objection to {@code woven}, or null when it has none. */
    static Throwable refusal(String internalName, byte[] woven, ClassLoader loader, ProtectionDomain domain,
                             Hierarchy classFiles) {
        String name = internalName.replace('/', '.');
        try {
            Class<?> trial = new Loader(loader, name, woven, domain, classFiles).loadClass(name);
            trial.getDeclaredConstructors(); // links the class: the verifier runs now
            return null;
        } catch (VerifyError | ClassFormatError e) {
            return e;
        } catch (Throwable inconclusive) {
            return null;
        }
    }

    static boolean isTrial(ClassLoader loader) {
        return loader instanceof Loader;
    }

    /**
     * Defines the woven class, and every class it needs that is not the JDK's, itself, from the
     * class files its own loader holds: a class the real loader loaded while the JVM is inside a
     * transformer would never reach the transformer (the JVM does not re-enter it on one thread),
     * so nothing here may make the real loader load a class.
     */
    private static final class Loader extends ClassLoader {
        private static final String[] JDK = {"java.", "javax.", "jdk.", "sun.", "com.sun."};

        private final ClassLoader real;
        private final String name;
        private final byte[] bytes;
        private final ProtectionDomain domain;
        /** Reads the class files, and tells the weave cache where they came from. */
        private final Hierarchy classFiles;

        Loader(ClassLoader real, String name, byte[] bytes, ProtectionDomain domain, Hierarchy classFiles) {
            super(real);
            this.real = real;
            this.name = name;
            this.bytes = bytes;
            this.domain = domain;
            this.classFiles = classFiles;
        }

        @Override
        protected synchronized Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
            Class<?> defined = findLoadedClass(className);
            if (defined != null) {
                return defined;
            }
            if (className.equals(name)) {
                return defineClass(className, bytes, 0, bytes.length, domain);
            }
            byte[] original = isJdk(className) ? null : classFiles.classFile(className.replace('.', '/'), real);
            return original != null ? defineClass(className, original, 0, original.length, domain)
                    : super.loadClass(className, resolve);
        }

        private static boolean isJdk(String className) {
            for (String prefix : JDK) {
                if (className.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }
}
