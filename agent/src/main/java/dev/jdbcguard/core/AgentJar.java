package dev.jdbcguard.core;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The jar the agent runs from: where its bridge's class files are, and which build it is. */
public final class AgentJar {

    private AgentJar() {
    }

    public static File file() throws IOException {
        try {
            return new File(AgentJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IOException("cannot find the agent jar: " + e, e);
        }
    }

    /**
     * The agent's build, from the size and CRC-32 its jar's directory gives each of the agent's
     * own entries: two jars with the same classes agree, whatever their names and file times,
     * and no entry is read. 0 when the agent does not run from a jar.
     */
    public static long build() throws IOException {
        File jar = file();
        if (!jar.isFile()) {
            return 0;
        }
        long build = 17;
        try (ZipFile zip = new ZipFile(jar)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().startsWith("dev/jdbcguard/")) {
                    build = build * 1_000_003 + entry.getCrc();
                    build = build * 31 + entry.getSize();
                }
            }
        }
        return build == 0 ? 1 : build;
    }
}
