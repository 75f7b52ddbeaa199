package dev.jdbcguard.cli;

import dev.jdbcguard.core.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** The target's connection table and counters, read from its JMX bean over the local connector. */
final class Status {

    private static final String[] COLUMNS = {
        "id", "serverThreadId", "driver", "idleMillis", "ageMillis", "ownerThread", "lastThread", "pool", "url",
        "creationSite",
    };
    private static final String[] HEADERS = {
        "ID", "SERVER-THREAD", "DRIVER", "IDLE", "AGE", "INSIDE-NOW", "LAST-THREAD", "POOL", "URL", "OPENED-AT",
    };

    private final String options;
    private final Map<String, Long> counters;
    private final List<CompositeData> rows;
    /** Event to cause to count, from the per-cause beans; empty for an agent that has none. */
    private final Map<String, Map<String, Long>> byCause;

    private Status(String options, Map<String, Long> counters, List<CompositeData> rows,
                   Map<String, Map<String, Long>> byCause) {
        this.options = options;
        this.counters = counters;
        this.rows = rows;
        this.byCause = byCause;
    }

    static Status read(String jmxAddress) throws Exception {
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(jmxAddress))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            ObjectName name = new ObjectName("dev.jdbcguard:type=Guard");
            Map<String, Long> counters = new TreeMap<>();
            for (Object row : ((TabularData) server.getAttribute(name, "Counters")).values()) {
                CompositeData entry = (CompositeData) row;
                counters.put((String) entry.get("key"), (Long) entry.get("value"));
            }
            List<CompositeData> rows = new ArrayList<>();
            for (CompositeData row : (CompositeData[]) server.getAttribute(name, "Connections")) {
                rows.add(row);
            }
            Map<String, Map<String, Long>> byCause = new TreeMap<>();
            for (ObjectName event : server.queryNames(new ObjectName("dev.jdbcguard:type=Events,*"), null)) {
                byCause.computeIfAbsent(event.getKeyProperty("event"), k -> new TreeMap<>())
                        .put(event.getKeyProperty("cause"), (Long) server.getAttribute(event, "Count"));
            }
            return new Status((String) server.getAttribute(name, "Options"), counters, rows, byCause);
        }
    }

    String table(String pid) {
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADERS);
        for (CompositeData row : rows) {
            String[] line = new String[COLUMNS.length];
            for (int i = 0; i < COLUMNS.length; i++) {
                line[i] = cell(COLUMNS[i], row.get(COLUMNS[i]));
            }
            cells.add(line);
        }
        int[] widths = new int[COLUMNS.length];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        text.append("jdbc-guard in ").append(pid).append(": ").append(rows.size()).append(" open connection(s); options ")
                .append(options).append('\n');
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                text.append(i == line.length - 1 ? line[i] : pad(line[i], widths[i] + 2));
            }
            text.append('\n');
        }
        text.append("counters:");
        for (Map.Entry<String, Long> e : counters.entrySet()) {
            text.append(' ').append(e.getKey()).append('=').append(e.getValue());
        }
        if (!byCause.isEmpty()) {
            text.append("\nby cause:");
            for (Map.Entry<String, Map<String, Long>> event : byCause.entrySet()) {
                text.append(' ').append(event.getKey());
                for (Map.Entry<String, Long> e : event.getValue().entrySet()) {
                    text.append(' ').append(e.getKey()).append('=').append(e.getValue());
                }
                text.append(';');
            }
            text.setLength(text.length() - 1);
        }
        return text.append('\n').toString();
    }

    private static String cell(String column, Object value) {
        if (value == null || "".equals(value)) {
            return "-";
        }
        if (column.endsWith("Millis")) {
            return String.format(java.util.Locale.ROOT, "%.1fs", (Long) value / 1000.0);
        }
        return String.valueOf(value);
    }

    private static String pad(String s, int width) {
        StringBuilder b = new StringBuilder(s);
        while (b.length() < width) {
            b.append(' ');
        }
        return b.toString();
    }

    String json(String pid) {
        StringBuilder text = new StringBuilder("{\"pid\":").append(pid).append(",\"options\":").append(Json.quote(options))
                .append(",\"counters\":{");
        String separator = "";
        for (Map.Entry<String, Long> e : counters.entrySet()) {
            text.append(separator).append(Json.quote(e.getKey())).append(':').append(e.getValue());
            separator = ",";
        }
        text.append("},\"byCause\":{");
        separator = "";
        for (Map.Entry<String, Map<String, Long>> event : byCause.entrySet()) {
            text.append(separator).append(Json.quote(event.getKey())).append(":{");
            String field = "";
            for (Map.Entry<String, Long> e : event.getValue().entrySet()) {
                text.append(field).append(Json.quote(e.getKey())).append(':').append(e.getValue());
                field = ",";
            }
            text.append('}');
            separator = ",";
        }
        text.append("},\"connections\":[");
        separator = "";
        for (CompositeData row : rows) {
            text.append(separator).append('{');
            String field = "";
            for (String key : row.getCompositeType().keySet()) {
                Object value = row.get(key);
                text.append(field).append(Json.quote(key)).append(':')
                        .append(value instanceof Number || value instanceof Boolean ? String.valueOf(value) : Json.quote(String.valueOf(value)));
                field = ",";
            }
            text.append('}');
            separator = ",";
        }
        return text.append("]}\n").toString();
    }
}
