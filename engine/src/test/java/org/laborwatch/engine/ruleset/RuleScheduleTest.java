package org.laborwatch.engine.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.laborwatch.rules.ruleset.Campaign;
import org.laborwatch.rules.ruleset.RuleSet;

/** Which rule set judges a signal, by the signal's day alone. */
class RuleScheduleTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final RuleSet BASE = rules("base-1");
    private static final RuleSchedule.Scheduled WINTER = campaign("winter", "2025-12-15", "2026-02-17");
    /** Starts inside WINTER: the later, more specific drive. */
    private static final RuleSchedule.Scheduled HUANGDAO = campaign("huangdao", "2026-01-20", "2026-02-10");
    /** Starts the same day as HUANGDAO: the name decides. */
    private static final RuleSchedule.Scheduled ANQIU = campaign("anqiu", "2026-01-20", "2026-01-31");

    private static RuleSet rules(String version) {
        return new RuleSet(version, Map.of("t.drl", "// " + version));
    }

    private static RuleSchedule.Scheduled campaign(String name, String from, String until) {
        return new RuleSchedule.Scheduled(new Campaign(name, LocalDate.parse(from), LocalDate.parse(until)),
                rules(name + "-1"));
    }

    /** A time of day in Qingdao, as agencies date their signals. */
    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "before every campaign,               2025-12-14T23:59, base-1",
        "the first minute of the first day,   2025-12-15T00:00, winter-1",
        "inside one campaign,                 2026-01-05T09:00, winter-1",
        "overlap - the later start wins,       2026-02-05T09:00, huangdao-1",
        "same start - the first name wins,     2026-01-25T09:00, anqiu-1",
        "the last minute of the last day,     2026-02-17T23:59, winter-1",
        "after every campaign,                2026-02-18T00:00, base-1",
        "a year later: the campaign is past,  2026-12-20T09:00, base-1",
    })
    void shouldJudgeBySignalDay(String name, String localTime, String version) {
        RuleSchedule schedule = new RuleSchedule(BASE, List.of(WINTER, HUANGDAO, ANQIU), SHANGHAI);

        assertThat(schedule.at(at(localTime)).version()).isEqualTo(version);
    }

    @Test
    void shouldChooseTheSameWhateverOrderTheCampaignsCameIn() {
        Instant overlap = at("2026-01-25T09:00");

        assertThat(new RuleSchedule(BASE, List.of(ANQIU, HUANGDAO, WINTER), SHANGHAI).at(overlap))
                .isEqualTo(new RuleSchedule(BASE, List.of(WINTER, ANQIU, HUANGDAO), SHANGHAI).at(overlap));
    }

    @Test
    void shouldListEveryVersionInUse() {
        assertThat(new RuleSchedule(BASE, List.of(WINTER, HUANGDAO), SHANGHAI).versions())
                .containsExactlyInAnyOrder("base-1", "winter-1", "huangdao-1");
    }
}
