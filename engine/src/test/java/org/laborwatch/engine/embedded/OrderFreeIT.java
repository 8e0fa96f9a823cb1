package org.laborwatch.engine.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.laborwatch.connectors.json.DeadLetter;
import org.laborwatch.connectors.json.Rejection;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.engine.generate.MessyDeliveries;
import org.laborwatch.engine.risk.EnterpriseRiskFunction;
import org.laborwatch.engine.risk.RiskConfig;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.rules.ruleset.RuleSets;
import org.laborwatch.rules.ruleset.SessionMode;

/**
 * A year as agencies deliver it ({@link MessyDeliveries}: any order, redeliveries, outliers) judged from its lines
 * in event-time order and in several random orders split into files at random places: the alerts and risk snapshots
 * must be the same to the byte, the dead letters the same records, and no good line may be among them.
 */
class OrderFreeIT {
    @TempDir
    static Path dir;
    static MessyDeliveries year;
    static EmbeddedRun.Outcome sorted;

    @BeforeAll
    static void judgeTheSortedYear() throws Exception {
        year = MessyDeliveries.of(600, 17, dir.resolve("city"));
        sorted = run(MessyDeliveries.write(year.sorted(), 1, 0, dir.resolve("sorted")), dir.resolve("out-sorted"));
    }

    private static EmbeddedRun.Outcome run(List<Path> files, Path out) throws Exception {
        return EmbeddedRun.run(new EmbeddedRun.Options(files, out, RuleSets.bundled(),
                EvaluatorFactory.drools(SessionMode.LONG_LIVED), RiskConfig.defaults(), SignalCodec.defaults(), 2));
    }

    @ParameterizedTest(name = "shuffled with seed {0}, in {1} file(s)")
    @CsvSource({"1, 1", "2, 3", "3, 4"})
    void shouldJudgeAnyOrderAndSplitOfTheLinesAsTheSortedYear(long seed, int files) throws Exception {
        Path out = dir.resolve("out-" + seed);
        EmbeddedRun.Outcome shuffled = run(MessyDeliveries.write(year.shuffled(seed), files, seed,
                dir.resolve("shuffled-" + seed)), out);

        assertThat(sorted.outputs().alerts()).hasSizeGreaterThan(100);
        assertThat(bytes(shuffled.outputs().alertsFile())).isEqualTo(bytes(sorted.outputs().alertsFile()));
        assertThat(bytes(shuffled.outputs().riskFile())).isEqualTo(bytes(sorted.outputs().riskFile()));
        assertThat(shuffled.outputs().deadLetters()).map(OrderFreeIT::whatWasRejected)
                .isEqualTo(sorted.outputs().deadLetters().stream().map(OrderFreeIT::whatWasRejected).toList());
        for (String counter : List.of(EnterpriseRiskFunction.ACC_JUDGED, EnterpriseRiskFunction.ACC_DUPLICATES,
                EnterpriseRiskFunction.ACC_ALERTS)) {
            assertThat(shuffled.counter(counter)).as(counter).isEqualTo(sorted.counter(counter));
        }
    }

    @Test
    void shouldRejectOnlyTheSignalsDatedPastAnyClock() {
        assertThat(sorted.outputs().deadLetters()).hasSize(MessyDeliveries.FUTURE)
                .allSatisfy(d -> assertThat(d.reason().code()).isEqualTo(Rejection.FUTURE_TIME));
        assertThat(sorted.counter(EnterpriseRiskFunction.ACC_LATE_JUDGED)).as("nothing in a file is late").isZero();
    }

    /** A dead letter without where and when it was rejected: those name the line, which the order moves. */
    private static String whatWasRejected(DeadLetter d) {
        return d.reason().code() + " " + d.reason().message() + " " + d.raw();
    }

    private static String bytes(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
