package dev.jdbcguard.driver;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.SQLException;

/** Reflection on driver internals, which the agent can never link against directly. */
final class Reflect {

    private Reflect() {
    }

    static boolean hasSuperclassNamed(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    static Method method(Class<?> type, String name, Class<?>... parameters) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Method m = c.getDeclaredMethod(name, parameters);
                m.setAccessible(true);
                return m;
            } catch (NoSuchMethodException e) {
                // look in the superclass
            }
        }
        throw new IllegalStateException("no method " + name + " in " + type.getName());
    }

    /**
     * A method of the driver's public interface {@code interfaceName}, as the loader of
     * {@code target} sees it. Looked up there rather than on the class of {@code target}: the
     * first reflection on a class as big as Connector/J's ConnectionImpl reads all its 400 methods
     * and loads every type they name, 10-20 ms of a program's first connection.
     */
    static Method interfaceMethod(Object target, String interfaceName, String name, Class<?>... parameters) {
        try {
            return Class.forName(interfaceName, false, target.getClass().getClassLoader()).getMethod(name, parameters);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new IllegalStateException("no method " + name + " in " + interfaceName, e);
        }
    }

    static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new IllegalStateException("no field " + name + " in " + type.getName());
    }

    static Object call(Object target, String name) throws SQLException {
        return invoke(method(target.getClass(), name), target);
    }

    static Object invoke(Method method, Object target, Object... args) throws SQLException {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException) {
                throw (SQLException) cause;
            }
            throw new SQLException(method.getName() + " failed: " + cause, "08S01", cause);
        } catch (IllegalAccessException e) {
            throw new SQLException("cannot call " + method.getName() + ": " + e, "08S01", e);
        }
    }

    static Object get(Object target, String field) {
        try {
            return field(target.getClass(), field).get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    static void set(Object target, String field, Object value) {
        try {
            field(target.getClass(), field).set(target, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
