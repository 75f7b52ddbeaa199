package dev.jdbcguard.instrument;

import dev.jdbcguard.core.Streams;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.jar.asm.ClassReader;

/**
 * Which JDBC interfaces a class implements, read from class files before the class exists.
 * Supertypes are looked up as resources of the defining loader (a transformer must not load
 * classes) and remembered per loader, held weakly so an undeployed webapp's loader can go.
 */
final class Hierarchy {

    static final int DRIVER = 1;
    static final int CONNECTION = 2;
    static final int STATEMENT = 4;

    private final Map<ClassLoader, Map<String, Integer>> byLoader = new WeakHashMap<>();
    private final Map<String, Integer> bootstrap = new HashMap<>();
    private final Map<ClassLoader, Boolean> jdbcLoaders = new WeakHashMap<>();
    private boolean jdbcInBootstrap;
    /** Null when the option is off. */
    private final WeaveCache weaveCache;

    Hierarchy(WeaveCache weaveCache) {
        this.weaveCache = weaveCache;
    }

    /**
     * The roles of the class being defined from {@code header}, which is its class file. They are
     * remembered under its name: its subclasses load later and would otherwise read this class
     * file again from the loader's resources.
     */
    int roles(ClassReader header, ClassLoader loader) {
        int roles = supertypeRoles(header, loader);
        remember(header.getClassName(), roles, loader);
        return roles;
    }

    /** The roles of a class being defined, found here or told by the weave cache. */
    void remember(String className, int roles, ClassLoader loader) {
        Map<String, Integer> cache = cache(loader);
        synchronized (this) {
            cache.put(className, roles);
        }
        if (roles != 0) {
            noteJdbc(loader);
        }
    }

    private int supertypeRoles(ClassReader header, ClassLoader loader) {
        int roles = roles(header.getSuperName(), loader);
        for (String type : header.getInterfaces()) {
            roles |= roles(type, loader);
        }
        return roles;
    }

    private int roles(String type, ClassLoader loader) {
        if (type == null) {
            return 0;
        }
        if (type.startsWith("java/") || type.startsWith("javax/")) {
            return platformRoles(type);
        }
        Map<String, Integer> cache = cache(loader);
        Integer known;
        synchronized (this) {
            known = cache.get(type);
        }
        if (known != null) {
            return known;
        }
        byte[] bytes = classFile(type, loader);
        int roles = bytes == null ? 0 : supertypeRoles(new ClassReader(bytes), loader);
        synchronized (this) {
            cache.put(type, roles);
        }
        return roles;
    }

    private static int platformRoles(String type) {
        switch (type) {
            case "java/sql/Driver":
                return DRIVER;
            case "java/sql/Connection":
                return CONNECTION;
            case "java/sql/Statement":
            case "java/sql/PreparedStatement":
            case "java/sql/CallableStatement":
                return STATEMENT;
            default:
                return 0; // no other platform type extends these three
        }
    }

    /** True when a class with a JDBC role was defined by {@code loader}. */
    synchronized boolean sawJdbc(ClassLoader loader) {
        return loader == null ? jdbcInBootstrap : jdbcLoaders.containsKey(loader);
    }

    private synchronized void noteJdbc(ClassLoader loader) {
        if (loader == null) {
            jdbcInBootstrap = true;
        } else {
            jdbcLoaders.put(loader, Boolean.TRUE);
        }
    }

    private synchronized Map<String, Integer> cache(ClassLoader loader) {
        if (loader == null) {
            return bootstrap;
        }
        Map<String, Integer> cache = byLoader.get(loader);
        if (cache == null) {
            cache = new HashMap<>();
            byLoader.put(loader, cache);
        }
        return cache;
    }

    /** Where statements of the class being defined from {@code header} keep their connection, or null. */
    ConnectionField connectionField(ClassReader header, ClassLoader loader) {
        return ConnectionField.of(header, type -> classFile(type, loader));
    }

    /** A class file the weaving reads besides the woven class's own; the weave cache learns where it came from. */
    byte[] classFile(String type, ClassLoader loader) {
        URL url = resource(type, loader);
        if (url != null && weaveCache != null && WeaveCache.serves(loader)) {
            weaveCache.read(url);
        }
        return classFile(url);
    }

    private static URL resource(String type, ClassLoader loader) {
        String resource = type + ".class";
        try {
            return loader == null ? ClassLoader.getSystemResource(resource) : loader.getResource(resource);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static byte[] classFile(URL url) {
        if (url == null) {
            return null;
        }
        try (InputStream in = url.openStream()) {
            return Streams.readAll(in);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
