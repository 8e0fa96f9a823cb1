package org.laborwatch.engine.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import org.laborwatch.rules.risk.RuleMeta;
import org.laborwatch.rules.ruleset.Campaign;
import org.laborwatch.rules.ruleset.CompiledRuleSet;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetCache;
import org.laborwatch.rules.ruleset.RuleSets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "validate", description = {
    "compile and check a directory of DRL files and decision tables (.csv, .xlsx)",
    "Problems are reported with file and line, or table and row (syntax, forbidden constructs, missing "
            + "metadata); a valid set is listed rule by rule. Exit code 1 when there is a problem."})
final class ValidateRulesCommand implements Callable<Integer> {
    private final PrintStream out;

    @Parameters(index = "0", paramLabel = "DIR", description = "a directory of .drl files and decision tables, "
            + "e.g. rules/library")
    Path dir;

    ValidateRulesCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        RuleSet rules = RuleSets.fromDirectory(dir, null);
        CompiledRuleSet compiled = RuleSetCache.compile(rules);
        out.printf("rule set %s: %d rules in %d files, all valid%n", compiled.version(), compiled.rules().size(),
                rules.sources().size());
        Campaign.of(rules).ifPresent(c -> out.printf("a seasonal campaign: %s, from %s until %s (both included); "
                + "signals dated within it are judged by these rules instead of the base rule set%n", c.name(),
                c.from(), c.until()));
        compiled.rules().stream().sorted(Comparator.comparing(RuleMeta::id)).forEach(m -> out.printf(
                "  %-9s %3d points  %-40s %s%s%n", m.id(), m.points(), String.join(",",
                        m.agencies().stream().map(Enum::name).toList()), m.ruleName(), m.critical() ? "  [critical]"
                        : ""));
        return 0;
    }
}
