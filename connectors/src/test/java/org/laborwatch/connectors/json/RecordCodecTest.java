package org.laborwatch.connectors.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.laborwatch.rules.fact.SignalType;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.Hit;
import org.laborwatch.rules.risk.RiskLevel;
import org.laborwatch.rules.risk.SignalSummary;

class RecordCodecTest {
    private final RecordCodec<Alert> alerts = RecordCodec.alerts(ZoneId.of("Asia/Shanghai"));

    private static Alert alert() {
        Instant at = Instant.parse("2025-06-01T01:30:00Z");
        Hit hit = new Hit("WAGE-001", 30, "拖欠工资已达 3 个月", List.of("S1"), at, List.of(Agency.HRSS, Agency.UNION),
                false);
        return new Alert("id-1", "91350100M000100Y43", "青岛海润建筑工程有限公司", "黄岛区", "建筑业", RiskLevel.ORANGE,
                RiskLevel.YELLOW, 62.5, 45.0, at, "S1", "v1", false, List.of(Agency.HRSS, Agency.UNION), List.of(hit),
                List.of(new SignalSummary("S1", SignalType.WAGE_ARREARS, at, 360000.0, 48, 3)));
    }

    @Test
    void shouldWriteTimesWithTheCityOffset() {
        String json = alerts.encode(alert());

        assertThat(json).contains("\"raisedAt\":\"2025-06-01T09:30:00+08:00\"")
                .contains("\"level\":\"ORANGE\"").contains("拖欠工资已达 3 个月");
    }

    @Test
    void shouldRoundTripAnAlert() {
        Alert original = alert();

        assertThat(alerts.decode(alerts.encode(original))).isEqualTo(original);
    }

    @Test
    void shouldWriteDaysAsIsoDatesWhenARecordHasThem() throws Exception {
        var mapper = RecordCodec.objectMapper(ZoneId.of("Asia/Shanghai"));
        Days days = new Days(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 5, 29));

        String json = mapper.writeValueAsString(days);

        assertThat(json).isEqualTo("{\"from\":\"2025-03-01\",\"until\":\"2025-05-29\"}");
        assertThat(mapper.readValue(json, Days.class)).isEqualTo(days);
    }

    record Days(LocalDate from, LocalDate until) {
    }
}
