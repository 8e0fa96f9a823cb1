package org.laborwatch.api.rules;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.KafkaException;
import org.laborwatch.api.backend.CityTime;
import org.laborwatch.api.backend.KafkaSettings;
import org.laborwatch.api.backend.Names;
import org.laborwatch.connectors.rulesets.Publications;
import org.laborwatch.connectors.rulesets.RuleSetHistory;
import org.laborwatch.connectors.rulesets.RuleSetVerdicts;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetEvent;

/**
 * The rule-set versions: the history the command line and the service both write ({@link RuleSetHistory}), with
 * what the running jobs said about each on {@code lw.rules.events}, and publishing an earlier one again.
 */
@Singleton
class RuleVersions {
    private final ElasticsearchClient es;
    private final Names names;
    private final KafkaSettings kafka;
    private final CityTime time;
    private final Clock clock;

    RuleVersions(ElasticsearchClient es, Names names, KafkaSettings kafka, CityTime time, Clock clock) {
        this.es = es;
        this.names = names;
        this.kafka = kafka;
        this.time = time;
        this.clock = clock;
    }

    /**
     * A publication and the job's word on its version.
     *
     * @param verdict {@code ACTIVATED}, {@code REJECTED} or {@code NO_REPORT} (no job answered, or the report has
     *                left the topic)
     */
    @Serdeable
    record Version(String name, String version, String action, String by, Instant at, String note, String verdict,
                   List<String> problems) {
    }

    @Serdeable
    record Files(String version, Map<String, String> files, List<Version> publications) {
    }

    List<Version> list(int limit) throws IOException {
        List<RuleSetHistory.Publication> publications = history().publications(limit);
        Map<String, List<RuleSetVerdicts.Verdict>> verdicts = verdicts(publications.stream()
                .map(RuleSetHistory.Publication::version).collect(Collectors.toSet()));
        return publications.stream().map(p -> version(p, verdicts.get(p.version()))).toList();
    }

    Optional<Files> files(String version) throws IOException {
        Optional<RuleSet> rules = history().version(version);
        if (rules.isEmpty()) {
            return Optional.empty();
        }
        List<Version> publications = list(200).stream().filter(v -> v.version().equals(version)).toList();
        return Optional.of(new Files(version, rules.get().sources(), publications));
    }

    Optional<RuleSet> ruleSet(String version) throws IOException {
        return history().version(version);
    }

    Publications.Outcome publish(RuleSet rules, String name, String by, RuleSetHistory.Action action, String note,
                                 java.time.Duration wait) throws IOException {
        return new Publications(kafka.bootstrap(), names.rulesTopic(), names.ruleEventsTopic(), this::history,
                time.zone(), clock).publish(rules, name, by, action, note, wait);
    }

    private RuleSetHistory history() {
        return new RuleSetHistory(es, names.rulesetsIndex(), names.rulePublicationsIndex());
    }

    private Map<String, List<RuleSetVerdicts.Verdict>> verdicts(Set<String> versions) {
        try (RuleSetVerdicts reports = new RuleSetVerdicts(kafka.bootstrap(), names.ruleEventsTopic(), time.zone())) {
            return reports.about(versions);
        } catch (KafkaException e) {
            return Map.of(); // Kafka away: the history still answers, every verdict NO_REPORT
        }
    }

    private static Version version(RuleSetHistory.Publication p, List<RuleSetVerdicts.Verdict> reports) {
        String verdict = "NO_REPORT";
        List<String> problems = List.of();
        if (reports != null && !reports.isEmpty()) {
            RuleSetEvent first = reports.get(0).event();
            verdict = first.accepted() ? "ACTIVATED" : "REJECTED";
            problems = first.problems();
        }
        return new Version(p.name(), p.version(), p.action().name(), p.by(), p.at(), p.note(), verdict, problems);
    }
}
