package dev.jdbcguard.instrument;

import net.bytebuddy.jar.asm.ClassReader;

/**
 * The methods of a class file as byte ranges: name, descriptor, access, {@code max_locals} and
 * where each {@code method_info} begins and ends. Read directly from the bytes, so that the
 * methods the agent leaves alone can be copied without ASM visiting their code.
 */
final class MethodTable {

    /** Offset of {@code methods_count}. */
    final int countOffset;
    /** Offset just after the last {@code method_info}: the class attributes follow. */
    final int end;
    final int[] starts;
    final int[] ends;
    final int[] access;
    final String[] names;
    final String[] descriptors;
    /** {@code max_locals} of each method's Code attribute; -1 for abstract and native methods. */
    final int[] maxLocals;

    private MethodTable(int countOffset, int count, ClassReader reader) {
        this.countOffset = countOffset;
        this.starts = new int[count];
        this.ends = new int[count];
        this.access = new int[count];
        this.names = new String[count];
        this.descriptors = new String[count];
        this.maxLocals = new int[count];
        this.end = readMethods(reader);
    }

    int size() {
        return names.length;
    }

    /** Name and descriptor, which identify a method within its class. */
    String key(int method) {
        return names[method] + descriptors[method];
    }

    static MethodTable of(ClassReader reader) {
        int offset = reader.header + 6; // access_flags, this_class, super_class
        offset += 2 + 2 * reader.readUnsignedShort(offset); // interfaces
        int fields = reader.readUnsignedShort(offset);
        offset += 2;
        for (int i = 0; i < fields; i++) {
            offset = skipAttributes(reader, offset + 6);
        }
        return new MethodTable(offset, reader.readUnsignedShort(offset), reader);
    }

    /** Fills in every method from the one after {@code methods_count}; returns the offset after the last. */
    private int readMethods(ClassReader reader) {
        char[] buffer = new char[reader.getMaxStringLength()];
        int offset = countOffset + 2;
        for (int i = 0; i < size(); i++) {
            starts[i] = offset;
            access[i] = reader.readUnsignedShort(offset);
            names[i] = reader.readUTF8(offset + 2, buffer);
            descriptors[i] = reader.readUTF8(offset + 4, buffer);
            maxLocals[i] = -1;
            int attributes = reader.readUnsignedShort(offset + 6);
            offset += 8;
            for (int a = 0; a < attributes; a++) {
                if ("Code".equals(reader.readUTF8(offset, buffer))) {
                    maxLocals[i] = reader.readUnsignedShort(offset + 8); // after max_stack
                }
                offset += 6 + reader.readInt(offset + 2);
            }
            ends[i] = offset;
        }
        return offset;
    }

    /** The offset after a field's or method's attributes, given the offset of their count. */
    private static int skipAttributes(ClassReader reader, int offset) {
        int attributes = reader.readUnsignedShort(offset);
        offset += 2;
        for (int a = 0; a < attributes; a++) {
            offset += 6 + reader.readInt(offset + 2);
        }
        return offset;
    }
}
