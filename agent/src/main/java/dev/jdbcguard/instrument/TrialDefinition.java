package dev.jdbcguard.instrument;

import java.security.ProtectionDomain;

/**
 * The safety net under the weaving: a woven class the JVM would refuse to verify must not replace
 * a class that loads fine without the agent, because a {@code VerifyError} comes only when the
 * class is linked, long after the transformer returned. So a woven class from a library the
 * project's tests do not weave and verify is first defined in a throwaway loader and linked there;
 * if the JVM's verifier refuses it, the original bytes are used.
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
    static Throwable refusal(String internalName, byte[] woven, ClassLoader loader, ProtectionDomain domain) {
        String name = internalName.replace('/', '.');
        try {
            Class<?> trial = new Loader(loader, name, woven, domain).loadClass(name);
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

    /** Defines the one class itself; everything else comes from the class's own loader. */
    private static final class Loader extends ClassLoader {
        private final String name;
        private final byte[] bytes;
        private final ProtectionDomain domain;

        Loader(ClassLoader parent, String name, byte[] bytes, ProtectionDomain domain) {
            super(parent);
            this.name = name;
            this.bytes = bytes;
            this.domain = domain;
        }

        @Override
        protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
            if (!className.equals(name)) {
                return super.loadClass(className, resolve);
            }
            synchronized (this) {
                Class<?> defined = findLoadedClass(className);
                return defined != null ? defined : defineClass(className, bytes, 0, bytes.length, domain);
            }
        }
    }
}
