package org.laborwatch.rules.ruleset;

import java.util.List;

/**
 * What became of a published rule-set version in the job: activated (also when sent again while in force), or
 * rejected with the compiler's problems. While a version is active, a subtask also reports, accepted and with the
 * problem, a rule it quarantined (its consequence or condition threw) or an evaluation it stopped (firing limit, time
 * budget) or that failed: once per version and subtask.
 */
public record RuleSetEvent(String version, boolean accepted, List<String> problems) {

    public RuleSetEvent {
        problems = List.copyOf(problems);
    }
}
