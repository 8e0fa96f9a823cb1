package org.laborwatch.engine.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.engine.generate.GroundTruth;
import org.laborwatch.engine.generate.SampleGenerator;
import org.laborwatch.engine.report.Quality;
import org.laborwatch.engine.risk.RiskConfig;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.ruleset.RuleSets;
import org.laborwatch.rules.ruleset.SessionMode;

/**
 * A generated city run end to end, twice: once from one file and once from the same signals split over three files
 * read in parallel. Interleaving must not change a single alert.
 */
class GeneratedCityIT {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    @TempDir
    static Path dir;
    static EmbeddedRun.Outcome oneFile;
    static EmbeddedRun.Outcome threeFiles;
    static GroundTruth truth;

    @BeforeAll
    static void generateAndRun() throws Exception {
        var one = new SampleGenerator(new SampleGenerator.Options(800, 365, 7, LocalDate.of(2025, 3, 1), 1, ZONE))
                .writeTo(dir.resolve("one"));
        var three = new SampleGenerator(new SampleGenerator.Options(800, 365, 7, LocalDate.of(2025, 3, 1), 3, ZONE))
                .writeTo(dir.resolve("three"));
        truth = GroundTruth.read(one.truth());
        oneFile = run(one.files(), dir.resolve("out-one"));
        threeFiles = run(three.files(), dir.resolve("out-three"));
    }

    private static EmbeddedRun.Outcome run(List<Path> files, Path out) throws Exception {
        return EmbeddedRun.run(new EmbeddedRun.Options(files, out, RuleSets.bundled(),
                EvaluatorFactory.drools(SessionMode.LONG_LIVED), RiskConfig.defaults(),
                SignalCodec.defaults(), 2));
    }

    private static Set<String> ids(EmbeddedRun.Outcome outcome) {
        return outcome.outputs().alerts().stream().map(Alert::id).collect(Collectors.toSet());
    }

    @Test
    void shouldRaiseTheSameAlertIdsWhateverTheFileSplit() {
        assertThat(ids(oneFile)).isNotEmpty().isEqualTo(ids(threeFiles));
        assertThat(oneFile.outputs().alerts()).isEqualTo(threeFiles.outputs().alerts());
    }

    @Test
    void shouldWarnEarlyAboutMostTroubledEnterprisesWithoutFlaggingTheHealthyOnes() {
        Quality q = Quality.of(oneFile.outputs().alerts(), truth, ZONE);

        assertThat(q.troubled()).isGreaterThan(10);
        assertThat(q.earlyRecall()).as("warned before eruption").isGreaterThan(0.6);
        assertThat(q.precision()).as("ORANGE+ alerts that were real").isGreaterThan(0.6);
        assertThat(q.medianLeadDays()).isGreaterThan(3.0);
    }

    @Test
    void shouldExplainEveryAlert() {
        assertThat(oneFile.outputs().alerts()).allSatisfy(a -> {
            assertThat(a.hits()).isNotEmpty();
            assertThat(a.hits()).allSatisfy(h -> assertThat(h.reason()).isNotBlank());
            assertThat(a.signals()).isNotEmpty();
            assertThat(a.agencies()).isNotEmpty();
        });
    }
}
