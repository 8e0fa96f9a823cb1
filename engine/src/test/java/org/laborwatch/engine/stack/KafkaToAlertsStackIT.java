package org.laborwatch.engine.stack;

import org.laborwatch.connectors.elasticsearch.ElasticsearchEndpoint;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.laborwatch.connectors.elasticsearch.Documents;
import org.laborwatch.connectors.elasticsearch.SignalArchive;
import org.laborwatch.connectors.json.DeadLetter;
import org.laborwatch.connectors.json.Decoded;
import org.laborwatch.connectors.json.Rejection;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.connectors.kafka.TopicOffsets;
import org.laborwatch.connectors.kafka.Topics;
import org.laborwatch.engine.embedded.EmbeddedRun;
import org.laborwatch.engine.generate.SampleGenerator;
import org.laborwatch.engine.risk.RiskConfig;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.ruleset.RuleSets;
import org.laborwatch.rules.ruleset.SessionMode;

/**
 * A generated city through the real stack: produced into lw.signals (several partitions), judged by the job, alerts
 * read back from lw.alerts as a read_committed consumer and from Elasticsearch, against the embedded run of the same
 * file.
 */
class KafkaToAlertsStackIT {
    @TempDir
    static Path dir;
    static Set<String> embeddedIds;
    static List<Alert> kafkaAlerts;
    static List<DeadLetter> deadLetters;
    static ElasticsearchClient es;
    static Path signals;

    @BeforeAll
    static void runBothWays() throws Exception {
        var city = new SampleGenerator(new SampleGenerator.Options(400, 365, 11, LocalDate.of(2025, 3, 1), 1,
                Stack.ZONE)).writeTo(dir.resolve("city"));
        signals = city.files().get(0);
        Files.writeString(signals, "{not json\n{\"id\":\"X-1\",\"type\":\"NOPE\"}\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        embeddedIds = EmbeddedRun.run(new EmbeddedRun.Options(List.of(signals), dir.resolve("embedded"),
                        RuleSets.bundled(), EvaluatorFactory.drools(SessionMode.LONG_LIVED), RiskConfig.defaults(), SignalCodec.defaults(), 2))
                .outputs().alerts().stream().map(Alert::id).collect(Collectors.toSet());

        Map<TopicPartition, Long> alertsBefore = TopicOffsets.endOfLog(Stack.kafka(), Topics.ALERTS);
        Map<TopicPartition, Long> dlqBefore = TopicOffsets.endOfLog(Stack.kafka(), Topics.DEAD_LETTERS);
        Map<TopicPartition, Long> indexStart = Stack.indexStart();
        Stack.Range range = Stack.produce(List.of(signals));
        StackRun.Options options = Stack.options("it-kafka-to-alerts", range, dir.resolve("checkpoints"));
        StackRun.start(options).getJobExecutionResult().get();
        Stack.index(options, indexStart, range);
        kafkaAlerts = Stack.alerts(alertsBefore, TopicOffsets.end(Stack.kafka(), Topics.ALERTS));
        deadLetters = Stack.deadLetters(dlqBefore, TopicOffsets.end(Stack.kafka(), Topics.DEAD_LETTERS));
        es = Stack.es();
        es.indices().refresh(r -> r.index(Documents.ALERTS, Documents.RISK, Documents.SIGNALS));
    }

    @AfterAll
    static void close() throws Exception {
        if (es != null) {
            es._transport().close();
        }
    }

    @Test
    void shouldPublishTheAlertsOfTheEmbeddedRunOnceEach() {
        List<String> ids = kafkaAlerts.stream().map(Alert::id).toList();
        assertThat(embeddedIds).hasSizeGreaterThan(20);
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(Set.copyOf(ids)).isEqualTo(embeddedIds);
    }

    @Test
    void shouldIndexEveryAlertInElasticsearch() throws Exception {
        long found = es.count(c -> c.index(Documents.ALERTS)
                .query(q -> q.ids(i -> i.values(List.copyOf(embeddedIds))))).count();
        assertThat(found).isEqualTo(embeddedIds.size());
    }

    @Test
    void shouldKeepTheLatestRiskOfEveryAlertedEnterprise() throws Exception {
        Set<String> enterprises = kafkaAlerts.stream().map(Alert::enterpriseId).collect(Collectors.toSet());
        long found = es.count(c -> c.index(Documents.RISK)
                .query(q -> q.ids(i -> i.values(List.copyOf(enterprises))))).count();
        assertThat(found).isEqualTo(enterprises.size());
    }

    @Test
    void shouldArchiveTheAcceptedSignalsForReplaysInEventTimeOrder() throws Exception {
        SignalCodec codec = SignalCodec.defaults();
        Instant from = Instant.parse("2025-06-01T00:00:00Z");
        Instant to = Instant.parse("2025-06-15T00:00:00Z");
        Set<String> inFile = new java.util.HashSet<>();
        for (String line : Files.readAllLines(signals, StandardCharsets.UTF_8)) {
            if (codec.decode(line, "file") instanceof Decoded.Accepted a && !a.signal().occurredAt().isBefore(from)
                    && a.signal().occurredAt().isBefore(to)) {
                inFile.add(Documents.signalId(a.signal()));
            }
        }
        List<Signal> replayed = new java.util.ArrayList<>();
        ElasticsearchEndpoint archive = ElasticsearchEndpoint.fromEnvironment(Stack.elasticsearch());
        SignalArchive.read(archive, from, to, (enterpriseId, json) -> {
            Decoded d = codec.decode(json, "archive");
            assertThat(d).isInstanceOf(Decoded.Accepted.class);
            Signal s = ((Decoded.Accepted) d).signal();
            assertThat(s.enterpriseId()).isEqualTo(enterpriseId);
            replayed.add(s);
        });
        assertThat(inFile).isNotEmpty();
        assertThat(replayed.stream().map(Documents::signalId).toList()).doesNotHaveDuplicates().containsAll(inFile);
        assertThat(replayed).extracting(Signal::occurredAt).isSorted()
                .allSatisfy(t -> assertThat(t).isBetween(from, to.minusMillis(1)));
    }

    @Test
    void shouldSendBadRecordsToTheDeadLetterTopicWithTheirReasons() {
        assertThat(deadLetters).extracting(d -> d.reason().code())
                .containsExactlyInAnyOrder(Rejection.MALFORMED_JSON, Rejection.MISSING_FIELD);
        assertThat(deadLetters).extracting(DeadLetter::raw).contains("{not json");
        assertThat(deadLetters).allSatisfy(d -> assertThat(d.origin()).startsWith(Topics.SIGNALS + "/"));
    }
}
