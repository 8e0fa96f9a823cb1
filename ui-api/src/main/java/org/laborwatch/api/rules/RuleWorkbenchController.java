package org.laborwatch.api.rules;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Status;
import io.micronaut.serde.annotation.SerdeImport;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.laborwatch.api.identity.Caller;
import org.laborwatch.api.identity.Roles;
import org.laborwatch.api.problem.NotFound;
import org.laborwatch.connectors.rulesets.RuleJobs;

/**
 * {@code /api/rules}: the rule workbench for rule authors (admins read). Versions and their files come from the
 * version history every publication writes; uploads are validated by the same sandbox and compiler as the command
 * line and the job; rolling back publishes an earlier version again, audited.
 */
@Controller("/api/rules")
@SerdeImport(RuleJobs.ScenarioVerdict.class)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "rules")
class RuleWorkbenchController {
    static final String VERSION = "[A-Za-z0-9._:-]{1,120}";

    private final RuleVersions versions;
    private final RuleValidation validation;
    private final RuleRollback rollback;
    private final RuleJobDesk jobs;

    RuleWorkbenchController(RuleVersions versions, RuleValidation validation, RuleRollback rollback,
                            RuleJobDesk jobs) {
        this.versions = versions;
        this.validation = validation;
        this.rollback = rollback;
        this.jobs = jobs;
    }

    /** Rule files as uploaded: file name to text (an {@code .xlsx} as the base64 of its bytes). */
    @Serdeable
    record Upload(@NotEmpty @Size(max = 100) Map<@Pattern(regexp = "[^/\\\\]{1,120}") String,
            @Size(max = 2_000_000) String> files) {
    }

    @Serdeable
    record Rollback(@Pattern(regexp = VERSION) String version, @Nullable @Pattern(regexp = "[a-z0-9._-]{1,60}")
            String name, @Nullable @Size(max = 500) String note) {
    }

    /**
     * A job for the engine side: run the scenarios of a rule set, backtest it over archived signals, or publish it
     * once its scenarios pass.
     */
    @Serdeable
    record JobRequest(@NotNull RuleJobs.Kind kind,
                      @NotEmpty @Size(max = 100) Map<@Pattern(regexp = "[^/\\\\]{1,120}") String,
                              @Size(max = 2_000_000) String> files,
                      @Nullable @Size(max = 200) Map<@Pattern(regexp = "[^/\\\\]{1,120}") String,
                              @Size(max = 200_000) String> scenarios,
                      @Nullable @Pattern(regexp = "[a-z0-9._-]{1,60}") String name,
                      @Nullable @Size(max = 500) String note,
                      // Days, not the service's default date-time format.
                      @Nullable @JsonFormat(pattern = "yyyy-MM-dd") LocalDate from,
                      @Nullable @JsonFormat(pattern = "yyyy-MM-dd") LocalDate until,
                      @Nullable @Pattern(regexp = VERSION) String against,
                      @Nullable @Size(max = 10) List<@Pattern(regexp = VERSION) String> campaigns) {
        RuleJobs.Request toRequest() {
            return new RuleJobs.Request(kind, null, files, scenarios, name, note, from, until, against, campaigns);
        }
    }

    @Post("/jobs")
    @Secured(Roles.RULE_AUTHOR)
    @Status(HttpStatus.ACCEPTED)
    @Operation(summary = "Run scenarios, backtest or publish, on the engine side",
            description = "`kind`: `SCENARIOS` (the rule set's `files` against the `scenarios`, name to YAML), "
                    + "`BACKTEST` (the archived signals `from`–`until`, optionally `against` a published version, "
                    + "with published seasonal `campaigns` in force beside) "
                    + "or `PUBLISH` (validated, scenarios run and passed, then published under `name`, audited). "
                    + "Answers 202 with the job, `QUEUED`; the workbench worker beside the live job runs it.")
    RuleJobDesk.JobView queue(@Body @Valid JobRequest request, Authentication caller) throws IOException {
        return jobs.queue(request.toRequest(), Caller.of(caller));
    }

    @Get("/jobs/{id}")
    @Secured({Roles.RULE_AUTHOR, Roles.ADMIN})
    @Operation(summary = "A job and what came of it", description = "`state` QUEUED, RUNNING, DONE or FAILED; "
            + "`passed`, the scenarios' verdicts, the backtest's Markdown report, the publication's `verdict`.")
    RuleJobDesk.JobView job(@PathVariable @Pattern(regexp = "[a-f0-9-]{36}") String id) throws IOException {
        return jobs.find(id).orElseThrow(() -> new NotFound("no job " + id));
    }

    @Get(value = "/jobs/{id}/report", produces = MediaType.TEXT_HTML)
    @Secured({Roles.RULE_AUTHOR, Roles.ADMIN})
    @Operation(summary = "A backtest's report as a self-contained page (charts inside, works offline)")
    String report(@PathVariable @Pattern(regexp = "[a-f0-9-]{36}") String id) throws IOException {
        return jobs.report(id).orElseThrow(() -> new NotFound("no report for job " + id + " (yet)"));
    }

    @Get("/versions")
    @Secured({Roles.RULE_AUTHOR, Roles.ADMIN})
    @Operation(summary = "Rule-set versions published, newest first",
            description = "Each publication (or rollback) with its author, time, note and what the running job said: "
                    + "`ACTIVATED`, `REJECTED` (with `problems`) or `NO_REPORT`; a seasonal campaign with its "
                    + "`campaign` days (`name`, `from`, `until`, both included).")
    List<RuleVersions.Version> list(@QueryValue @Nullable @Min(1) @Max(200) Integer limit) throws IOException {
        return versions.list(limit == null ? 50 : limit);
    }

    @Get("/versions/{version}")
    @Secured({Roles.RULE_AUTHOR, Roles.ADMIN})
    @Operation(summary = "A version's files as published, and its publications")
    RuleVersions.Files files(@PathVariable @Pattern(regexp = VERSION) String version) throws IOException {
        return versions.files(version).orElseThrow(() -> new NotFound("no rule-set version " + version));
    }

    @Post("/validate")
    @Secured(Roles.RULE_AUTHOR)
    @Operation(summary = "Check rule files without publishing them",
            description = "The same checks as `./laborwatch rules validate`: the sandbox (what a rule may contain), "
                    + "metadata, decision and points tables, compilation. `valid` with the rules and their points, or "
                    + "every problem with `file`, `line` and `column` (0 when not known).")
    RuleValidation.Result validate(@Body @Valid Upload upload) {
        return validation.validate(upload.files());
    }

    @Post("/rollback")
    @Secured(Roles.RULE_AUTHOR)
    @Operation(summary = "Publish an earlier version again",
            description = "The version's files from the history are compiled again, published to the running jobs "
                    + "under `name` (default `city`, a campaign's own name for a campaign), recorded as a rollback "
                    + "and audited; the answer says what the "
                    + "job made of it (waits up to `laborwatch.rules.verdict-wait`, 30 s).")
    RuleRollback.Result rollback(@Body @Valid Rollback request, Authentication caller) throws IOException {
        return rollback.to(request.version(), request.name(), request.note(), caller);
    }
}
