package org.laborwatch.engine.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.laborwatch.connectors.elasticsearch.Documents;
import org.laborwatch.connectors.elasticsearch.ElasticsearchEndpoint;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.connectors.kafka.TopicOffsets;
import org.laborwatch.connectors.kafka.Topics;
import org.laborwatch.engine.config.EngineConfig;
import org.laborwatch.engine.ingest.StreamTime;
import org.laborwatch.engine.risk.RiskConfig;
import org.laborwatch.rules.fact.CreditCode;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.fact.SignalSource;
import org.laborwatch.rules.fact.SignalType;
import org.laborwatch.rules.risk.Hit;
import org.laborwatch.rules.risk.RiskLevel;
import org.laborwatch.rules.risk.RiskSnapshot;
import org.laborwatch.rules.ruleset.RuleSets;

/**
 * The live path end to end, as {@code laborwatch live} runs it beside the demo's service: an enterprise's signals
 * bring it to RED, then a case outcome, exactly as the service writes one when an agency resolves the case, is
 * produced into lw.signals while the engine and index jobs run. The outcome is dated now and is the only signal of
 * its partition, so only a quiet stream's event time following the wall clock ({@code stream.idle-advance}) lets it be
 * judged: the enterprise's risk must drop below RED on lw.risk and in Elasticsearch's lw-risk. Event time settings
 * are short here (the bundled ones wait a minute each) so the test takes seconds.
 */
class LiveStackIT {
    private static final StreamTime QUICK = new StreamTime(Duration.ofSeconds(2), 3, 1000, Duration.ofSeconds(1),
            Duration.ofSeconds(3));
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final DateTimeFormatter SERVICE_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    @TempDir
    Path dir;

    @Test
    void shouldDropAnEnterpriseFromRedWhenItsCaseOutcomeArrivesWhileTheLiveJobsRun() throws Exception {
        long run = System.currentTimeMillis();
        String enterprise = CreditCode.withCheckCharacter("91370213MA3C" + String.format("%05d", run % 100_000));
        Map<TopicPartition, Long> signalsFrom = TopicOffsets.endOfLog(Stack.kafka(), Topics.SIGNALS);
        Map<TopicPartition, Long> indexFrom = Stack.indexStart();
        OffsetDateTime now = OffsetDateTime.now(Stack.ZONE);
        Stack.produce(Topics.SIGNALS, List.of(
                encode(new Signal("it-live-" + run + "-1", SignalType.PAYROLL_DELAY, enterprise, NAME, DISTRICT,
                        INDUSTRY, SignalSource.HRSS, now.minusHours(3).toInstant(), null, 30, null, Map.of())),
                encode(new Signal("it-live-" + run + "-2", SignalType.WAGE_ARREARS, enterprise, NAME, DISTRICT,
                        INDUSTRY, SignalSource.HRSS, now.minusMinutes(10).toInstant(), BigDecimal.valueOf(700_000),
                        30, 4, Map.of()))));

        StackRun.Options options = LiveRun.options(Stack.kafka(), "it-live-" + run, signalsFrom, RuleSets.bundled(),
                new EngineConfig(RiskConfig.defaults(), QUICK), 2, dir.resolve("checkpoints"), 0);
        LiveRun live = LiveRun.start(options, ElasticsearchEndpoint.fromEnvironment(Stack.elasticsearch()),
                new IndexRun.Range(indexFrom, null), 0);
        try {
            RiskSnapshot red = awaitRisk(indexFrom, enterprise, r -> r.level() == RiskLevel.RED);

            OffsetDateTime resolvedAt = OffsetDateTime.now(Stack.ZONE).truncatedTo(ChronoUnit.MILLIS);
            Stack.produce(Topics.SIGNALS, List.of(caseOutcomeAsTheServiceWritesIt(enterprise, resolvedAt)));

            RiskSnapshot settled = awaitRisk(indexFrom, enterprise, r -> r.asOf().equals(resolvedAt.toInstant()));
            assertThat(settled.score()).isLessThan(red.score()).isLessThan(RiskLevel.RED.threshold());
            assertThat(settled.level()).isEqualTo(RiskLevel.NONE);
            assertThat(settled.hits()).extracting(Hit::ruleId).contains("OUT-002");
            awaitIndexed(enterprise, settled);
        } finally {
            live.stop(dir.resolve("savepoints"));
        }
    }

    private static final String NAME = "青岛海岸线建筑工程有限公司";
    private static final String DISTRICT = "黄岛区";
    private static final String INDUSTRY = "建筑业";

    /** Byte for byte the shape of the service's CASE_OUTCOME (ui-api OutcomeSignals), for case {@code <ent>-1}. */
    private static String caseOutcomeAsTheServiceWritesIt(String enterprise, OffsetDateTime resolvedAt) {
        return "{\"id\":\"case-outcome:" + enterprise + "-1:1\",\"type\":\"CASE_OUTCOME\",\"enterpriseId\":\""
                + enterprise + "\",\"enterpriseName\":\"" + NAME + "\",\"district\":\"" + DISTRICT
                + "\",\"industry\":\"" + INDUSTRY + "\",\"source\":\"COURT\",\"occurredAt\":\""
                + SERVICE_TIME.format(resolvedAt) + "\",\"amount\":1280000,\"workers\":46,\"attributes\":"
                + "{\"outcome\":\"MEDIATED\",\"caseId\":\"" + enterprise + "-1\",\"legalAidCases\":\"2\"}}";
    }

    private static String encode(Signal signal) {
        return SignalCodec.defaults().encode(signal);
    }

    /** The latest snapshot of the enterprise on lw.risk since the test began, once one satisfies {@code wanted}. */
    private static RiskSnapshot awaitRisk(Map<TopicPartition, Long> from, String enterprise,
                                          Predicate<RiskSnapshot> wanted) throws InterruptedException {
        RecordCodec<RiskSnapshot> codec = RecordCodec.riskSnapshots(Stack.ZONE);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Optional<RiskSnapshot> found = TopicOffsets.read(Stack.kafka(), from,
                            TopicOffsets.end(Stack.kafka(), Topics.RISK)).stream()
                    .map(r -> codec.decode(new String(r.value(), StandardCharsets.UTF_8)))
                    .filter(r -> r.enterpriseId().equals(enterprise)).filter(wanted).reduce((a, b) -> b);
            if (found.isPresent()) {
                return found.get();
            }
            assertThat(System.nanoTime()).as("a snapshot of %s on %s", enterprise, Topics.RISK).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    /** The index job carries the snapshot to lw-risk: the enterprise's document is that one. */
    @SuppressWarnings("unchecked")
    private static void awaitIndexed(String enterprise, RiskSnapshot settled) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        try (var transport = Stack.es()._transport()) {
            ElasticsearchClient es = new ElasticsearchClient(transport);
            while (true) {
                var doc = es.get(g -> g.index(Documents.RISK).id(enterprise), Map.class);
                Map<String, Object> source = doc.found() ? doc.source() : Map.of();
                if (settled.level().name().equals(source.get("level"))) {
                    assertThat(((Number) source.get("score")).doubleValue()).isEqualTo(settled.score());
                    return;
                }
                assertThat(System.nanoTime()).as("%s's risk in %s is %s", enterprise, Documents.RISK, source)
                        .isLessThan(deadline);
                Thread.sleep(250);
            }
        }
    }
}
