package org.laborwatch.rules.ruleset;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.drools.mvel.ConstraintEvaluationException;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.api.runtime.conf.ThreadSafeOption;
import org.kie.api.runtime.rule.AgendaFilter;
import org.kie.api.runtime.rule.ConsequenceException;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.runtime.rule.Match;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.feature.EnterpriseFeatures;
import org.laborwatch.rules.risk.RuleMeta;

/**
 * Evaluates with Drools in one of the {@link SessionMode}s, containing what the sandbox ({@link RuleSetValidator})
 * cannot rule out: a rule whose consequence or condition throws (or asks for more memory than there is) is
 * quarantined for the rest of this evaluator's life (its rule set's, on this subtask) and the signal judged again
 * without it; an evaluation that exceeds {@link #FIRING_LIMIT} firings or {@link #TIME_BUDGET} is stopped, and the
 * signal raises nothing. Each is reported once through {@link #drainIncidents()}. The stateless mode, kept for the benchmarks' comparison, has no containment.
 */
final class DroolsRuleEvaluator implements RuleEvaluator {
    static final String FINDINGS_GLOBAL = "hits";
    /**
     * A long-lived session is replaced after this many evaluations. Drools 10.1 keeps every match a single-pattern
     * rule ever fired in the session after its fact is deleted (incubator-kie-drools#6361, "Dormant matches memory
     * leak", fixed after 10.1): some 360 bytes per evaluation, which in a job that never stops is a heap that never
     * stops growing. Renewing bounds it; a new session from the shared KieBase costs well under a millisecond. Every
     * 1,000 rather than 10,000: what a session kept between renewals lived long enough to be copied by the young
     * collector, about a third of it at 10,000 (side by side, the bench's Drools job 7.0 -> 6.5 s per round).
     */
    static final int RENEW_SESSION_EVERY = 1_000;
    /**
     * Firings per evaluation. The library fires a handful per signal; a rule that cannot change facts fires at most
     * once per match, so this is reached only by a rule set the sandbox would have rejected, or by a bug.
     */
    static final int FIRING_LIMIT = 1_000;
    /**
     * Time per evaluation; the library takes microseconds. Checked before each firing and once more at the end: a
     * single slow call cannot be interrupted and runs to its end, but what it found is then dropped like the rest.
     */
    static final Duration TIME_BUDGET = Duration.ofMillis(200);
    /**
     * The first evaluations of a newly compiled rule set build Drools' network and compile its constraints as signals
     * of each kind first meet them: on a busy machine the very first one took over 200 ms, and a signal stopped for
     * the rule set's warm-up, not for a slow rule, would raise nothing depending on the machine's load. These get
     * {@link #WARM_UP_BUDGET} instead; a runaway rule is still stopped, by the firing limit or this budget.
     */
    static final int WARM_UP_EVALUATIONS = 100;
    static final Duration WARM_UP_BUDGET = Duration.ofSeconds(5);

    private final CompiledRuleSet ruleSet;
    private final SessionMode mode;
    private final Findings findings;
    /**
     * An evaluator belongs to one thread (one subtask), so its sessions need not synchronise their propagation
     * queues: Drools' {@link ThreadSafeOption#NO}.
     */
    private final KieSessionConfiguration oneThread;
    /** The rule set's shared KieBase, or this evaluator's own once a rule whose condition throws is taken out. */
    private KieBase kieBase;
    /** Rules taken out of {@link #kieBase} because their condition threw. */
    private final List<Rule> withoutRules = new ArrayList<>();
    private KieSession longLived;
    private int longLivedEvaluations;
    private StatelessKieSession stateless;
    private final int firingLimit;
    private final long budgetNanos;
    private final int warmUpEvaluations;
    private final long warmUpBudgetNanos;
    private long evaluations;
    /** Rules whose consequence or condition threw, by {@link RuleMetadata#key}: skipped from then on. */
    private final Set<String> quarantined = new HashSet<>();
    /** Kinds of stop already reported (firing limit, time budget), so a runaway set reports once, not per signal. */
    private final Set<String> reportedStops = new HashSet<>();
    private final List<String> incidents = new ArrayList<>();

    DroolsRuleEvaluator(CompiledRuleSet ruleSet, SessionMode mode) {
        this(ruleSet, mode, FIRING_LIMIT, TIME_BUDGET, WARM_UP_EVALUATIONS, WARM_UP_BUDGET);
    }

    /** With these limits and no warm-up allowance: every evaluation gets {@code timeBudget}. */
    DroolsRuleEvaluator(CompiledRuleSet ruleSet, SessionMode mode, int firingLimit, Duration timeBudget) {
        this(ruleSet, mode, firingLimit, timeBudget, 0, timeBudget);
    }

    private DroolsRuleEvaluator(CompiledRuleSet ruleSet, SessionMode mode, int firingLimit, Duration timeBudget,
                                int warmUpEvaluations, Duration warmUpBudget) {
        this.ruleSet = ruleSet;
        this.mode = mode;
        this.firingLimit = firingLimit;
        this.budgetNanos = timeBudget.toNanos();
        this.warmUpEvaluations = warmUpEvaluations;
        this.warmUpBudgetNanos = Math.max(budgetNanos, warmUpBudget.toNanos());
        this.findings = new Findings(ruleSet.metaByRule());
        this.oneThread = oneThread();
        this.kieBase = ruleSet.kieBase();
        switch (mode) {
            case LONG_LIVED -> longLived = newSession();
            case STATELESS -> {
                stateless = ruleSet.kieBase().newStatelessKieSession(oneThread);
                stateless.setGlobal(FINDINGS_GLOBAL, findings);
            }
            case NEW_SESSION -> {
            }
        }
    }

    @Override
    public String version() {
        return ruleSet.version();
    }

    @Override
    public List<Finding> evaluate(EnterpriseFeatures features, Signal signal) {
        try {
            if (mode == SessionMode.STATELESS) {
                stateless.execute(ruleSet.matchesSignals() ? List.of(features, signal) : List.of(features));
                return findings.drain();
            }
            return contained(features, signal);
        } catch (RuntimeException e) {
            findings.drain();
            throw e;
        }
    }

    /**
     * A consequence or condition that throws quarantines its rule, and the signal is judged again from the start
     * without it: the other rules' findings then do not depend on whether they fired before or after the faulty one.
     * Bounded, since every round quarantines at least one more rule; an exception no rule can be held to (none left
     * to quarantine) goes to the caller, which counts it as a rule error for that signal.
     */
    private List<Finding> contained(EnterpriseFeatures features, Signal signal) {
        long allowed = evaluations++ < warmUpEvaluations ? warmUpBudgetNanos : budgetNanos;
        while (true) {
            Budget budget = new Budget(System.nanoTime() + allowed);
            try {
                int fired = mode == SessionMode.LONG_LIVED
                        ? fireInLongLivedSession(features, signal, budget)
                        : fireInNewSession(features, signal, budget);
                if (budget.spent() || fired >= firingLimit) {
                    findings.drain();
                    reportStop(budget.exceeded ? "time budget" : "firing limit", signal, budget.exceeded
                            ? "took longer than " + Duration.ofNanos(allowed).toMillis() + " ms"
                            : "fired " + fired + " rules, the limit");
                    return List.of();
                }
                return findings.drain();
            } catch (ConsequenceException e) {
                findings.drain();
                quarantine(e.getRule(), e.getCause() != null ? e.getCause() : e, signal);
            } catch (RuntimeException e) {
                findings.drain();
                List<Rule> culprits = rulesWhoseConditionThrew(e);
                if (culprits.isEmpty()) {
                    throw e;
                }
                quarantineConditions(culprits, e, signal);
            } catch (OutOfMemoryError | StackOverflowError e) {
                findings.drain();
                quarantineFiring(budget.letThrough, e, signal);
            }
        }
    }

    /**
     * A firing that asked for more memory or stack than there is: one allocation too large to be made (a builder of
     * two billion characters) fails at once in this thread and leaves the heap as it was, so the rule that was firing
     * is quarantined like one that threw. The rule is the one whose match the agenda filter let through last: an
     * error in a condition never gets here (Drools wraps whatever a constraint throws, errors too, and the rule is
     * quarantined by its condition), so an error that does comes from a consequence. Not read from the error's stack,
     * which the JVM leaves empty when it throws the same error again; not from a listener on every firing, which would
     * cost every evaluation for what is rare. Before any firing no rule can be named: the caller counts a rule error.
     */
    private void quarantineFiring(Rule firing, Error e, Signal signal) {
        if (firing == null || quarantined.contains(RuleMetadata.key(firing))) {
            throw new IllegalStateException("evaluation of signal " + signal.id() + " ran out of "
                    + (e instanceof StackOverflowError ? "stack" : "memory") + " outside any one rule's firing", e);
        }
        quarantine(firing, e, signal);
    }

    /** What this evaluator stopped or quarantined since last asked, each said once; for lw.rules.events. */
    @Override
    public List<String> drainIncidents() {
        List<String> out = List.copyOf(incidents);
        incidents.clear();
        return out;
    }

    private void quarantine(Rule rule, Throwable cause, Signal signal) {
        String key = RuleMetadata.key(rule);
        if (!quarantined.add(key)) {
            throw new IllegalStateException("quarantined rule " + rule.getName() + " fired again", cause);
        }
        reportQuarantine(rule, "its consequence threw " + cause, signal);
    }

    private void reportQuarantine(Rule rule, String why, Signal signal) {
        incidents.add("rule " + idOf(rule) + " \"" + rule.getName() + "\" quarantined: " + why + " on signal "
                + signal.id() + "; it is skipped while rule set " + ruleSet.version()
                + " is active, the other rules still judge every signal");
    }

    /**
     * The rules a condition's exception names. Drools ties a failed constraint only to the rules sharing its node,
     * and only in the message ({@code Error evaluating constraint '...' in [Rule "a", "b" in file.drl]}); a rule is
     * named when its quoted name is there. Read nowhere else, and pinned by a test, so a Drools that words it
     * otherwise makes that test fail rather than this go quiet.
     */
    private List<Rule> rulesWhoseConditionThrew(RuntimeException e) {
        List<Rule> named = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintEvaluationException && t.getMessage() != null) {
                for (KiePackage pkg : ruleSet.kieBase().getKiePackages()) {
                    for (Rule rule : pkg.getRules()) {
                        if (t.getMessage().contains('"' + rule.getName() + '"')
                                && !quarantined.contains(RuleMetadata.key(rule))) {
                            named.add(rule);
                        }
                    }
                }
                return named;
            }
        }
        return named;
    }

    /** Takes the rules out of a KieBase of this evaluator's own (built once per quarantine: seconds, said once). */
    private void quarantineConditions(List<Rule> rules, RuntimeException e, Signal signal) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String constraint = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        for (Rule rule : rules) {
            quarantined.add(RuleMetadata.key(rule));
            withoutRules.add(rule);
            reportQuarantine(rule, "its condition threw " + root.toString().lines().findFirst().orElse("") + " ("
                    + constraint + ")", signal);
        }
        kieBase = RuleSetCompiler.buildWithout(ruleSet, withoutRules);
        if (longLived != null) {
            renewLongLived();
        }
    }

    private String idOf(Rule rule) {
        RuleMeta meta = ruleSet.metaByRule().get(RuleMetadata.key(rule));
        return meta != null ? meta.id() : "?";
    }

    private void reportStop(String kind, Signal signal, String what) {
        if (reportedStops.add(kind)) {
            incidents.add("evaluation of signal " + signal.id() + " stopped at the " + kind + ": it " + what
                    + "; that signal raised nothing (reported once per rule set)");
        }
    }

    /** Skips quarantined rules, and every firing once the time is up (checked before each firing). */
    private final class Budget implements AgendaFilter {
        private final long deadline;
        private boolean exceeded;
        /** The rule of the match last let through: the one firing, when a consequence is under way. */
        private Rule letThrough;

        Budget(long deadline) {
            this.deadline = deadline;
        }

        /** Whether the time is up, the last firing included. */
        boolean spent() {
            if (System.nanoTime() - deadline > 0) {
                exceeded = true;
            }
            return exceeded;
        }

        @Override
        public boolean accept(Match match) {
            if (exceeded || System.nanoTime() - deadline > 0) {
                exceeded = true;
                return false;
            }
            if (quarantined.contains(RuleMetadata.key(match.getRule()))) {
                return false;
            }
            letThrough = match.getRule();
            return true;
        }
    }

    private KieSession newSession() {
        KieSession session = kieBase.newKieSession(oneThread, null);
        session.setGlobal(FINDINGS_GLOBAL, findings);
        return session;
    }

    private int fireInLongLivedSession(EnterpriseFeatures features, Signal signal, Budget budget) {
        if (++longLivedEvaluations > RENEW_SESSION_EVERY) {
            renewLongLived();
        }
        FactHandle f;
        FactHandle s;
        int fired;
        try {
            // Inserting evaluates conditions too (the alpha network's), so it may throw like a firing.
            f = longLived.insert(features);
            s = ruleSet.matchesSignals() ? longLived.insert(signal) : null;
            fired = longLived.fireAllRules(budget, firingLimit);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            // What a failed firing left on the agenda is not worth reasoning about: start clean.
            renewLongLived();
            throw e;
        }
        // Leaving facts behind would make the next enterprise's evaluation see this one's (and, after a stop, the
        // activations not fired yet go with them).
        longLived.delete(f);
        if (s != null) {
            longLived.delete(s);
        }
        return fired;
    }

    private void renewLongLived() {
        longLived.dispose();
        longLived = newSession();
        longLivedEvaluations = 1;
    }

    private int fireInNewSession(EnterpriseFeatures features, Signal signal, Budget budget) {
        KieSession session = newSession();
        try {
            session.insert(features);
            if (ruleSet.matchesSignals()) {
                session.insert(signal);
            }
            return session.fireAllRules(budget, firingLimit);
        } finally {
            session.dispose();
        }
    }

    private static KieSessionConfiguration oneThread() {
        KieSessionConfiguration conf = KieServices.get().newKieSessionConfiguration();
        conf.setOption(ThreadSafeOption.NO);
        return conf;
    }

    @Override
    public void close() {
        if (longLived != null) {
            longLived.dispose();
            longLived = null;
        }
    }
}
