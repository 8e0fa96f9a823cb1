package org.laborwatch.engine.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.laborwatch.rules.risk.RiskLevel;
import org.laborwatch.rules.risk.RiskSnapshot;

class LatestRiskSnapshotTest {

    private static RiskSnapshot snapshot(String enterprise, double score, String asOf) {
        return new RiskSnapshot(enterprise, "n", "黄岛区", "建筑业", score, RiskLevel.forScore(score),
                Instant.parse(asOf), List.of(), Map.of(), "v1");
    }

    @Test
    void shouldEmitOnlyTheNewestSnapshotPerEnterpriseAtTheEnd() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, RiskSnapshot, RiskSnapshot> harness =
                     ProcessFunctionTestHarnesses.forKeyedProcessFunction(new LatestRiskSnapshot(),
                             RiskSnapshot::enterpriseId, Types.STRING)) {
            harness.processElement(snapshot("E1", 30, "2025-06-01T00:00:00Z"), 0);
            harness.processElement(snapshot("E1", 70, "2025-06-03T00:00:00Z"), 0);
            harness.processElement(snapshot("E1", 50, "2025-06-02T00:00:00Z"), 0); // older, arrives last
            harness.processElement(snapshot("E2", 20, "2025-06-01T00:00:00Z"), 0);
            assertThat(harness.extractOutputValues()).isEmpty();

            harness.processWatermark(Long.MAX_VALUE);

            assertThat(harness.extractOutputValues()).extracting(RiskSnapshot::enterpriseId, RiskSnapshot::score)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("E1", 70.0),
                            org.assertj.core.groups.Tuple.tuple("E2", 20.0));
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }
}
