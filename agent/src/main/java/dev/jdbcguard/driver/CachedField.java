package dev.jdbcguard.driver;

import java.lang.reflect.Field;

/**
 * One private field of a driver's object, looked up once per class (drivers of several class
 * loaders may coexist), so a read after the first is a class check and a {@link Field} read:
 * the status flags are read this way at the end of every statement. Ints are read unboxed.
 */
final class CachedField {

    private final String name;
    private volatile Holder last;

    CachedField(String name) {
        this.name = name;
    }

    /** The field's int value, or -1 when {@code target} is null or has no such field. */
    int readInt(Object target) {
        Field f = field(target);
        if (f == null) {
            return -1;
        }
        try {
            return f.getInt(target);
        } catch (IllegalAccessException | RuntimeException e) {
            return -1;
        }
    }

    /** The field's value, or null when {@code target} is null or has no such field. */
    Object read(Object target) {
        Field f = field(target);
        if (f == null) {
            return null;
        }
        try {
            return f.get(target);
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    private Field field(Object target) {
        if (target == null) {
            return null;
        }
        Holder h = last;
        if (h == null || h.type != target.getClass()) {
            h = lookUp(target.getClass());
            last = h;
        }
        return h.field;
    }

    private Holder lookUp(Class<?> type) {
        try {
            return new Holder(type, Reflect.field(type, name));
        } catch (RuntimeException e) {
            return new Holder(type, null);
        }
    }

    private static final class Holder {
        final Class<?> type;
        final Field field;

        Holder(Class<?> type, Field field) {
            this.type = type;
            this.field = field;
        }
    }
}
