package org.laborwatch.engine.workbench;

import java.util.List;
import java.util.Map;
import org.laborwatch.connectors.rulesets.RuleJobs;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetCache;
import org.laborwatch.rules.ruleset.RuleSetRejected;
import org.laborwatch.rules.ruleset.RuleSets;

/** The rule set a job was given, versioned and checked as the service's validation does. */
final class UploadedRules {
    private UploadedRules() {
    }

    static RuleSet of(Map<String, String> files) {
        return RuleSets.fromUpload(files);
    }

    /** What keeps the rule set from compiling ({@code file:line:column: message}); empty when it compiles. */
    static List<String> problems(RuleSet rules) {
        if (rules.sources().isEmpty()) {
            return List.of("no rule files: a rule set needs at least one .drl file or decision table");
        }
        try {
            RuleSetCache.compile(rules);
            return List.of();
        } catch (RuleSetRejected e) {
            return problems(e);
        }
    }

    static List<String> problems(RuleSetRejected e) {
        return e.problems().stream().map(RuleSetRejected.Problem::toString).toList();
    }

    /** The answer to a rule set that does not compile: not passed, and why. */
    static RuleJobs.Result rejected(RuleSet rules, List<String> problems) {
        return new RuleJobs.Result(false, rules.version(), problems.size() + " problem(s): the rule set does not "
                + "compile", problems, null, null, null, null, null);
    }
}
