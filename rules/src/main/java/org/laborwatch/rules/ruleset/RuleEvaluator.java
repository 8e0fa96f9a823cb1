package org.laborwatch.rules.ruleset;

import java.util.List;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.feature.EnterpriseFeatures;

/** Judges one signal in the light of its enterprise's features. One instance per thread; not thread-safe. */
public interface RuleEvaluator extends AutoCloseable {

    String version();

    List<Finding> evaluate(EnterpriseFeatures features, Signal signal);

    @Override
    default void close() {
    }
}
