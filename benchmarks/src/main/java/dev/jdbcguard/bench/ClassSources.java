package dev.jdbcguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Counts an {@code -Xlog:class+load} log: how many classes of each owner came from a class-data cache. */
final class ClassSources {

    private ClassSources() {
    }

    /**
     * [all loaded, all from the cache, program loaded, from the cache, driver loaded, from the
     * cache, agent loaded, from the cache].
     */
    static int[] count(Path log) throws IOException {
        int[] c = new int[8];
        for (String line : Files.readAllLines(log)) {
            int at = line.indexOf("[class,load] ");
            if (at < 0) {
                continue;
            }
            String rest = line.substring(at + "[class,load] ".length());
            // "shared objects file" (17, also "(top)" for a dynamic archive); 25 says the same for its AOT cache
            boolean cached = rest.contains("source: shared objects file");
            int owner = rest.startsWith("FirstQuery ") || rest.startsWith("dev.jdbcguard.bench.FirstQuery ") ? 2
                    : rest.startsWith("com.mysql.") ? 4 : rest.startsWith("dev.jdbcguard.") ? 6 : -1;
            c[0]++;
            c[1] += cached ? 1 : 0;
            if (owner > 0) {
                c[owner]++;
                c[owner + 1] += cached ? 1 : 0;
            }
        }
        return c;
    }
}
