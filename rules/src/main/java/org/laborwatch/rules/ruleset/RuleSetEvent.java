package org.laborwatch.rules.ruleset;

import java.util.List;

/** What became of a published rule-set version in the job: activated, or rejected with the compiler's problems. */
public record RuleSetEvent(String version, boolean accepted, List<String> problems) {

    public RuleSetEvent {
        problems = List.copyOf(problems);
    }
}
