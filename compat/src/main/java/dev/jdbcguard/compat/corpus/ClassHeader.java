package dev.jdbcguard.compat.corpus;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * The head of a class file: its version, access flags, name, superclass and interfaces. Read
 * without loading the class, so that a jar can be searched for JDBC implementations without
 * defining (or weaving) anything but the classes that are.
 */
final class ClassHeader {

    private static final int ACC_INTERFACE = 0x0200;
    private static final int ACC_ABSTRACT = 0x0400;

    final int major;
    final int access;
    /** Internal names (slashes); {@code superName} is null for java/lang/Object and module-info. */
    final String name;
    final String superName;
    final String[] interfaces;

    private ClassHeader(int major, int access, String name, String superName, String[] interfaces) {
        this.major = major;
        this.access = access;
        this.name = name;
        this.superName = superName;
        this.interfaces = interfaces;
    }

    boolean isInterface() {
        return (access & ACC_INTERFACE) != 0;
    }

    boolean isAbstract() {
        return (access & ACC_ABSTRACT) != 0;
    }

    String binaryName() {
        return name.replace('/', '.');
    }

    static ClassHeader read(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor
        int major = in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNameIndex = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1: // Utf8
                    utf8[i] = in.readUTF();
                    break;
                case 7: // Class
                    classNameIndex[i] = in.readUnsignedShort();
                    break;
                case 8: case 16: case 19: case 20: // String, MethodType, Module, Package
                    in.readUnsignedShort();
                    break;
                case 15: // MethodHandle
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                    break;
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
                    in.readInt();
                    break;
                case 5: case 6: // Long, Double: two entries
                    in.readLong();
                    i++;
                    break;
                default:
                    throw new IOException("constant pool tag " + tag + " at " + i);
            }
        }
        int access = in.readUnsignedShort();
        String name = utf8[classNameIndex[in.readUnsignedShort()]];
        int superIndex = in.readUnsignedShort();
        String superName = superIndex == 0 ? null : utf8[classNameIndex[superIndex]];
        String[] interfaces = new String[in.readUnsignedShort()];
        for (int i = 0; i < interfaces.length; i++) {
            interfaces[i] = utf8[classNameIndex[in.readUnsignedShort()]];
        }
        return new ClassHeader(major, access, name, superName, interfaces);
    }
}
