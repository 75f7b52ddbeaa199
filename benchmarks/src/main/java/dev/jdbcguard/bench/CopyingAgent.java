package dev.jdbcguard.bench;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The floor under any weaving agent, for section 4b: a transformer that sees every class the JVM
 * loads and "changes" the classes named in its argument (internal names, separated by {@code ;})
 * by handing back a copy of their bytes, with no parsing and no rewriting at all. The JVM then
 * treats them as changed: it loads them from their jar instead of the class-data cache, as it does
 * the classes jdbc-guard weaves.
 */
public final class CopyingAgent {

    private CopyingAgent() {
    }

    public static void premain(String args, Instrumentation inst) {
        Set<String> names = new HashSet<>(Arrays.asList(args == null ? new String[0] : args.split(";")));
        inst.addTransformer(new Copy(names), true);
    }

    private static final class Copy implements ClassFileTransformer {
        private final Set<String> names;

        Copy(Set<String> names) {
            this.names = names;
        }

        @Override
        public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
            return name != null && names.contains(name) ? bytes.clone() : null;
        }
    }
}
