package org.laborwatch.api.rules;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.laborwatch.api.audit.AuditRecord;
import org.laborwatch.api.audit.AuditTrail;
import org.laborwatch.api.backend.Names;
import org.laborwatch.api.identity.Caller;
import org.laborwatch.api.problem.BadRequest;
import org.laborwatch.connectors.rulesets.RuleJobs;

/**
 * Asks the engine side for what needs the engine (scenarios, backtests, publishing after scenarios pass) and shows
 * what came of it. The service runs no job itself: it queues the request ({@link RuleJobs}); the workbench worker
 * beside the live job runs it with the command line's code and writes the result back.
 */
@Singleton
class RuleJobDesk {
    /** A backtest replays at most this much of the archive. */
    static final long MAX_BACKTEST_DAYS = 400;

    private final RuleJobs jobs;
    private final AuditTrail audit;

    RuleJobDesk(ElasticsearchClient es, Names names, Clock clock, AuditTrail audit) {
        this.jobs = new RuleJobs(es, names.ruleJobsIndex(), clock);
        this.audit = audit;
    }

    /** A job as the API shows it: the backtest's page is served apart ({@code /report}), so only whether it has one. */
    @Serdeable
    record JobView(String id, RuleJobs.Kind kind, RuleJobs.State state, String by, Instant requestedAt,
                   @Nullable Instant startedAt, @Nullable Instant finishedAt, @Nullable Boolean passed,
                   @Nullable String version, @Nullable String summary, List<String> problems,
                   List<RuleJobs.ScenarioVerdict> scenarios, @Nullable String reportMarkdown, boolean hasReport,
                   @Nullable Long offset, @Nullable String verdict, @Nullable String error) {
    }

    JobView queue(RuleJobs.Request asked, Caller caller) throws IOException {
        check(asked);
        RuleJobs.Request request = new RuleJobs.Request(asked.kind(), caller.username(), asked.files(),
                asked.scenarios(), asked.name(), asked.note(), asked.from(), asked.until(), asked.against(),
                asked.campaigns());
        String id = jobs.queue(request);
        if (request.kind() == RuleJobs.Kind.PUBLISH) {
            String subject = "ruleset/" + (request.name() == null ? "city" : request.name());
            audit.record(new AuditRecord("rulejob/" + id, Instant.now(), caller.username(), caller.role(), null,
                    "RULES_PUBLISH_REQUESTED", subject, request.note(), null, Map.of("job", id)));
        }
        return view(jobs.get(id).orElseThrow());
    }

    Optional<JobView> find(String id) throws IOException {
        return jobs.get(id).map(RuleJobDesk::view);
    }

    Optional<String> report(String id) throws IOException {
        return jobs.get(id).map(RuleJobs.Job::result).map(RuleJobs.Result::reportHtml);
    }

    private static void check(RuleJobs.Request asked) {
        if (asked.files().isEmpty()) {
            throw new BadRequest("files: the rule set's files are required");
        }
        if (asked.kind() == RuleJobs.Kind.BACKTEST) {
            if (asked.from() == null || asked.until() == null) {
                throw new BadRequest("from, until: a backtest replays the archived signals of these days");
            }
            long days = ChronoUnit.DAYS.between(asked.from(), asked.until());
            if (days < 0 || days > MAX_BACKTEST_DAYS) {
                throw new BadRequest("until: from 0 to " + MAX_BACKTEST_DAYS + " days after from");
            }
        }
        if (asked.kind() != RuleJobs.Kind.BACKTEST && !asked.campaigns().isEmpty()) {
            throw new BadRequest("campaigns: only a backtest puts published campaigns in force");
        }
        if (asked.kind() != RuleJobs.Kind.BACKTEST && asked.scenarios().isEmpty()) {
            throw new BadRequest("scenarios: the scenario files (name to YAML) the rule set must pass");
        }
    }

    private static JobView view(RuleJobs.Job job) {
        RuleJobs.Result r = job.result();
        return new JobView(job.id(), job.request().kind(), job.state(), job.request().by(), job.requestedAt(),
                job.startedAt(), job.finishedAt(), r == null ? null : r.passed(), r == null ? null : r.version(),
                r == null ? null : r.summary(), r == null ? List.of() : r.problems(),
                r == null ? List.of() : r.scenarios(), r == null ? null : r.reportMarkdown(),
                r != null && r.reportHtml() != null, r == null ? null : r.offset(), r == null ? null : r.verdict(),
                job.error());
    }
}
