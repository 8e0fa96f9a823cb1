package org.laborwatch.engine.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.engine.embedded.EmbeddedRun;
import org.laborwatch.engine.generate.Enterprise;
import org.laborwatch.engine.generate.Profile;
import org.laborwatch.engine.generate.SampleGenerator;
import org.laborwatch.engine.risk.RiskConfig;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.rules.risk.RiskSnapshot;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSets;
import org.laborwatch.rules.ruleset.SessionMode;

/** Explaining one enterprise tells what the engine did to it in the whole city's run, step by step. */
class EnterpriseCourseTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @TempDir
    static Path dir;
    static SampleGenerator.Result city;
    static EmbeddedRun.Outcome wholeCity;

    @BeforeAll
    static void runTheCity() throws Exception {
        city = new SampleGenerator(new SampleGenerator.Options(250, 365, 5, LocalDate.of(2025, 3, 1), 2, ZONE))
                .writeTo(dir.resolve("city"));
        wholeCity = EmbeddedRun.run(new EmbeddedRun.Options(city.files(), dir.resolve("whole"), RuleSets.bundled(),
                EvaluatorFactory.drools(SessionMode.LONG_LIVED), RiskConfig.defaults(), SignalCodec.defaults(), 2));
    }

    @Test
    void shouldEndWhereTheWholeCitysRunLeftTheEnterprise(@TempDir Path work) throws Exception {
        Enterprise troubled = city.enterprises().stream().filter(e -> e.profile() == Profile.TROUBLED).findFirst()
                .orElseThrow();

        EnterpriseCourse course = EnterpriseCourse.of(city.files(), troubled.id(), RuleSets.bundled(),
                RiskConfig.defaults(), work);

        RiskSnapshot finalRisk = wholeCity.outputs().risk().stream()
                .filter(r -> r.enterpriseId().equals(troubled.id())).findFirst().orElseThrow();
        List<EnterpriseCourse.Step> judged = course.steps().stream().filter(s -> s.snapshot() != null).toList();
        RiskSnapshot last = judged.get(judged.size() - 1).snapshot();
        assertThat(last.score()).isEqualTo(finalRisk.score());
        assertThat(last.level()).isEqualTo(finalRisk.level());
        assertThat(course.steps()).allSatisfy(s -> assertThat(s.signals()).isNotEmpty()
                .allSatisfy(signal -> assertThat(signal.occurredAt()).isEqualTo(s.at())));
        assertThat(course.steps().stream().flatMap(s -> s.alerts().stream()).map(a -> a.id()).toList())
                .containsExactlyInAnyOrderElementsOf(wholeCity.outputs().alerts().stream()
                        .filter(a -> a.enterpriseId().equals(troubled.id())).map(a -> a.id()).toList());
    }

    @Test
    void shouldTellEachStepsSignalsHitsScoreAndAlertsInChinese(@TempDir Path work) throws Exception {
        Enterprise troubled = city.enterprises().stream().filter(e -> e.profile() == Profile.TROUBLED).findFirst()
                .orElseThrow();
        EnterpriseCourse course = EnterpriseCourse.of(city.files(), troubled.id(), RuleSets.bundled(),
                RiskConfig.defaults(), work);

        String text = new CourseText(ZONE, Duration.ofDays(30)).render(course);

        assertThat(text).startsWith(troubled.name() + "  " + troubled.id()).contains("分数 score")
                .contains("⚑ 预警 alert").contains("在计 counting").contains("特征 features")
                .doesNotContain("complainant=");
        course.steps().stream().flatMap(s -> s.snapshot() == null ? java.util.stream.Stream.empty()
                : s.snapshot().hits().stream()).forEach(h -> assertThat(text).contains(h.ruleId()));
    }

    @Test
    void shouldJudgeTheCampaignsDaysByTheCampaignAndSayBothVersions(@TempDir Path work) throws Exception {
        RuleSet winter = RuleSets.fromDirectory(Path.of("../rules/examples/campaigns/winter-wage-campaign"), null);
        Enterprise troubled = city.enterprises().stream().filter(e -> e.profile() == Profile.TROUBLED).findFirst()
                .orElseThrow();

        EnterpriseCourse course = EnterpriseCourse.of(city.files(), troubled.id(), RuleSets.bundled(),
                List.of(winter), RiskConfig.defaults(), work);

        assertThat(course.ruleSetVersion()).isEqualTo(RuleSets.bundled().version() + " + " + winter.version());
        LocalDate from = LocalDate.of(2025, 12, 15);
        LocalDate until = LocalDate.of(2026, 2, 17);
        course.steps().stream().filter(s -> s.snapshot() != null).forEach(s -> {
            LocalDate day = s.at().atZone(ZONE).toLocalDate();
            boolean inCampaign = !day.isBefore(from) && !day.isAfter(until);
            assertThat(s.snapshot().ruleSetVersion()).as("the set judging %s", day)
                    .isEqualTo(inCampaign ? winter.version() : RuleSets.bundled().version());
        });
    }

    @Test
    void shouldSayWhichEnterpriseItCouldNotFind(@TempDir Path work) {
        assertThatThrownBy(() -> EnterpriseCourse.of(city.files(), "91370200NOSUCHONE0", RuleSets.bundled(),
                RiskConfig.defaults(), work)).isInstanceOf(IOException.class)
                .hasMessageContaining("no signal of enterprise 91370200NOSUCHONE0");
    }
}
