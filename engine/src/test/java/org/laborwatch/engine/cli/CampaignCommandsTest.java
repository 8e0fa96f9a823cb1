package org.laborwatch.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.connectors.kafka.RuleSetPublisher;
import org.laborwatch.rules.Signals;
import org.laborwatch.rules.fact.SignalType;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSets;

/** The commands meeting a campaign directory: what they say of it, and the mix-ups they refuse. */
class CampaignCommandsTest {
    private static final Path WINTER = Path.of("../rules/examples/campaigns/winter-wage-campaign");

    @Test
    void shouldValidateTheExampleCampaignAndShowItsDays() {
        Cli cli = Cli.run("rules", "validate", WINTER.toString());

        assertThat(cli.exitCode()).as(cli.output()).isZero();
        assertThat(cli.output()).contains("a seasonal campaign: 2026冬季根治欠薪专项行动, from 2025-12-15 until "
                + "2026-02-17").contains("CST-004");
    }

    @Test
    void shouldPassTheExampleCampaignsOwnScenarios() {
        Cli cli = Cli.run("rules", "test", WINTER.toString());

        assertThat(cli.exitCode()).as(cli.output()).isZero();
        assertThat(cli.output()).contains("4 scenarios, 4 passed, 0 failed");
    }

    @Test
    void shouldReportABadDayInTheScheduleWithItsLine(@TempDir Path dir) throws IOException {
        copy(WINTER, dir);
        Files.writeString(dir.resolve("campaign.yaml"), "name: 冬季\nfrom: 2025-12-15\nuntil: 2026-02-30\n",
                StandardCharsets.UTF_8);

        Cli cli = Cli.run("rules", "validate", dir.toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.output()).contains("campaign.yaml:3: until: '2026-02-30' is not a date");
    }

    @Test
    void shouldRefuseACampaignGivenAsTheBaseRules(@TempDir Path dir) {
        Cli cli = Cli.run("run", "--signals", dir.toString(), "--out", dir.toString(), "--rules", WINTER.toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.output()).contains("is a campaign").contains("--campaign");
    }

    @Test
    void shouldRefuseACampaignDirectoryWithoutSchedule(@TempDir Path dir) {
        Cli cli = Cli.run("run", "--signals", dir.toString(), "--out", dir.toString(), "--campaign",
                "../rules/library");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.output()).contains("has no campaign.yaml, so it is not a campaign");
    }

    @Test
    void shouldPublishACampaignUnderItsOwnNameAndABaseSetUnderCity() throws Exception {
        RuleSet winter = RuleSets.fromDirectory(WINTER, null);

        assertThat(RuleSetPublisher.nameFor(winter, null)).isEqualTo("2026冬季根治欠薪专项行动");
        assertThat(RuleSetPublisher.nameFor(RuleSets.bundled(), null)).isEqualTo("city");
        assertThat(RuleSetPublisher.nameFor(winter, "winter")).as("--name decides").isEqualTo("winter");
    }

    @Test
    void shouldBacktestWithTheCampaignInForceOnItsDays(@TempDir Path dir) throws IOException {
        Path signals = dir.resolve("signals.jsonl");
        SignalCodec codec = SignalCodec.defaults();
        Files.write(signals, List.of(
                codec.encode(Signals.of(SignalType.PAYROLL_DELAY, Signals.E1, Instant.parse("2026-01-10T01:00:00Z"))),
                codec.encode(Signals.of(SignalType.PAYROLL_DELAY, Signals.E2, Instant.parse("2026-03-10T01:00:00Z")))),
                StandardCharsets.UTF_8);
        String winter = RuleSets.fromDirectory(WINTER, null).version();

        Cli cli = Cli.run("rules", "backtest", "--rules", "../rules/library", "--signals", signals.toString(),
                "--campaign", WINTER.toString(), "--out", dir.resolve("out").toString());

        assertThat(cli.exitCode()).as(cli.output()).isZero();
        assertThat(cli.output()).contains("with campaign " + winter);
        assertThat(Files.readAllLines(dir.resolve("out/rules/alerts.jsonl"), StandardCharsets.UTF_8))
                .singleElement().asString().contains(Signals.E1, "\"ruleSetVersion\":\"" + winter + "\"");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
