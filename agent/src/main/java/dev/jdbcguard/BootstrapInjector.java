package dev.jdbcguard;

import dev.jdbcguard.core.AgentJar;
import dev.jdbcguard.core.Streams;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.Arrays;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Makes the bridge classes visible to every class loader, so that advice inlined into a driver
 * loaded by any class loader (webapp, isolated, platform-parented) can call the agent.
 *
 * <p>They are defined in the boot loader directly ({@link BootDefinition}). Appending a jar to the
 * boot class path, the usual way, makes the JVM print "Sharing is only supported for boot loader
 * classes because bootstrap classpath has been appended" and stop serving the platform's and the
 * application's classes from its class-data cache (AppCDS, the AOT cache). Only where a JVM
 * offers no way to define them directly is the jar appended, as before.
 */
final class BootstrapInjector {

    /** Supertypes before their subtypes: defining a class resolves its supertypes at once. */
    private static final String[] BRIDGE_CLASSES = {
        "dev.jdbcguard.bootstrap.Hooks",
        "dev.jdbcguard.bootstrap.Bridge",
        "dev.jdbcguard.bootstrap.Bridge$Again",
        "dev.jdbcguard.bootstrap.JmxBuilder",
        "dev.jdbcguard.bootstrap.Tracked",
    };
    /**
     * The jar ships their class files under this suffix (agent/pom.xml), not ".class": no class
     * loader finds them on a class path, so a jar that is on the class path as well gives the
     * application loader no second copy, and the boot loader's stays the only one.
     */
    private static final String BRIDGE_SUFFIX = ".bridge";

    private BootstrapInjector() {
    }

    static void inject(Instrumentation inst) throws IOException {
        if (alreadyInTheBootLoader()) {
            return; // attached a second time
        }
        String[] entries = new String[BRIDGE_CLASSES.length + 1];
        for (int i = 0; i < BRIDGE_CLASSES.length; i++) {
            entries[i] = BRIDGE_CLASSES[i].replace('.', '/') + BRIDGE_SUFFIX;
        }
        entries[BRIDGE_CLASSES.length] = BootDefinition.DEFINER.replace('.', '/') + ".class";
        byte[][] files = jarEntries(entries);
        byte[][] classes = Arrays.copyOf(files, BRIDGE_CLASSES.length);
        try {
            BootDefinition.define(inst, BRIDGE_CLASSES, classes, files[BRIDGE_CLASSES.length]);
        } catch (Throwable notPossible) {
            appendJar(inst, classes); // the JVM prints its sharing warning then
        }
    }

    /** Read from the agent's own jar (faster than the class loader's resource lookup). */
    private static byte[][] jarEntries(String... names) throws IOException {
        byte[][] files = new byte[names.length][];
        try (JarFile jar = new JarFile(AgentJar.file(), false)) {
            for (int i = 0; i < names.length; i++) {
                String name = names[i];
                JarEntry entry = jar.getJarEntry(name);
                if (entry == null) {
                    throw new IOException(name + " is missing from the agent jar");
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    files[i] = Streams.readAll(in);
                }
            }
        }
        return files;
    }

    /**
     * The fallback: the classes in a private jar on the boot class path. Entries keep a fixed
     * time: a new entry would convert the current time to a local date, and that first time-zone
     * lookup alone cost 20 ms of start-up.
     */
    private static void appendJar(Instrumentation inst, byte[][] classes) throws IOException {
        File jar = newPrivateFile();
        jar.deleteOnExit();
        try (JarOutputStream out = new JarOutputStream(new FileOutputStream(jar))) {
            for (int i = 0; i < classes.length; i++) {
                JarEntry entry = new JarEntry(BRIDGE_CLASSES[i].replace('.', '/') + ".class");
                entry.setTime(0L);
                out.putNextEntry(entry);
                out.write(classes[i]);
                out.closeEntry();
            }
        }
        inst.appendToBootstrapClassLoaderSearch(new JarFile(jar));
    }

    /**
     * A new file that nobody else could have planted (created exclusively). Not
     * {@code File.createTempFile}: its SecureRandom costs 20-30 ms of start-up.
     */
    private static File newPrivateFile() throws IOException {
        File dir = new File(System.getProperty("java.io.tmpdir"));
        long seed = System.nanoTime() ^ ((long) System.identityHashCode(dir) << 32);
        for (int attempt = 0; attempt < 100; attempt++) {
            File file = new File(dir, "jdbc-guard-bootstrap-" + Long.toHexString(seed + attempt * 0x9E3779B97F4A7C15L) + ".jar");
            if (file.createNewFile()) {
                return file;
            }
        }
        return File.createTempFile("jdbc-guard-bootstrap", ".jar");
    }

    private static boolean alreadyInTheBootLoader() {
        try {
            Class.forName("dev.jdbcguard.bootstrap.Bridge", false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
