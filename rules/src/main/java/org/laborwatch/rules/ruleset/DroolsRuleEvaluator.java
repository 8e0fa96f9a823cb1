package org.laborwatch.rules.ruleset;

import java.util.List;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ThreadSafeOption;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.feature.EnterpriseFeatures;

/** Evaluates with Drools in one of the {@link SessionMode}s. */
final class DroolsRuleEvaluator implements RuleEvaluator {
    static final String FINDINGS_GLOBAL = "hits";


    private final CompiledRuleSet ruleSet;
    private final SessionMode mode;
    private final Findings findings;
    /**
     * An evaluator belongs to one thread (one subtask), so its sessions need not synchronise their propagation
     * queues: Drools' {@link ThreadSafeOption#NO}.
     */
    private final KieSessionConfiguration oneThread;
    private KieSession longLived;
    private StatelessKieSession stateless;

    DroolsRuleEvaluator(CompiledRuleSet ruleSet, SessionMode mode) {
        this.ruleSet = ruleSet;
        this.mode = mode;
        this.findings = new Findings(ruleSet.metaByRule());
        this.oneThread = oneThread();
        switch (mode) {
            case LONG_LIVED -> {
                longLived = ruleSet.kieBase().newKieSession(oneThread, null);
                longLived.setGlobal(FINDINGS_GLOBAL, findings);
            }
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

    private void fireInLongLivedSession(EnterpriseFeatures features, Signal signal) {
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
        KieSession session = ruleSet.kieBase().newKieSession(oneThread, null);
        try {
            session.setGlobal(FINDINGS_GLOBAL, findings);
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
