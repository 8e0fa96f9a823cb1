package org.laborwatch.engine.workbench;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.laborwatch.connectors.rulesets.RuleJobs;
import org.laborwatch.engine.scenario.ScenarioFormatException;
import org.laborwatch.engine.scenario.ScenarioResult;
import org.laborwatch.engine.scenario.ScenarioRunner;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetRejected;
import org.laborwatch.rules.ruleset.RuleSets;

/** SCENARIOS: the uploaded scenarios run against the uploaded rule set, as {@code rules test} runs them. */
final class ScenarioJob implements RuleJob {
    @Override
    public RuleJobs.Result run(RuleJobs.Request request) throws IOException {
        RuleSet rules = UploadedRules.of(request.files());
        List<String> problems = UploadedRules.problems(rules);
        return problems.isEmpty() ? judge(rules, request.scenarios()) : UploadedRules.rejected(rules, problems);
    }

    /**
     * Runs {@code scenarios} (file name to YAML) on the rules at their own points, as {@code rules publish} does
     * before publishing: a points table is judged by a backtest, not by scenarios.
     */
    static RuleJobs.Result judge(RuleSet rules, Map<String, String> scenarios) throws IOException {
        if (scenarios.isEmpty()) {
            return notRun(rules, "no scenarios: a rule set is checked by the scenarios written for it");
        }
        try (Scratch dir = Scratch.create("laborwatch-job-scenarios")) {
            for (var file : scenarios.entrySet()) {
                Files.writeString(dir.resolve(fileName(file.getKey())), file.getValue());
            }
            List<ScenarioResult> results = ScenarioRunner.forRules(RuleSets.withOwnPoints(rules))
                    .runDirectory(dir.dir());
            return verdicts(rules, results);
        } catch (ScenarioFormatException e) {
            return notRun(rules, e.getMessage());
        } catch (RuleSetRejected e) {
            return UploadedRules.rejected(rules, UploadedRules.problems(e));
        }
    }

    private static RuleJobs.Result verdicts(RuleSet rules, List<ScenarioResult> results) {
        List<RuleJobs.ScenarioVerdict> verdicts = results.stream()
                .map(r -> new RuleJobs.ScenarioVerdict(r.scenario().title(), r.passed(), r.report())).toList();
        long failed = results.stream().filter(r -> !r.passed()).count();
        String summary = String.format("%d scenarios, %d passed, %d failed", results.size(), results.size() - failed,
                failed);
        return new RuleJobs.Result(failed == 0 && !results.isEmpty(), rules.version(), summary, null, verdicts,
                null, null, null, null);
    }

    private static RuleJobs.Result notRun(RuleSet rules, String why) {
        return new RuleJobs.Result(false, rules.version(), "scenarios not run: " + why, List.of(why), null, null,
                null, null, null);
    }

    /**
     * The name as a plain file name of the scratch directory: the name comes from a browser, and a path in it would
     * write anywhere the worker may. The runner reads only {@code .yaml} and {@code .yml}, so another name would be
     * silently skipped; it is refused instead.
     */
    static String fileName(String name) {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\") || name.contains("..")
                || name.startsWith(".")) {
            throw new IllegalArgumentException("scenario file name not allowed: '" + name + "' (a plain file name, "
                    + "no / or ..)");
        }
        if (!name.endsWith(".yaml") && !name.endsWith(".yml")) {
            throw new IllegalArgumentException("scenario file " + name + " is not .yaml or .yml");
        }
        return name;
    }
}
