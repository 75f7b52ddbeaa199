package dev.jdbcguard.core;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;

/**
 * The options file, read the way an operator means it: UTF-8 with or without a byte-order mark
 * (editors on Windows write one), at most {@link #MAX_BYTES}, and a file that is not text (a binary
 * named by mistake, {@code /dev/zero}) refused in one line instead of parsed into garbage.
 */
final class OptionsFile {

    static final int MAX_BYTES = 1 << 20;

    private OptionsFile() {
    }

    /** The file's properties; {@code problem[0]} gets the one line that says why there are none. */
    static Properties read(String file, String[] problem) {
        byte[] bytes;
        try (InputStream in = new FileInputStream(file)) {
            bytes = readAtMost(in, MAX_BYTES + 1);
        } catch (IOException | RuntimeException e) {
            problem[0] = "options file " + file + " cannot be read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); its options were not used";
            return null;
        }
        if (indexOf(bytes, (byte) 0) >= 0) {
            problem[0] = "options file " + file + " is not a text file (it holds NUL bytes); its options were not used";
            return null;
        }
        if (bytes.length > MAX_BYTES) {
            problem[0] = "options file " + file + " is larger than 1 MiB, which no options file is; its options were not used";
            return null;
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
        } catch (CharacterCodingException e) {
            problem[0] = "options file " + file + " is not a text file (not UTF-8 text); its options were not used";
            return null;
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            problem[0] = "options file " + file + " cannot be read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); its options were not used";
            return null;
        }
        return properties;
    }

    /** A stream with no length (a device, a pipe) is read up to the bound, never to its end. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] bytes = new byte[8192];
        int length = 0;
        while (length < limit) {
            if (length == bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.min(limit, bytes.length * 2));
            }
            int n = in.read(bytes, length, bytes.length - length);
            if (n < 0) {
                break;
            }
            length += n;
        }
        return Arrays.copyOf(bytes, length);
    }

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
