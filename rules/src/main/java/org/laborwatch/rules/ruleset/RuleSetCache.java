package org.laborwatch.rules.ruleset;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Compiles each rule set once per JVM and shares the result. A KieBase is thread-safe and every subtask makes its own
 * session from it, so the subtasks of one task manager need one compile, not one each; and a job restarted in the
 * same JVM (a failover, or the next run of an embedded job) meets rule classes the JIT has already compiled, instead
 * of generating new ones and warming them up again. Keyed by the whole rule set, sources included, so two different
 * rule sets that claim the same version never share.
 *
 * <p>Keeps the few most recently used rule sets: after a hot swap the old version is released once newer ones have
 * pushed it out. A rejection is remembered like a success (compiling is deterministic); an unexpected failure is not,
 * so the next caller tries again.
 */
public final class RuleSetCache {
    static final int KEEP = 4;

    private static final Map<RuleSet, CompletableFuture<CompiledRuleSet>> COMPILED =
            new LinkedHashMap<>(16, 0.75f, true);

    private RuleSetCache() {
    }

    /** The compiled rule set, compiling it unless this JVM already has; concurrent callers wait for one compile. */
    public static CompiledRuleSet compile(RuleSet ruleSet) throws RuleSetRejected {
        CompletableFuture<CompiledRuleSet> result;
        boolean ours = false;
        synchronized (COMPILED) {
            result = COMPILED.get(ruleSet);
            if (result == null) {
                result = new CompletableFuture<>();
                COMPILED.put(ruleSet, result);
                evictOldest();
                ours = true;
            }
        }
        if (ours) {
            compileInto(ruleSet, result);
        }
        return await(result);
    }

    private static void compileInto(RuleSet ruleSet, CompletableFuture<CompiledRuleSet> result) {
        try {
            result.complete(RuleSetCompiler.compile(ruleSet));
        } catch (RuleSetRejected e) {
            result.completeExceptionally(e);
        } catch (RuntimeException | Error e) {
            synchronized (COMPILED) {
                COMPILED.remove(ruleSet, result);
            }
            result.completeExceptionally(e);
        }
    }

    private static CompiledRuleSet await(CompletableFuture<CompiledRuleSet> result) throws RuleSetRejected {
        try {
            return result.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuleSetRejected rejected) {
                throw rejected;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    private static void evictOldest() {
        Iterator<CompletableFuture<CompiledRuleSet>> oldestFirst = COMPILED.values().iterator();
        while (COMPILED.size() > KEEP) {
            oldestFirst.next();
            oldestFirst.remove();
        }
    }

    /** Forgets everything; for tests that count compiles. */
    static void clear() {
        synchronized (COMPILED) {
            COMPILED.clear();
        }
    }
}
