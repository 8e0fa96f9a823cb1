package org.laborwatch.rules.ruleset;

import java.util.List;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.feature.EnterpriseFeatures;

/** Judges one signal in the light of its enterprise's features. One instance per thread; not thread-safe. */
public interface RuleEvaluator extends AutoCloseable {

    String version();

    List<Finding> evaluate(EnterpriseFeatures features, Signal signal);

    /**
     * What went wrong and was contained since last asked (a rule quarantined, an evaluation stopped), each said once,
     * in words for the rule set's author; the job reports them on {@code lw.rules.events}.
     */
    default List<String> drainIncidents() {
        return List.of();
    }

    @Override
    default void close() {
    }
}
