package org.laborwatch.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @Test
    void shouldPrintUsageAndFailForAnUnknownCommand() {
        Cli cli = Cli.run("frobnicate");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.output()).contains("unknown command 'frobnicate'").contains("Usage: laborwatch");
    }

    @Test
    void shouldSuggestTheCommandMeantWhenOneIsMisspelt() {
        Cli cli = Cli.run("rules", "valdiate", "../rules/library");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.output()).contains("unknown command 'rules valdiate'").contains("did you mean validate?");
    }

    @Test
    void shouldSuggestTheOptionMeantWhenOneIsMisspelt() {
        Cli cli = Cli.run("run", "--hlep");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.output()).contains("Unknown option: '--hlep'").contains("did you mean --help?")
                .doesNotContain("Missing required");
    }

    @Test
    void shouldListEveryCommandWhenAskedForHelp() {
        Cli cli = Cli.run("help");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.output()).contains("Usage: laborwatch").contains("rules").contains("stack")
                .contains("LW_KAFKA_BOOTSTRAP");
    }

    @Test
    void shouldListEveryCommandAndFailWhenGivenNone() {
        Cli cli = Cli.run();

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.output()).contains("Commands:").contains("generate");
    }

    @Test
    void shouldNameAMissingRequiredOption() {
        Cli cli = Cli.run("run", "--out", "x");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.output()).contains("Missing required option: '--signals=FILE|DIR'");
    }

    @Test
    void shouldRequireAnOutputDirectoryWhenRunningEmbedded(@TempDir Path dir) {
        Cli cli = Cli.run("run", "--signals", dir.toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.output()).contains("--out is required");
    }

    @Test
    void shouldRefuseANumberBelowItsMinimum(@TempDir Path dir) {
        Cli cli = Cli.run("generate", "--out", dir.toString(), "--days", "10");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.output()).contains("--days must be at least 30, got 10");
    }

    @Test
    void shouldRefuseAValueOfTheWrongKind(@TempDir Path dir) {
        Cli cli = Cli.run("generate", "--out", dir.toString(), "--enterprises", "many");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.output()).contains("--enterprises").contains("'many'");
    }

    @Test
    void shouldGenerateACityWithOptionsSpeltEitherWay(@TempDir Path dir) {
        Cli cli = Cli.run("generate", "--out=" + dir, "--enterprises", "20", "--days=30", "--seed", "7");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.output()).contains("for 20 enterprises").contains("ground truth: ");
        assertThat(dir.resolve("signals.jsonl")).isNotEmptyFile();
    }

    @Test
    void shouldListTheRulesOfAValidDirectory() {
        Cli cli = Cli.run("rules", "validate", "../rules/library");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.output()).contains("24 rules in 8 files, all valid").contains("WAGE-001").contains("[critical]");
    }

    @Test
    void shouldReportAProblemWithItsFileAndLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.drl"), """
                package laborwatch.bad
                import java.io.File
                rule "x" @id("X") @points(1) @agencies("HRSS") when then end
                """);

        Cli cli = Cli.run("rules", "validate", dir.toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.output()).contains("bad.drl:2:1").contains("'import java.io.File' is not allowed");
    }

    @Test
    void shouldTestRulesOnScenariosAndFailWhenOneDoesNotHold(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("wages.yaml"), """
                scenarios:
                  - name: 欠薪三个月
                    signals:
                      - {at: day 0, type: WAGE_ARREARS, months: 3}
                    expect: {level: BLUE, fired: [WAGE-001]}
                  - name: 写错的预期
                    signals:
                      - {at: day 0, type: WAGE_ARREARS, months: 3}
                    expect: {level: RED}
                """);

        Cli cli = Cli.run("rules", "test", "../rules/library", "--scenarios", dir.toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.output()).contains("PASSED wages.yaml: 欠薪三个月")
                .contains("FAILED wages.yaml: 写错的预期\n  - level of A at the end: expected RED, got BLUE")
                .contains("2 scenarios, 1 passed, 1 failed");
    }

    @Test
    void shouldSayWhereAScenarioFileIsWrong(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), "scenarios:\n  - name: x\n    signals: []\n    expect: {}\n");

        Cli cli = Cli.run("rules", "test", "../rules/library", "--scenarios", dir.toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.output()).contains("bad.yaml: scenario \"x\" > signals is empty");
    }

    @Test
    void shouldListTheRulesOfADirectoryWithADecisionTable(@TempDir Path dir) throws Exception {
        Files.copy(Path.of("../rules/examples/tables/wage-thresholds.csv"), dir.resolve("wage-thresholds.csv"));
        Files.copy(Path.of("../rules/library/arrears.drl"), dir.resolve("arrears.drl"));

        Cli cli = Cli.run("rules", "validate", dir.toString());

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.output()).contains("9 rules in 2 files, all valid").contains("THR-001").contains("WAGE-001");
    }

    @Test
    void shouldReportAProblemInADecisionTableWithItsRow(@TempDir Path dir) throws Exception {
        String table = Files.readString(Path.of("../rules/examples/tables/wage-thresholds.csv"))
                .replace("THR-002,25,", "THR-002,250,");
        Files.writeString(dir.resolve("thresholds.csv"), table);

        Cli validate = Cli.run("rules", "validate", dir.toString());
        Cli publish = Cli.run("rules", "publish", dir.toString());

        assertThat(validate.exitCode()).isEqualTo(1);
        assertThat(validate.output()).contains("thresholds.csv:11: ").contains("@points(250), expected 0 to 100");
        assertThat(publish.exitCode()).isEqualTo(1);
        assertThat(publish.output()).contains("thresholds.csv:11: ").doesNotContain("published");
    }

    @Test
    void shouldFailClearlyOnAMissingInput(@TempDir Path dir) {
        Cli cli = Cli.run("run", "--signals", dir.resolve("nope.jsonl").toString(), "--out", dir.toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.output()).contains("no such file or directory");
    }

    @Test
    void shouldRefuseToPublishRulesThatDoNotCompileBeforeTouchingKafka(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.drl"), "package laborwatch.bad\nrule \"x\" when nonsense then end\n");

        Cli cli = Cli.run("rules", "publish", dir.toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.output()).contains("bad.drl:2").doesNotContain("published");
    }

    @Test
    void shouldExplainAReplayRangeItCannotRead() {
        Cli unreadable = Cli.run("replay", "--from", "June", "--to", "2025-07-01");
        Cli backwards = Cli.run("replay", "--from", "2025-07-01", "--to", "2025-06-01");

        assertThat(unreadable.exitCode()).isEqualTo(2);
        assertThat(unreadable.output()).contains("--from must be a date like 2025-06-01");
        assertThat(backwards.exitCode()).isEqualTo(2);
        assertThat(backwards.output()).contains("--from must be before --to");
    }

    @Test
    void shouldTakeStackAsAFlagWithoutAValue() {
        Cli cli = Cli.run("run", "--stack", "--out", "x");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.output()).contains("--signals");
    }

    @Test
    void shouldAcceptAFlagGivenTwiceWhenTheLauncherAddsItAgain() {
        Cli cli = Cli.run("demo", "--stack", "--stack", "--embedded"); // stops at the check after parsing

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.output()).contains("--stack and --embedded exclude each other").doesNotContain("only once");
    }

    @Test
    void shouldSayWhereALauncherCommandRunsWhenRunHere() {
        Cli cli = Cli.run("stack");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.output()).contains("'stack' runs in the launcher script: ./laborwatch stack");
    }

    @Test
    void shouldPublishNothingWhenAScenarioFails(@TempDir Path dir) throws Exception {
        copyLibrary(dir);
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(scenarios.resolve("wrong.yaml"), Files.readString(
                Path.of("../rules/library/scenarios/arrears.yaml")).replaceFirst("level: BLUE ", "level: RED  "));

        Cli cli = Cli.run("rules", "publish", dir.toString(), "--wait", "0");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.output()).contains("FAILED").contains("not published: a scenario failed")
                .doesNotContain("published rule set");
    }

    @Test
    void shouldAskForScenariosOrForTheirAbsenceToBeSaidBeforePublishing(@TempDir Path dir) throws Exception {
        copyLibrary(dir);

        Cli cli = Cli.run("rules", "publish", dir.toString(), "--wait", "0");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.output()).contains("no scenario directory").contains("--no-scenarios")
                .doesNotContain("published rule set");
    }

    private static void copyLibrary(Path dir) throws Exception {
        try (var files = Files.list(Path.of("../rules/library"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
    }
}
