package dev.jdbcguard;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

/**
 * Puts the bridge classes on the bootstrap class path, so that advice inlined into a driver
 * loaded by any class loader (webapp, isolated, platform-parented) can call the agent.
 */
final class BootstrapInjector {

    private static final String[] BRIDGE_CLASSES = {
        "dev/jdbcguard/bootstrap/Hooks.class",
        "dev/jdbcguard/bootstrap/Bridge.class",
        "dev/jdbcguard/bootstrap/Bridge$Again.class",
        "dev/jdbcguard/bootstrap/JmxBuilder.class",
        "dev/jdbcguard/bootstrap/Tracked.class",
    };

    private BootstrapInjector() {
    }

    static void inject(Instrumentation inst) throws IOException, URISyntaxException {
        if (alreadyOnBootstrapPath()) {
            return; // attached a second time
        }
        File jar = newPrivateFile();
        jar.deleteOnExit();
        File agentJar = new File(BootstrapInjector.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JarFile agent = new JarFile(agentJar, false);
             JarOutputStream out = new JarOutputStream(new FileOutputStream(jar))) {
            for (String name : BRIDGE_CLASSES) {
                copy(agent, name, out);
            }
        }
        inst.appendToBootstrapClassLoaderSearch(new JarFile(jar));
    }

    /**
     * One class file, stored uncompressed under the agent jar's entry time: a new entry would
     * convert the current time to a local date, and that first time-zone lookup alone cost
     * 20 ms of start-up.
     */
    private static void copy(JarFile agent, String name, JarOutputStream out) throws IOException {
        JarEntry source = agent.getJarEntry(name);
        if (source == null) {
            throw new IOException(name + " is missing from the agent jar");
        }
        JarEntry entry = new JarEntry(source);
        entry.setMethod(ZipEntry.STORED);
        entry.setCompressedSize(source.getSize());
        out.putNextEntry(entry);
        try (InputStream in = agent.getInputStream(source)) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
        }
        out.closeEntry();
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

    private static boolean alreadyOnBootstrapPath() {
        try {
            Class.forName("dev.jdbcguard.bootstrap.Bridge", false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
