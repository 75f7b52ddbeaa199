package dev.jdbcguard;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the bridge classes on the bootstrap class path, so that advice inlined into a driver
 * loaded by any class loader (webapp, isolated, platform-parented) can call the agent.
 */
final class BootstrapInjector {

    private static final String[] BRIDGE_CLASSES = {
        "dev/jdbcguard/bootstrap/Hooks.class",
        "dev/jdbcguard/bootstrap/Bridge.class",
    };

    private BootstrapInjector() {
    }

    static void inject(Instrumentation inst) throws IOException {
        if (alreadyOnBootstrapPath()) {
            return; // attached a second time
        }
        File jar = File.createTempFile("jdbc-guard-bootstrap", ".jar");
        jar.deleteOnExit();
        try (JarOutputStream out = new JarOutputStream(new FileOutputStream(jar))) {
            for (String name : BRIDGE_CLASSES) {
                out.putNextEntry(new JarEntry(name));
                try (InputStream in = BootstrapInjector.class.getClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IOException(name + " is missing from the agent jar");
                    }
                    byte[] buffer = new byte[8192];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        out.write(buffer, 0, n);
                    }
                }
                out.closeEntry();
            }
        }
        inst.appendToBootstrapClassLoaderSearch(new JarFile(jar));
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
