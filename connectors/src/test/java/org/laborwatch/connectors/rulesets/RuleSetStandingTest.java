package org.laborwatch.connectors.rulesets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.laborwatch.rules.ruleset.RuleSetEvent;

/** What a version's reports add up to: the first decides, later incidents are counted. */
class RuleSetStandingTest {
    private static final Instant AT = Instant.parse("2026-11-30T08:00:00Z");

    private static RuleSetVerdicts.Verdict report(boolean accepted, String... problems) {
        return new RuleSetVerdicts.Verdict(new RuleSetEvent("v-1", accepted, List.of(problems)), AT);
    }

    @Test
    void shouldHaveNoReportWithoutReports() {
        assertThat(RuleSetVerdicts.Standing.of(null)).isEqualTo(
                new RuleSetVerdicts.Standing(Publications.NO_REPORT, List.of(), 0));
        assertThat(RuleSetVerdicts.Standing.of(List.of()).verdict()).isEqualTo(Publications.NO_REPORT);
    }

    @Test
    void shouldStayActivatedAndCountTheIncidentsReportedLater() {
        RuleSetVerdicts.Standing standing = RuleSetVerdicts.Standing.of(List.of(report(true),
                report(true, "rule X-1 \"x\" quarantined: its condition threw ..."), report(true)));

        assertThat(standing).isEqualTo(new RuleSetVerdicts.Standing(Publications.ACTIVATED, List.of(), 1));
    }

    @Test
    void shouldBeRejectedWithTheFirstReportsProblemsWhateverComesAfter() {
        RuleSetVerdicts.Standing standing = RuleSetVerdicts.Standing.of(List.of(report(false, "c.drl:3: bad"),
                report(true)));

        assertThat(standing.verdict()).isEqualTo(Publications.REJECTED);
        assertThat(standing.problems()).containsExactly("c.drl:3: bad");
    }
}
