package dev.jdbcguard.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reading a class file whole: the weaving's supertypes and the bridge's classes at start-up. */
public final class Streams {

    private Streams() {
    }

    /** The rest of {@code in}; a jar entry's stream tells its size, so this usually allocates once. */
    public static byte[] readAll(InputStream in) throws IOException {
        byte[] bytes = new byte[Math.max(in.available(), 1024)];
        int length = 0;
        while (true) {
            if (length == bytes.length) {
                int next = in.read();
                if (next < 0) {
                    return bytes;
                }
                bytes = Arrays.copyOf(bytes, length * 2);
                bytes[length++] = (byte) next;
            }
            int n = in.read(bytes, length, bytes.length - length);
            if (n < 0) {
                return Arrays.copyOf(bytes, length);
            }
            length += n;
        }
    }
}
