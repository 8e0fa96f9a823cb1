package org.laborwatch.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Main(new PrintStream(printed, true, StandardCharsets.UTF_8)).run(args);
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldPrintUsageAndFailForAnUnknownCommand() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(output()).contains("unknown command 'frobnicate'").contains("usage: laborwatch");
    }

    @Test
    void shouldNameAMissingRequiredOption() {
        assertThat(run("run", "--out", "x")).isEqualTo(2);
        assertThat(output()).contains("--signals is required");
    }

    @Test
    void shouldListTheRulesOfAValidDirectory() {
        assertThat(run("validate-rules", "../rules/library")).isZero();
        assertThat(output()).contains("22 rules in 5 files, all valid").contains("WAGE-001").contains("[critical]");
    }

    @Test
    void shouldReportAProblemWithItsFileAndLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.drl"), """
                package laborwatch.bad
                import java.io.File
                rule "x" @id("X") @points(1) @agencies("HRSS") when then end
                """);

        assertThat(run("validate-rules", dir.toString())).isEqualTo(1);
        assertThat(output()).contains("bad.drl:2").contains("import java.io.File is not allowed");
    }

    @Test
    void shouldFailClearlyOnAMissingInput(@TempDir Path dir) {
        assertThat(run("run", "--signals", dir.resolve("nope.jsonl").toString(), "--out", dir.toString()))
                .isEqualTo(1);
        assertThat(output()).contains("no such file or directory");
    }

    @Test
    void shouldRefuseToPublishRulesThatDoNotCompileBeforeTouchingKafka(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.drl"), "package laborwatch.bad\nrule \"x\" when nonsense then end\n");

        assertThat(run("publish-rules", dir.toString())).isEqualTo(1);
        assertThat(output()).contains("bad.drl:2").doesNotContain("published");
    }

    @Test
    void shouldExplainAReplayRangeItCannotRead() {
        assertThat(run("replay", "--from", "June", "--to", "2025-07-01")).isEqualTo(2);
        assertThat(output()).contains("--from must be a date like 2025-06-01");
        assertThat(run("replay", "--from", "2025-07-01", "--to", "2025-06-01")).isEqualTo(2);
        assertThat(output()).contains("--from must be before --to");
    }

    @Test
    void shouldTakeStackAsAFlagWithoutAValue() {
        assertThat(run("run", "--stack", "--out", "x")).isEqualTo(2);
        assertThat(output()).contains("--signals is required");
    }
}
