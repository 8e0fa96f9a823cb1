package org.laborwatch.rules.ruleset;

import java.util.List;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.api.runtime.conf.ThreadSafeOption;
import org.kie.api.runtime.rule.FactHandle;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.feature.EnterpriseFeatures;

/** Evaluates with Drools in one of the {@link SessionMode}s. */
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

    private final CompiledRuleSet ruleSet;
    private final SessionMode mode;
    private final Findings findings;
    /**
     * An evaluator belongs to one thread (one subtask), so its sessions need not synchronise their propagation
     * queues: Drools' {@link ThreadSafeOption#NO}.
     */
    private final KieSessionConfiguration oneThread;
    private KieSession longLived;
    private int longLivedEvaluations;
    private StatelessKieSession stateless;

    DroolsRuleEvaluator(CompiledRuleSet ruleSet, SessionMode mode) {
        this.ruleSet = ruleSet;
        this.mode = mode;
        this.findings = new Findings(ruleSet.metaByRule());
        this.oneThread = oneThread();
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
            switch (mode) {
                case LONG_LIVED -> fireInLongLivedSession(features, signal);
                case STATELESS -> stateless.execute(ruleSet.matchesSignals() ? List.of(features, signal) : List.of(features));
                case NEW_SESSION -> fireInNewSession(features, signal);
            }
            return findings.drain();
        } catch (RuntimeException e) {
            findings.drain();
            throw e;
        }
    }

    private KieSession newSession() {
        KieSession session = ruleSet.kieBase().newKieSession(oneThread, null);
        session.setGlobal(FINDINGS_GLOBAL, findings);
        return session;
    }

    private void fireInLongLivedSession(EnterpriseFeatures features, Signal signal) {
        if (++longLivedEvaluations > RENEW_SESSION_EVERY) {
            longLived.dispose();
            longLived = newSession();
            longLivedEvaluations = 1;
        }
        FactHandle f = longLived.insert(features);
        FactHandle s = ruleSet.matchesSignals() ? longLived.insert(signal) : null;
        try {
            longLived.fireAllRules();
        } finally {
            // Leaving facts behind would make the next enterprise's evaluation see this one's.
            longLived.delete(f);
            if (s != null) {
                longLived.delete(s);
            }
        }
    }

    private void fireInNewSession(EnterpriseFeatures features, Signal signal) {
        KieSession session = newSession();
        try {
            session.insert(features);
            if (ruleSet.matchesSignals()) {
                session.insert(signal);
            }
            session.fireAllRules();
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
