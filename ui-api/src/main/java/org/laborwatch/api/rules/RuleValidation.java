package org.laborwatch.api.rules;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.laborwatch.rules.risk.RuleMeta;
import org.laborwatch.rules.ruleset.CompiledRuleSet;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetCompiler;
import org.laborwatch.rules.ruleset.RuleSetRejected;
import org.laborwatch.rules.ruleset.RuleSets;

/**
 * Checks uploaded rule files as the command line and the job do: the same validator (the sandbox's allowlist, the
 * metadata) and compiler, problems with file, line and column. Compiled here and thrown away, never cached: an
 * upload is not a version anyone runs.
 */
@Singleton
class RuleValidation {

    @Serdeable
    record Problem(String file, int line, int column, String message) {
    }

    @Serdeable
    record Rule(String id, String name, int points, List<String> agencies, boolean critical) {
    }

    /** The verdict on an upload: its version (the hash of its files), and its rules or its problems. */
    @Serdeable
    record Result(String version, boolean valid, List<Rule> rules, List<Problem> problems) {
    }

    Result validate(Map<String, String> files) {
        RuleSet rules = RuleSets.fromUpload(files);
        try {
            CompiledRuleSet compiled = RuleSetCompiler.compile(rules);
            return new Result(rules.version(), true, compiled.rules().stream()
                    .sorted(Comparator.comparing(RuleMeta::id)).map(RuleValidation::rule).toList(), List.of());
        } catch (RuleSetRejected e) {
            return new Result(rules.version(), false, List.of(), e.problems().stream()
                    .map(p -> new Problem(p.file(), p.line(), p.column(), p.message())).toList());
        }
    }

    private static Rule rule(RuleMeta meta) {
        return new Rule(meta.id(), meta.ruleName(), meta.points(),
                meta.agencies().stream().map(Enum::name).toList(), meta.critical());
    }
}
