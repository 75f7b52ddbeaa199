package dev.jdbcguard.core;

import java.lang.reflect.Field;
import java.sql.Statement;

/**
 * The connection a statement belongs to, read the cheapest way each driver allows. Connector/J's
 * {@code getConnection()} takes the connection's lock, which would make a second thread wait
 * inside the agent (and hide that it shares the connection), so its field is read directly.
 */
final class StatementOwners {

    private static final Field NONE = noneMarker();

    private static final ClassValue<Field> FIELDS = new ClassValue<Field>() {
        @Override
        protected Field computeValue(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                String field = c.getName().equals("com.mysql.cj.jdbc.StatementImpl") ? "connection"
                        : c.getName().equals("org.mariadb.jdbc.Statement") ? "con" : null;
                if (field != null) {
                    try {
                        Field f = c.getDeclaredField(field);
                        f.setAccessible(true);
                        return f;
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        return NONE;
                    }
                }
            }
            return NONE;
        }
    };

    private StatementOwners() {
    }

    /** The statement's connection, or null when the statement is closed or the driver will not say. */
    static Object of(Object statement) {
        Field field = FIELDS.get(statement.getClass());
        try {
            return field != NONE ? field.get(statement) : ((Statement) statement).getConnection();
        } catch (Exception e) {
            return null; // a closed statement: the driver will say so itself
        }
    }

    private static Field noneMarker() {
        try {
            return StatementOwners.class.getDeclaredField("NONE");
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }
}
