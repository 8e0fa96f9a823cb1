package org.laborwatch.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.connectors.kafka.Topics;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.RiskLevel;
import org.laborwatch.rules.risk.RiskSnapshot;

/** What the index job makes of each topic's records: one idempotent write per document, nothing for the rest. */
class DocumentRecordsTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Instant AT = Instant.parse("2025-06-01T01:30:00Z");
    private final DocumentRecords records = new DocumentRecords(SignalCodec.defaults());

    private List<EsAction> deserialize(String topic, byte[] value) {
        List<EsAction> out = new ArrayList<>();
        records.deserialize(new ConsumerRecord<>(topic, 0, 42L, null, value), new ListCollector<>(out));
        return out;
    }

    private static Alert alert(String id) {
        return new Alert(id, "91350100M000100Y43", "青岛海润建筑工程有限公司", "黄岛区", "建筑业", RiskLevel.RED,
                RiskLevel.ORANGE, 82.0, 61.0, AT, "S1", "v1", true, List.of(Agency.HRSS), List.of(), List.of());
    }

    @Test
    void shouldArchiveASignalUnderItsDedupeKey() {
        String json = "{\"id\":\"UN-1\",\"type\":\"COMPLAINT\",\"enterpriseId\":\"91350100M000100Y43\","
                + "\"source\":\"UNION\",\"occurredAt\":\"2025-06-01T09:30:00+08:00\"}";

        assertThat(deserialize(Topics.SIGNALS, json.getBytes(StandardCharsets.UTF_8))).singleElement()
                .satisfies(a -> {
                    assertThat(a.index()).isEqualTo(Documents.SIGNALS);
                    assertThat(a.id()).isEqualTo("UNION:UN-1");
                    assertThat(a.isCreate()).isTrue();
                });
    }

    @Test
    void shouldIndexAnAlertOnceUnderItsIdWithThePublishedJson() {
        byte[] published = RecordCodec.alerts(ZONE).encodeBytes(alert("a-1"));

        assertThat(deserialize(Topics.ALERTS, published)).singleElement().satisfies(a -> {
            assertThat(a.index()).isEqualTo(Documents.ALERTS);
            assertThat(a.id()).isEqualTo("a-1");
            assertThat(a.isCreate()).isTrue();
            assertThat(a.document()).isEqualTo(published);
        });
    }

    @Test
    void shouldUpsertRiskVersionedByItsEventTime() {
        RiskSnapshot risk = new RiskSnapshot("91350100M000100Y43", "青岛海润建筑工程有限公司", "黄岛区", "建筑业", 62.5,
                RiskLevel.ORANGE, AT, List.of(), Map.of("complaints30d", 3.0), "v1");

        assertThat(deserialize(Topics.RISK, RecordCodec.riskSnapshots(ZONE).encodeBytes(risk))).singleElement()
                .satisfies(a -> {
                    assertThat(a.index()).isEqualTo(Documents.RISK);
                    assertThat(a.id()).isEqualTo("91350100M000100Y43");
                    assertThat(a.version()).isEqualTo(AT.toEpochMilli());
                });
    }

    @Test
    void shouldSkipWhatHasNoDocument() {
        assertThat(deserialize(Topics.SIGNALS, "{not json".getBytes(StandardCharsets.UTF_8)))
                .as("a dead letter is the engine's").isEmpty();
        assertThat(deserialize(Topics.RISK, null)).as("a tombstone").isEmpty();
        assertThat(deserialize(Topics.ALERTS, RecordCodec.alerts(ZONE).encodeBytes(alert(null))))
                .as("an alert without an id").isEmpty();
        assertThat(deserialize(Topics.RISK, "[1,2]".getBytes(StandardCharsets.UTF_8))).as("not risk").isEmpty();
    }
}
