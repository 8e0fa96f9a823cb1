package org.laborwatch.engine.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.engine.embedded.EmbeddedRun;
import org.laborwatch.engine.generate.GroundTruth;
import org.laborwatch.engine.generate.SampleGenerator;
import org.laborwatch.engine.report.Quality;
import org.laborwatch.engine.risk.RiskConfig;
import org.laborwatch.rules.risk.RiskLevel;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSets;

/**
 * A backtest of a small generated city with a known truth: the bundled library, and a copy of it in which one
 * precursor rule weighs four times as much. Two runs, shared by every test.
 */
class BacktestTest {
    private static final Path LIBRARY = Path.of("..", "rules", "library");
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @TempDir
    static Path dir;
    static GroundTruth truth;
    static Backtest backtest;
    static BacktestResult library;
    static BacktestResult raised;

    @BeforeAll
    static void backtestBothRuleSets() throws Exception {
        var city = new SampleGenerator(new SampleGenerator.Options(300, 365, 11, LocalDate.of(2025, 3, 1), 1, ZONE))
                .writeTo(dir.resolve("city"));
        truth = GroundTruth.read(city.truth());
        backtest = new Backtest(new Backtest.Options(city.files(), truth, SignalCodec.defaults(),
                RiskConfig.defaults(), 2));
        library = backtest.run(RuleSets.fromDirectory(LIBRARY, null), dir.resolve("library"),
                EmbeddedRun.Progress.NONE);
        raised = backtest.run(raisedCopy(), dir.resolve("raised"), EmbeddedRun.Progress.NONE);
    }

    /** The library with PRE-001 (social-insurance and utility arrears) at 60 points instead of 15. */
    private static RuleSet raisedCopy() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("raised-rules"));
        try (var files = Files.list(LIBRARY)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        Path precursors = copy.resolve("precursors.drl");
        String drl = Files.readString(precursors, StandardCharsets.UTF_8);
        assertThat(drl).contains("@id(\"PRE-001\") @points(15)");
        Files.writeString(precursors, drl.replace("@id(\"PRE-001\") @points(15)", "@id(\"PRE-001\") @points(60)"),
                StandardCharsets.UTF_8);
        return RuleSets.fromDirectory(copy, null);
    }

    @Test
    void shouldScoreTheAlertsAsTheRunReportDoes() {
        Quality expected = Quality.of(library.alerts(), truth, ZONE);

        assertThat(library.quality()).isEqualTo(expected);
        assertThat(library.quality().truePositives()).isPositive();
    }

    @Test
    void shouldCountEveryAlertInExactlyOneWeekAndLevel() {
        int perWeek = library.weeklyByLevel().values().stream()
                .flatMap(week -> week.values().stream()).mapToInt(Integer::intValue).sum();

        assertThat(library.alerts()).isNotEmpty();
        assertThat(perWeek).isEqualTo(library.alerts().size());
        assertThat(library.weeklyByLevel().keySet()).allMatch(week -> week.matches("\\d{4}-W\\d{2}"));
    }

    @Test
    void shouldCountAnAlertForEveryAgencyItIsRoutedTo() {
        int routed = library.alerts().stream().mapToInt(a -> a.agencies().size()).sum();

        assertThat(library.totalsByAgency().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(routed);
    }

    @Test
    void shouldCountTheInputLines() throws Exception {
        long lines = 0;
        for (Path file : EmbeddedRun.signalFiles(dir.resolve("city"))) {
            lines += Files.readAllLines(file, StandardCharsets.UTF_8).size();
        }

        assertThat(backtest.lines()).isEqualTo(lines).isEqualTo(library.inputs().lines());
        assertThat(library.inputs().read()).isEqualTo(lines);
    }

    @Test
    void shouldFindNoChangeWhenARuleSetIsComparedWithItsOwnResult() {
        Comparison same = Comparison.of(library, library, truth);

        assertThat(same.changes()).isEmpty();
        assertThat(same.workload()).allMatch(w -> w.before() == w.after());
        assertThat(same.leads()).allMatch(l -> l.gain() == 0);
    }

    @Test
    void shouldNameTheEnterprisesARaisedRuleNewlyFlags() {
        Comparison c = Comparison.of(library, raised, truth);

        List<Comparison.Change> newly = c.newlyFlagged(RiskLevel.ORANGE);
        assertThat(newly).isNotEmpty().allSatisfy(change -> {
            assertThat(change.name()).isNotBlank();
            assertThat(library.enterprises().get(change.enterpriseId()) == null
                    || !library.enterprises().get(change.enterpriseId()).flagged(RiskLevel.ORANGE)).isTrue();
            assertThat(raised.enterprises().get(change.enterpriseId()).flagged(RiskLevel.ORANGE)).isTrue();
        });
        assertThat(raised.flagged(RiskLevel.ORANGE)).isGreaterThan(library.flagged(RiskLevel.ORANGE));
        assertThat(raised.flagged(RiskLevel.ORANGE) - library.flagged(RiskLevel.ORANGE))
                .isEqualTo(newly.size() - c.noLongerFlagged(RiskLevel.ORANGE).size());
    }

    @Test
    void shouldCountEveryEnterpriseEitherSetAlertedOnceInTheLevelMatrix() {
        Comparison c = Comparison.of(library, raised, truth);
        long either = Stream.concat(library.enterprises().keySet().stream(),
                raised.enterprises().keySet().stream()).distinct().count();

        int total = 0;
        for (RiskLevel before : RiskLevel.values()) {
            for (RiskLevel after : RiskLevel.values()) {
                total += c.enterprises(before, after);
            }
        }
        assertThat(total).isEqualTo(either);
    }

    @Test
    void shouldMeasureLeadChangesOfTroubledEnterprisesAgainstTheTruth() {
        Comparison c = Comparison.of(library, raised, truth);

        assertThat(c.leads()).isNotEmpty().allSatisfy(lead ->
                assertThat(truth.entries().get(lead.enterpriseId()).troubled()).isTrue());
        assertThat(c.warnedEarlier() + c.warnedLater() + c.warnedSameDay() + c.warnedOnlyByBaseline()
                + c.warnedOnlyByCandidate()).isEqualTo(c.leads().size());
        // Raising a precursor can only bring a first ORANGE+ forward or keep it: scores only go up.
        assertThat(c.warnedLater()).isZero();
    }

    @Test
    void shouldWriteAReportThatOpensOfflineWithItsChartsAndTables() throws Exception {
        Path out = dir.resolve("report");
        BacktestRun run = new BacktestRun(EmbeddedRun.signalFiles(dir.resolve("city")),
                dir.resolve("city").resolve(GroundTruth.FILE_NAME), raised, library, Comparison.of(library, raised,
                truth), Duration.ofSeconds(1));

        BacktestReport.write(out, run);

        String html = Files.readString(out.resolve(BacktestReport.HTML), StandardCharsets.UTF_8);
        String md = Files.readString(out.resolve(BacktestReport.MARKDOWN), StandardCharsets.UTF_8);
        assertThat(html).contains("Chart.js v4.4.1").contains("new Chart(").contains("id=\"workload\"")
                .doesNotContain("src=\"http").doesNotContain("href=\"http").doesNotContain("sourceMappingURL");
        assertThat(md).contains("## 预警质量 (quality against ground truth)").contains("| 精确率 (precision) |")
                .contains("新增橙色及以上预警企业").contains(library.ruleSetVersion()).contains(raised.ruleSetVersion());
        assertThat(Files.readAllLines(out.resolve(BacktestReport.CHANGES_CSV))).hasSize(
                Comparison.of(library, raised, truth).changes().size() + 1);
    }

    @Test
    void shouldEscapeTextThatLooksLikeMarkup() {
        assertThat(HtmlReport.escape("<script>\"甲&乙'</script>"))
                .isEqualTo("&lt;script&gt;&quot;甲&amp;乙&#39;&lt;/script&gt;");
    }

    @Test
    void shouldPutEveryWeekBetweenTheFirstAndLastAlertOnTheAxis() {
        BacktestRun run = new BacktestRun(List.of(), null, library, null, null, Duration.ZERO);

        List<String> weeks = BacktestReport.weeks(run);

        assertThat(weeks).first().isEqualTo(library.weeklyByLevel().firstKey());
        assertThat(weeks).last().isEqualTo(library.weeklyByLevel().lastKey());
        assertThat(weeks).containsAll(library.weeklyByLevel().keySet()).doesNotHaveDuplicates().isSorted();
    }
}
