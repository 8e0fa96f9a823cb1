package org.laborwatch.engine.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.laborwatch.rules.risk.RiskLevel;
import org.laborwatch.rules.risk.RiskSnapshot;

class LatestRiskPerEnterpriseTest {
    private OneInputStreamOperatorTestHarness<RiskSnapshot, RiskSnapshot> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new OneInputStreamOperatorTestHarness<>(new LatestRiskPerEnterprise(Duration.ofSeconds(1)));
        harness.setProcessingTime(0);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void shouldPassOnOnlyTheLatestSnapshotOfEachEnterprisePerInterval() throws Exception {
        harness.processElement(new StreamRecord<>(snapshot("E1", 1, 10)));
        harness.processElement(new StreamRecord<>(snapshot("E1", 2, 20)));
        harness.processElement(new StreamRecord<>(snapshot("E2", 1, 5)));
        harness.setProcessingTime(999);
        assertThat(emitted()).isEmpty();

        harness.setProcessingTime(1_000);

        assertThat(emitted()).containsExactlyInAnyOrder(snapshot("E1", 2, 20), snapshot("E2", 1, 5));
        harness.getOutput().clear();
        harness.processElement(new StreamRecord<>(snapshot("E1", 3, 30)));
        harness.setProcessingTime(2_000);
        assertThat(emitted()).containsExactly(snapshot("E1", 3, 30));
    }

    @Test
    void shouldKeepTheNewerEventTimeWhenAnOlderSnapshotArrivesLater() throws Exception {
        harness.processElement(new StreamRecord<>(snapshot("E1", 5, 50)));
        harness.processElement(new StreamRecord<>(snapshot("E1", 4, 99))); // a late signal judged with its own time's features
        harness.processElement(new StreamRecord<>(snapshot("E2", 7, 1)));
        harness.processElement(new StreamRecord<>(snapshot("E2", 7, 2))); // same time: the later write wins, as the store's versioning

        harness.setProcessingTime(1_000);

        assertThat(emitted()).containsExactlyInAnyOrder(snapshot("E1", 5, 50), snapshot("E2", 7, 2));
    }

    @Test
    void shouldEmitEverythingPendingBeforeACheckpointSoNothingNeedsState() throws Exception {
        harness.processElement(new StreamRecord<>(snapshot("E1", 1, 10)));

        harness.prepareSnapshotPreBarrier(1);

        assertThat(emitted()).containsExactly(snapshot("E1", 1, 10));
    }

    @Test
    void shouldEmitEverythingPendingAtTheEndOfTheInput() throws Exception {
        harness.processElement(new StreamRecord<>(snapshot("E1", 1, 10)));
        harness.processElement(new StreamRecord<>(snapshot("E2", 1, 20)));

        harness.endInput();

        assertThat(emitted()).containsExactlyInAnyOrder(snapshot("E1", 1, 10), snapshot("E2", 1, 20));
    }

    @Test
    void shouldEmitEarlyRatherThanHoldMoreThanTheCap() throws Exception {
        for (int i = 0; i < LatestRiskPerEnterprise.MAX_PENDING; i++) {
            harness.processElement(new StreamRecord<>(snapshot("E" + i, 1, i)));
        }

        assertThat(emitted()).hasSize(LatestRiskPerEnterprise.MAX_PENDING);
    }

    private List<RiskSnapshot> emitted() {
        return harness.extractOutputValues();
    }

    private static RiskSnapshot snapshot(String enterprise, long day, double score) {
        return new RiskSnapshot(enterprise, "企业" + enterprise, "黄岛区", "建筑业", score, RiskLevel.forScore(score),
                Instant.EPOCH.plus(Duration.ofDays(day)), List.of(), Map.of(), "v1");
    }
}
