package org.laborwatch.rules.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** campaign.yaml read, and every mistake in it told by its line, through the validator like a rule's. */
class CampaignTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String WINTER = """
            name: 2026冬季根治欠薪专项行动
            from: 2025-12-15
            until: 2026-02-17
            """;
    private static final String RULE = """
            package laborwatch.test
            import org.laborwatch.rules.feature.EnterpriseFeatures
            import org.laborwatch.rules.ruleset.Findings
            global Findings hits
            rule "r" @id("T-1") @points(1) @agencies("HRSS")
            when
                $f : EnterpriseFeatures( complaints30d > 0 )
            then
                hits.add(drools.getRule(), "x");
            end
            """;

    private static RuleSet campaign(String yaml) {
        return new RuleSet("winter-1", Map.of("t.drl", RULE, Campaign.FILE, yaml));
    }

    @Test
    void shouldReadTheScheduleOfACampaign() throws Exception {
        assertThat(Campaign.of(campaign(WINTER))).contains(new Campaign("2026冬季根治欠薪专项行动",
                LocalDate.of(2025, 12, 15), LocalDate.of(2026, 2, 17)));
    }

    @Test
    void shouldTakeARuleSetWithoutCampaignFileForABaseSet() throws Exception {
        assertThat(Campaign.of(new RuleSet("v", Map.of("t.drl", RULE)))).isEmpty();
    }

    @Test
    void shouldCoverBothWholeDaysInTheCitysZone() {
        Campaign winter = new Campaign("w", LocalDate.of(2025, 12, 15), LocalDate.of(2026, 2, 17));

        assertThat(winter.covers(Instant.parse("2025-12-14T15:59:59Z"), SHANGHAI)).as("23:59:59 the day before")
                .isFalse();
        assertThat(winter.covers(Instant.parse("2025-12-14T16:00:00Z"), SHANGHAI)).as("00:00 of from").isTrue();
        assertThat(winter.covers(Instant.parse("2026-02-17T15:59:59Z"), SHANGHAI)).as("23:59:59 of until").isTrue();
        assertThat(winter.covers(Instant.parse("2026-02-17T16:00:00Z"), SHANGHAI)).as("the day after").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "missing name     | `from: 2025-12-15\\nuntil: 2026-02-17\\n`              | 0 | a campaign needs a name",
        "blank name       | `name: \\nfrom: 2025-12-15\\nuntil: 2026-02-17\\n`     | 1 | a campaign needs a name",
        "bad date         | `name: w\\nfrom: 2025-12-32\\nuntil: 2026-02-17\\n`    | 2 | from: '2025-12-32' is not a date",
        "Chinese date     | `name: w\\nfrom: 2025年12月15日\\nuntil: 2026-02-17\\n` | 2 | is not a date; write YYYY-MM-DD",
        "missing until    | `name: w\\nfrom: 2025-12-15\\n`                        | 0 | a campaign needs 'until:'",
        "until before     | `name: w\\nfrom: 2026-02-17\\nuntil: 2025-12-15\\n`    | 3 | until 2025-12-15 is before from 2026-02-17",
        "unknown key      | `name: w\\nfrom: 2025-12-15\\nuntill: 2026-02-17\\n`   | 3 | unknown key 'untill'",
        "not key-value    | `- name: w\\n`                                         | 1 | must be key: value lines",
        "not YAML         | `name: w\\nfrom: [2025\\n`                             | 3 | not YAML",
        "duplicate key    | `name: w\\nname: v\\nfrom: 2025-12-15\\nuntil: 2026-02-17\\n` | 2 | name is given twice, here and on line 1",
    })
    void shouldRejectAMistakeAtItsLine(String name, String yaml, int line, String reason) {
        List<RuleSetRejected.Problem> problems = RuleSetValidator.problems(campaign(yaml.replace("\\n", "\n")));

        assertThat(problems).as(problems.toString()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(Campaign.FILE);
            assertThat(p.line()).isEqualTo(line);
            assertThat(p.message()).contains(reason);
        });
    }

    @Test
    void shouldRefuseToCompileACampaignWithABadSchedule() {
        assertThatThrownBy(() -> RuleSetCompiler.compile(campaign("name: w\nfrom: 2026-02-17\nuntil: 2025-12-15\n")))
                .isInstanceOf(RuleSetRejected.class).hasMessageContaining("campaign.yaml:3: until");
    }

    @Test
    void shouldCompileACampaignFromItsRulesAlone() throws Exception {
        CompiledRuleSet compiled = RuleSetCompiler.compile(campaign(WINTER));

        assertThat(compiled.rules()).extracting(m -> m.id()).containsExactly("T-1");
    }

    @Test
    void shouldStillRejectAnyOtherYamlFile() {
        assertThat(RuleSetValidator.problems(new RuleSet("v", Map.of("t.drl", RULE, "arrears.yaml", "a: 1"))))
                .extracting(RuleSetRejected.Problem::file).containsExactly("arrears.yaml");
    }
}
