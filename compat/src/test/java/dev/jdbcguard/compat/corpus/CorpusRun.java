package dev.jdbcguard.compat.corpus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What one CorpusScan child printed, read back: its class, canary, call and the agent's lines. */
final class CorpusRun {

    private static final Pattern WOVEN = Pattern.compile("\\[DEBUG\\] jdbc-guard - woven (\\S+)$");
    private static final Pattern GAVE_UP = Pattern.compile("could not instrument (.*)$");

    /** One class of the corpus and what loading and linking it gave. */
    static final class ClassLine {
        final String entry;
        final String jar;
        final String name;
        final String version;
        final String roles;
        /** "linked", "load-failed &lt;throwable&gt;" or "link-failed &lt;throwable&gt;". */
        final String outcome;

        ClassLine(String[] fields) {
            entry = fields[1];
            jar = fields[2];
            name = fields[3];
            version = fields[4];
            roles = fields[5];
            outcome = fields[6];
        }

        boolean failed() {
            return !outcome.equals("linked");
        }

        boolean verifyError() {
            return outcome.contains("java.lang.VerifyError");
        }

        /** The throwable's class and the start of its message, for grouping failures by cause. */
        String cause() {
            String text = outcome.substring(outcome.indexOf(' ') + 1);
            return text.length() > 120 ? text.substring(0, 120) + "..." : text;
        }

        String key() {
            return entry + " " + name;
        }
    }

    final int exitCode;
    final String output;
    final Map<String, ClassLine> classes = new LinkedHashMap<>();
    /** Entry to the classes the agent said it wove while that entry was scanned. */
    final Map<String, Set<String>> woven = new TreeMap<>();
    final Map<String, List<String>> gaveUp = new TreeMap<>();
    final List<String> calls = new ArrayList<>();
    final List<String> entries = new ArrayList<>();
    String canary;
    boolean finished;

    CorpusRun(int exitCode, String output) {
        this.exitCode = exitCode;
        this.output = output;
        String entry = "(before the first entry)";
        for (String line : output.split("\n")) {
            Matcher woven = WOVEN.matcher(line);
            Matcher gaveUp = GAVE_UP.matcher(line);
            if (line.startsWith("entry ")) {
                entry = line.substring("entry ".length());
                entries.add(entry);
            } else if (line.startsWith("class ")) {
                ClassLine c = new ClassLine(line.split(" ", 7));
                classes.put(c.key(), c);
            } else if (woven.find()) {
                this.woven.computeIfAbsent(entry, e -> new TreeSet<>()).add(woven.group(1));
            } else if (gaveUp.find()) {
                this.gaveUp.computeIfAbsent(entry, e -> new ArrayList<>()).add(gaveUp.group(1));
            } else if (line.startsWith("call ")) {
                calls.add(line);
            } else if (line.startsWith("canary ")) {
                canary = line;
            } else if (line.startsWith("scanned ")) {
                finished = true;
            }
        }
    }

    List<ClassLine> classesOf(String entry) {
        List<ClassLine> of = new ArrayList<>();
        for (ClassLine c : classes.values()) {
            if (c.entry.equals(entry)) {
                of.add(c);
            }
        }
        return of;
    }

    Set<String> wovenIn(String entry) {
        return woven.getOrDefault(entry, new TreeSet<>());
    }

    int wovenCount() {
        int n = 0;
        for (Set<String> names : woven.values()) {
            n += names.size();
        }
        return n;
    }
}
