package org.laborwatch.api.rules;

import io.micronaut.context.annotation.Value;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.laborwatch.api.audit.AuditRecord;
import org.laborwatch.api.audit.AuditTrail;
import org.laborwatch.api.identity.Caller;
import org.laborwatch.api.problem.BadRequest;
import org.laborwatch.api.problem.NotFound;
import org.laborwatch.api.problem.Unavailable;
import org.laborwatch.connectors.kafka.RuleSetPublisher;
import org.laborwatch.connectors.rulesets.Publications;
import org.laborwatch.connectors.rulesets.RuleSetHistory;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetCompiler;
import org.laborwatch.rules.ruleset.RuleSetRejected;

/** Publishes an earlier version again, from the history, in the caller's name, and audits it. */
@Singleton
class RuleRollback {
    private final RuleVersions versions;
    private final AuditTrail audit;
    /** How long a request waits for the running job's word; a job that answers later is seen in the version list. */
    private final Duration wait;

    RuleRollback(RuleVersions versions, AuditTrail audit,
                 @Value("${laborwatch.rules.verdict-wait:30s}") Duration wait) {
        this.versions = versions;
        this.audit = audit;
        this.wait = wait;
    }

    /**
     * What became of a rollback.
     *
     * @param verdict {@code ACTIVATED}, {@code REJECTED} or {@code NO_REPORT} (no job answered in time)
     */
    @Serdeable
    record Result(String name, String version, Instant at, long offset, String verdict, List<String> problems,
                  String notRecorded) {
    }

    /** @param requestedName the name to publish under, or null for the version's own (a campaign's, else city) */
    Result to(String version, String requestedName, String note, Authentication authentication) throws IOException {
        Caller caller = Caller.of(authentication);
        RuleSet rules = versions.ruleSet(version).orElseThrow(() -> new NotFound("no rule-set version " + version));
        String name;
        try {
            RuleSetCompiler.compile(rules); // the validator may have grown stricter since it was published
            name = RuleSetPublisher.nameFor(rules, requestedName);
        } catch (RuleSetRejected e) {
            throw new BadRequest("version " + version + " no longer passes validation: " + e.getMessage());
        }
        Publications.Outcome outcome;
        try {
            outcome = versions.publish(rules, name, caller.username(), RuleSetHistory.Action.ROLLBACK, note, wait);
        } catch (IOException e) {
            throw new Unavailable("Kafka: " + e.getMessage());
        }
        var p = outcome.publication();
        audit.record(new AuditRecord("ruleset/" + name + "@" + p.offset(), p.at(), caller.username(), caller.role(),
                null, "RULES_ROLLBACK", "ruleset/" + name, note, null, after(p)));
        return new Result(p.name(), p.version(), p.at(), p.offset(), outcome.verdictName(), outcome.problems(),
                outcome.notRecorded());
    }

    private static Map<String, Object> after(RuleSetHistory.Publication p) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("version", p.version());
        facts.put("offset", p.offset());
        return facts;
    }
}
