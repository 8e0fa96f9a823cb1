package org.laborwatch.engine.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.Hit;
import org.laborwatch.rules.risk.RiskLevel;

class RoutingTest {
    private static Hit hit(String id, Agency... agencies) {
        return new Hit(id, 10, "r", List.of("s"), Instant.EPOCH, List.of(agencies), false);
    }

    @Test
    void shouldLetTheStrongestHitLeadAndOthersFollow() {
        List<Agency> agencies = Routing.agenciesFor(List.of(hit("LAW-001", Agency.COURT, Agency.HRSS, Agency.JUSTICE),
                hit("CMP-001", Agency.UNION, Agency.HRSS)), RiskLevel.ORANGE);

        assertThat(agencies).containsExactly(Agency.COURT, Agency.HRSS, Agency.JUSTICE, Agency.UNION);
    }

    @Test
    void shouldBringInAllFiveAgenciesAtRed() {
        assertThat(Routing.agenciesFor(List.of(hit("WAGE-001", Agency.HRSS, Agency.UNION)), RiskLevel.RED))
                .startsWith(Agency.HRSS).containsExactlyInAnyOrder(Agency.values());
    }

    @Test
    void shouldGiveTheSameIdForTheSameCause() {
        assertThat(AlertIds.of("E", "v1", "S")).isEqualTo(AlertIds.of("E", "v1", "S"))
                .isNotEqualTo(AlertIds.of("E", "v2", "S"));
    }

    @Test
    void shouldOnlyAlertOnALevelAboveWhatTheWindowAlreadyHolds() {
        Suppression suppression = new Suppression(Duration.ofDays(7));
        long day = Duration.ofDays(1).toMillis();

        assertThat(suppression.isNewLevel(RiskLevel.ORANGE, RiskLevel.YELLOW, RiskLevel.ORANGE, 0, 2 * day)).isFalse();
        assertThat(suppression.isNewLevel(RiskLevel.RED, RiskLevel.ORANGE, RiskLevel.ORANGE, 0, 2 * day)).isTrue();
        assertThat(suppression.isNewLevel(RiskLevel.ORANGE, RiskLevel.YELLOW, RiskLevel.ORANGE, 0, 8 * day)).isTrue();
        assertThat(suppression.isNewCritical("COL-001", Map.of("COL-001", 0L), 3 * day)).isFalse();
    }
}
