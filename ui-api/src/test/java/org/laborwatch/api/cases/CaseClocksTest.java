package org.laborwatch.api.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.RiskLevel;

/** A case's clocks are timestamps: which deadline runs, when it is overdue, whether it was met, what quiets alerts. */
class CaseClocksTest {
    private static final Instant OPENED = Instant.parse("2026-11-30T01:00:00Z");
    private final Sla sla = new Sla(Duration.ofHours(4), Duration.ofDays(7), Duration.ofHours(24), Duration.ofDays(15),
            Duration.ofHours(72), Duration.ofDays(30));

    @Test
    void shouldRunTheAcceptClockUntilAcceptedThenTheResolveClockUntilResolved() {
        Case open = opened(RiskLevel.RED);
        assertThat(open.nextDueAt()).isEqualTo(OPENED.plus(Duration.ofHours(4)));
        assertThat(open.overdueAt(OPENED.plus(Duration.ofHours(4)))).isFalse();
        assertThat(open.overdueAt(OPENED.plus(Duration.ofHours(4)).plusSeconds(1))).isTrue();

        Case.Builder accepting = open.edit();
        accepting.state = CaseState.ACCEPTED;
        accepting.acceptedAt = OPENED.plus(Duration.ofHours(5));
        Case accepted = accepting.build(accepting.acceptedAt);
        assertThat(accepted.nextDueAt()).isEqualTo(OPENED.plus(Duration.ofDays(7)));
        assertThat(accepted.acceptedOnTime()).isFalse();
        assertThat(accepted.resolvedOnTime()).isNull();

        Case.Builder resolving = accepted.edit();
        resolving.state = CaseState.RESOLVED;
        resolving.resolvedAt = OPENED.plus(Duration.ofDays(6));
        Case resolved = resolving.build(resolving.resolvedAt);
        assertThat(resolved.nextDueAt()).as("no clock runs once resolved").isNull();
        assertThat(resolved.overdueAt(OPENED.plus(Duration.ofDays(365)))).isFalse();
        assertThat(resolved.resolvedOnTime()).isTrue();
    }

    @Test
    void shouldGiveEachLevelItsClocksAndPriority() {
        assertThat(sla.acceptDue(RiskLevel.ORANGE, OPENED)).isEqualTo(OPENED.plus(Duration.ofHours(24)));
        assertThat(sla.resolveDue(RiskLevel.YELLOW, OPENED)).isEqualTo(OPENED.plus(Duration.ofDays(30)));
        assertThat(sla.acceptDue(RiskLevel.BLUE, OPENED)).as("below YELLOW: YELLOW's clocks")
                .isEqualTo(OPENED.plus(Duration.ofHours(72)));
        assertThat(List.of(Sla.basePriority(RiskLevel.RED), Sla.basePriority(RiskLevel.ORANGE),
                Sla.basePriority(RiskLevel.YELLOW))).containsExactly(3, 2, 1);
    }

    @Test
    void shouldQuietAlertsBelowTheCaseOrDuringASilence() {
        Case red = opened(RiskLevel.RED);
        assertThat(Quiet.notifies(red, RiskLevel.ORANGE, OPENED)).isFalse();
        assertThat(Quiet.notifies(red, RiskLevel.RED, OPENED)).isTrue();

        Case.Builder silencing = red.edit();
        silencing.silences.add(new Silence(OPENED, "union-lead", OPENED.plus(Duration.ofHours(72)), "调解期间"));
        Case silenced = silencing.build(OPENED);
        assertThat(Quiet.notifies(silenced, RiskLevel.RED, OPENED.plus(Duration.ofHours(71)))).isFalse();
        assertThat(Quiet.notifies(silenced, RiskLevel.RED, OPENED.plus(Duration.ofHours(72)))).isTrue();
    }

    private Case opened(RiskLevel level) {
        Instant acceptDue = sla.acceptDue(level, OPENED);
        return new Case("91370213MA3C8XTT4Q-1", "91370213MA3C8XTT4Q", "青岛某某建筑有限公司", "李沧区", "建筑业", level,
                Sla.basePriority(level), CaseState.OPEN, Agency.HRSS, List.of(Agency.HRSS, Agency.UNION),
                CaseOrigin.ALERT, null, List.of("a-1"), OPENED, "system", acceptDue, sla.resolveDue(level, OPENED),
                acceptDue, null, null, null, null, List.of(), List.of(), List.of(), List.of(), List.of(), null, 0,
                false, List.of(), OPENED, null, null);
    }
}
