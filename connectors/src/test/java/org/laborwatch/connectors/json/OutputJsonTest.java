package org.laborwatch.connectors.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.laborwatch.rules.fact.SignalType;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.Hit;
import org.laborwatch.rules.risk.RiskLevel;
import org.laborwatch.rules.risk.RiskSnapshot;
import org.laborwatch.rules.risk.SignalSummary;

/** The hand-written writer must produce exactly what data binding with the codec's settings produces. */
class OutputJsonTest {
    private static final ZoneId CITY = ZoneId.of("Asia/Shanghai");
    private static final ObjectMapper BINDING = RecordCodec.newMapper(CITY);
    private static final Instant AT = Instant.parse("2025-06-01T01:30:00Z");

    static List<Alert> alerts() {
        Hit wages = new Hit("WAGE-001", 30, "拖欠工资已达 3 个月", List.of("S1", "S2"), AT,
                List.of(Agency.HRSS, Agency.UNION), false);
        Hit oddText = new Hit("ODD-\"1\"", -5, "引号 \" 反斜杠 \\ 换行 \n 制表 \t 控制 \u0001 表情 \uD83D\uDE00", List.of(),
                Instant.parse("2025-06-01T01:30:00.123456789Z"), List.of(), true);
        return List.of(
                new Alert("id-1", "91350100M000100Y43", "青岛海润建筑工程有限公司", "黄岛区", "建筑业", RiskLevel.ORANGE,
                        RiskLevel.YELLOW, 62.5, 45.0, AT, "S1", "v1", false, List.of(Agency.HRSS, Agency.UNION),
                        List.of(wages), List.of(new SignalSummary("S1", SignalType.WAGE_ARREARS, AT, 360000.0, 48,
                        3))),
                new Alert("id-2", "91350100M000100Y43", null, null, null, RiskLevel.RED, null, 1e-7, 1.0e21,
                        Instant.parse("1970-01-01T00:00:00Z"), null, null, true, List.of(),
                        List.of(wages, oddText), List.of(new SignalSummary("S2", SignalType.COMPLAINT,
                        Instant.parse("2024-02-29T23:59:59.5Z"), null, null, null), new SignalSummary("S3", null,
                        null, 0.1 + 0.2, 0, 0))),
                new Alert("id-3", "e", "n", "d", "i", RiskLevel.BLUE, RiskLevel.NONE, Double.NaN,
                        Double.POSITIVE_INFINITY, null, "t", "v", false, List.of(Agency.COURT), List.of(), List.of()));
    }

    static List<RiskSnapshot> snapshots() {
        Hit hit = new Hit("SI-001", 10, "欠缴社会保险费 2 个月", List.of("S1"), AT, List.of(Agency.HRSS), false);
        return List.of(
                new RiskSnapshot("91350100M000100Y43", "青岛海润建筑工程有限公司", "黄岛区", "建筑业", 24.3, RiskLevel.BLUE,
                        AT, List.of(hit), Map.of("arrearsMonths", 2.0, "complaints30d", 0.0, "amount", 64800.5),
                        "library-1"),
                new RiskSnapshot("e", null, null, null, 0.0, null, null, List.of(), Map.of(), null));
    }

    /** What files, Kafka and Elasticsearch received before: data binding's UTF-8 output. */
    private static String bound(Object value) throws Exception {
        return new String(BINDING.writeValueAsBytes(value), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @MethodSource("alerts")
    void shouldWriteAlertsAsDataBindingDoes(Alert alert) throws Exception {
        assertThat(RecordCodec.alerts(CITY).encode(alert)).isEqualTo(bound(alert));
    }

    @ParameterizedTest
    @MethodSource("snapshots")
    void shouldWriteRiskSnapshotsAsDataBindingDoes(RiskSnapshot snapshot) throws Exception {
        assertThat(RecordCodec.riskSnapshots(CITY).encode(snapshot)).isEqualTo(bound(snapshot));
    }
}
