package org.laborwatch.api.rules;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
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
import org.laborwatch.rules.ruleset.Campaign;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetRejected;

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
                   List<String> problems, @Nullable CampaignDays campaign) {
    }

    /**
     * A seasonal campaign's days, {@code YYYY-MM-DD}, both included, in the city's calendar: dates as written in its
     * campaign.yaml, not instants (the service writes times with the city's offset). Null for a base rule set.
     */
    @Serdeable
    record CampaignDays(String name, String from, String until) {

        static CampaignDays of(RuleSet rules) {
            try {
                return Campaign.of(rules).map(c -> new CampaignDays(c.name(), c.from().toString(),
                        c.until().toString())).orElse(null);
            } catch (RuleSetRejected e) {
                return null; // a schedule the job rejected too: the verdict says so, there are no days to show
            }
        }
    }

    @Serdeable
    record Files(String version, Map<String, String> files, List<Version> publications) {
    }

    List<Version> list(int limit) throws IOException {
        List<RuleSetHistory.Publication> publications = history().publications(limit);
        return versions(publications, campaigns(publications));
    }

    Optional<Files> files(String version) throws IOException {
        Optional<RuleSet> rules = history().version(version);
        if (rules.isEmpty()) {
            return Optional.empty();
        }
        List<RuleSetHistory.Publication> ofVersion = history().publications(200).stream()
                .filter(p -> p.version().equals(version)).toList();
        CampaignDays campaign = CampaignDays.of(rules.get());
        List<Version> publications = versions(ofVersion, campaign == null ? Map.of() : Map.of(version, campaign));
        return Optional.of(new Files(version, rules.get().sources(), publications));
    }

    private List<Version> versions(List<RuleSetHistory.Publication> publications,
                                   Map<String, CampaignDays> campaigns) {
        Map<String, List<RuleSetVerdicts.Verdict>> verdicts = verdicts(publications.stream()
                .map(RuleSetHistory.Publication::version).collect(Collectors.toSet()));
        return publications.stream().map(p -> version(p, verdicts.get(p.version()), campaigns.get(p.version())))
                .toList();
    }

    /**
     * The days of each listed version that is a campaign, read from the version's files: one read per version
     * listed, since a publication records who sent what when, and what a version is stays with its files.
     */
    private Map<String, CampaignDays> campaigns(List<RuleSetHistory.Publication> publications) throws IOException {
        Map<String, CampaignDays> campaigns = new HashMap<>();
        RuleSetHistory history = history();
        for (String version : publications.stream().map(RuleSetHistory.Publication::version).distinct().toList()) {
            history.version(version).map(CampaignDays::of).ifPresent(c -> campaigns.put(version, c));
        }
        return campaigns;
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

    private static Version version(RuleSetHistory.Publication p, List<RuleSetVerdicts.Verdict> reports,
                                   CampaignDays campaign) {
        RuleSetVerdicts.Standing standing = RuleSetVerdicts.Standing.of(reports);
        return new Version(p.name(), p.version(), p.action().name(), p.by(), p.at(), p.note(), standing.verdict(),
                standing.problems(), campaign);
    }
}
