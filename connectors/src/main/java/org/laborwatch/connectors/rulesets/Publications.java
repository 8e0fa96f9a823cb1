package org.laborwatch.connectors.rulesets;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.laborwatch.connectors.elasticsearch.ElasticsearchEndpoint;
import org.laborwatch.connectors.kafka.RuleSetPublisher;
import org.laborwatch.connectors.kafka.Topics;
import org.laborwatch.rules.ruleset.RuleSet;

/**
 * Sends a checked rule set to the running jobs, keeps it in the version history and waits for the jobs' word on it:
 * one way for the command line and the service alike. Checking the rule set (validation, scenarios) is the caller's,
 * before this is called.
 */
public final class Publications {
    public static final String ACTIVATED = "ACTIVATED";
    public static final String REJECTED = "REJECTED";
    public static final String NO_REPORT = "NO_REPORT";

    private final String kafka;
    private final Supplier<RuleSetHistory> history;
    private final String rulesTopic;
    private final String eventsTopic;
    private final ZoneId zone;
    private final Clock clock;

    /**
     * What became of a publication.
     *
     * @param notRecorded why the version history does not have it (Elasticsearch out of reach), or null
     * @param verdict     the first report of a job about the version, or null when none came in time
     */
    public record Outcome(RuleSetHistory.Publication publication, String notRecorded,
                          RuleSetVerdicts.Verdict verdict) {
        public boolean rejected() {
            return verdict != null && !verdict.event().accepted();
        }

        /** {@code ACTIVATED}, {@code REJECTED} or {@code NO_REPORT}: the job's word as the service and jobs show it. */
        public String verdictName() {
            return RuleSetVerdicts.Standing.of(verdict == null ? List.of() : List.of(verdict)).verdict();
        }

        /** The job's problems with a rejected version; none otherwise. */
        public List<String> problems() {
            return rejected() ? verdict.event().problems() : List.of();
        }
    }

    /** To the default topics and the default history, each publication on a client of its own. */
    public Publications(String kafka, ElasticsearchEndpoint elasticsearch, ZoneId zone, Clock clock) {
        this(kafka, Topics.RULES, Topics.RULE_EVENTS, () -> new RuleSetHistory(elasticsearch), zone, clock);
    }

    /** To the named topics, recording in the history {@code history} opens. */
    public Publications(String kafka, String rulesTopic, String eventsTopic, Supplier<RuleSetHistory> history,
                        ZoneId zone, Clock clock) {
        this.kafka = kafka;
        this.rulesTopic = rulesTopic;
        this.eventsTopic = eventsTopic;
        this.history = history;
        this.zone = zone;
        this.clock = clock;
    }

    public Outcome publish(RuleSet rules, String name, String by, RuleSetHistory.Action action, String note,
                           Duration wait) throws IOException {
        try (RuleSetVerdicts verdicts = new RuleSetVerdicts(kafka, eventsTopic, zone)) {
            Map<TopicPartition, Long> before = verdicts.end();
            RuleSetPublisher.Published sent;
            try (RuleSetPublisher publisher = new RuleSetPublisher(kafka, rulesTopic, zone)) {
                sent = publisher.publish(rules, name);
            }
            var publication = new RuleSetHistory.Publication(name, rules.version(), action, by, clock.instant(),
                    sent.offset(), note);
            String notRecorded = record(rules, publication);
            RuleSetVerdicts.Verdict verdict = wait.isZero() ? null : verdicts.await(rules.version(), before, wait);
            return new Outcome(publication, notRecorded, verdict);
        } catch (KafkaException e) {
            throw new IOException("cannot reach Kafka at " + kafka + " (" + e.getMessage() + ")", e);
        }
    }

    /** Records the publication; what went wrong if it could not, for the caller to say: the jobs have it anyway. */
    private String record(RuleSet rules, RuleSetHistory.Publication publication) {
        try (RuleSetHistory opened = history.get()) {
            opened.record(rules, publication);
            return null;
        } catch (IOException | RuntimeException e) {
            return e.getMessage();
        }
    }
}
