package org.laborwatch.engine.workbench;

import java.time.Duration;
import java.util.List;
import org.laborwatch.connectors.kafka.RuleSetPublisher;
import org.laborwatch.connectors.rulesets.Publications;
import org.laborwatch.connectors.rulesets.RuleJobs;
import org.laborwatch.connectors.rulesets.RuleSetHistory;
import org.laborwatch.rules.ruleset.RuleSet;

/**
 * PUBLISH: as {@code rules publish}: nothing goes out unless the rule set compiles and every scenario passes; then
 * it is sent, recorded in the version history, and the running job's word on it awaited.
 */
final class PublishJob implements RuleJob {
    private final Publications publications;
    private final Duration wait;

    PublishJob(Publications publications, Duration wait) {
        this.publications = publications;
        this.wait = wait;
    }

    @Override
    public RuleJobs.Result run(RuleJobs.Request request) throws Exception {
        if (request.by() == null || request.by().isBlank()) {
            // The version history answers "who sent this to the running job"; a publication without a name breaks it.
            throw new IllegalArgumentException("a publication needs its author (by)");
        }
        RuleSet rules = UploadedRules.of(request.files());
        List<String> problems = UploadedRules.problems(rules);
        if (!problems.isEmpty()) {
            return UploadedRules.rejected(rules, problems);
        }
        RuleJobs.Result judged = ScenarioJob.judge(rules, request.scenarios());
        if (!judged.passed()) {
            return new RuleJobs.Result(false, rules.version(), "not published: " + judged.summary(),
                    judged.problems(), judged.scenarios(), null, null, null, null);
        }
        String given = request.name() == null || request.name().isBlank() ? null : request.name();
        String name = RuleSetPublisher.nameFor(rules, given);
        Publications.Outcome outcome = publications.publish(rules, name, request.by(), RuleSetHistory.Action.PUBLISH,
                request.note(), wait);
        return published(rules, judged, outcome);
    }

    private RuleJobs.Result published(RuleSet rules, RuleJobs.Result judged, Publications.Outcome outcome) {
        var p = outcome.publication();
        String verdict = outcome.verdictName();
        List<String> problems = outcome.problems();
        String said = switch (verdict) {
            case Publications.ACTIVATED -> "the running job activated it";
            case Publications.REJECTED -> "the running job REJECTED it and keeps its current rule set";
            default -> "no running job answered within " + wait.toSeconds() + " s; a job that starts later takes it";
        };
        String summary = String.format("published %s as '%s' (offset %d, %s); %s", p.version(), p.name(),
                p.offset(), judged.summary(), said) + (outcome.notRecorded() == null ? ""
                : "; not in the version history (" + outcome.notRecorded() + ")");
        return new RuleJobs.Result(!outcome.rejected(), rules.version(), summary, problems, judged.scenarios(), null,
                null, p.offset(), verdict);
    }
}
