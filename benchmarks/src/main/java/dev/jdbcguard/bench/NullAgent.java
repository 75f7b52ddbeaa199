package dev.jdbcguard.bench;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.jar.JarFile;

/**
 * A do-nothing {@code -javaagent}, to split the start-up cost of jdbc-guard into its parts.
 * Without an argument it only starts (the cost of any agent: java.instrument, the jar's manifest);
 * with a jar path as argument it also appends that jar to the bootstrap class path, as
 * jdbc-guard does, which limits class-data sharing to boot loader classes.
 */
public final class NullAgent {

    private NullAgent() {
    }

    public static void premain(String args, Instrumentation inst) throws Exception {
        if (args != null && !args.isEmpty()) {
            inst.appendToBootstrapClassLoaderSearch(new JarFile(new File(args)));
        }
    }
}
