package dev.jdbcguard.instrument;

import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * The advice for one kind of class, each advice class read once when the agent starts rather
 * than once per instrumented class.
 */
final class Advices implements AgentBuilder.Transformer {

    private final List<AsmVisitorWrapper> visitors = new ArrayList<>();

    Advices add(Class<?> advice, ElementMatcher<? super MethodDescription> methods) {
        visitors.add(Advice.to(advice).on(methods));
        return this;
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader,
                                            JavaModule module, ProtectionDomain domain) {
        DynamicType.Builder<?> result = builder;
        for (AsmVisitorWrapper visitor : visitors) {
            result = result.visit(visitor);
        }
        return result;
    }
}
