package org.laborwatch.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.laborwatch.engine.generate.SampleGenerator;

/** {@code rules backtest} as a user types it: the library against itself on a small generated city. */
class BacktestCommandTest {
    @TempDir
    static Path dir;
    static Cli backtest;

    @BeforeAll
    static void backtestTheLibraryAgainstItself() throws Exception {
        new SampleGenerator(new SampleGenerator.Options(200, 365, 5, LocalDate.of(2025, 3, 1), 2,
                ZoneId.of("Asia/Shanghai"))).writeTo(dir.resolve("city"));
        backtest = Cli.run("rules", "backtest", "--rules", "../rules/library", "--signals",
                dir.resolve("city").toString(), "--against", "../rules/library", "--out", dir.resolve("bt").toString());
    }

    @Test
    void shouldWriteBothReportsAndSayWhere() {
        assertThat(backtest.exitCode()).as(backtest.output()).isZero();
        assertThat(dir.resolve("bt/report.md")).isRegularFile();
        assertThat(dir.resolve("bt/report.html")).isRegularFile();
        assertThat(backtest.output()).contains("report.md").contains("report.html")
                .contains("ground truth " + dir.resolve("city").resolve("truth.csv"));
    }

    @Test
    void shouldFindNothingChangedWhenTheRuleSetIsBacktestedAgainstItself() throws Exception {
        String md = Files.readString(dir.resolve("bt/report.md"), StandardCharsets.UTF_8);

        assertThat(backtest.output()).contains("0 newly flagged at ORANGE+, 0 no longer; 0 level changes")
                .contains("warned earlier 0, later 0");
        assertThat(md).contains("## 预警质量 (quality against ground truth)");
        assertThat(Files.readAllLines(dir.resolve("bt/changes.csv"))).hasSize(1);
    }

    @Test
    void shouldShowProgressAsALinePerTenthWithoutATerminal() {
        // How many reading lines show depends on how fast the job reads between two polls (ProgressDisplayTest
        // checks each phase's lines); the end of judging always shows.
        assertThat(backtest.output()).contains("研判 judging  100%");
    }

    @Test
    void shouldReportARuleSetThatDoesNotCompileWithoutAStackTrace() throws Exception {
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(broken.resolve("bad.drl"), "package x; rule \"r\" when then nonsense( end",
                StandardCharsets.UTF_8);

        Cli cli = Cli.run("rules", "backtest", "--rules", broken.toString(), "--signals",
                dir.resolve("city").toString(), "--out", dir.resolve("bt-broken").toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.output()).contains("laborwatch: ").doesNotContain("\tat ");
    }

    @Test
    void shouldRequireTheRulesTheSignalsAndAnOutputDirectory() {
        Cli cli = Cli.run("rules", "backtest", "--rules", "../rules/library");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.output()).contains("Missing required options").contains("--signals").contains("--out");
    }
}
