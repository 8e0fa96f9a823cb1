package org.laborwatch.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.laborwatch.connectors.json.Decoded;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.rules.fact.SignalType;

class SampleGeneratorTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static SampleGenerator.Result generate(Path dir, int enterprises, long seed) throws Exception {
        return new SampleGenerator(new SampleGenerator.Options(enterprises, 365, seed, LocalDate.of(2025, 3, 1), 1,
                ZONE)).writeTo(dir);
    }

    @Test
    void shouldWriteTheSameYearForTheSameSeed(@TempDir Path a, @TempDir Path b) throws Exception {
        generate(a, 300, 42);
        generate(b, 300, 42);

        assertThat(Files.readAllLines(a.resolve("signals.jsonl"))).isEqualTo(
                Files.readAllLines(b.resolve("signals.jsonl")));
        assertThat(Files.readAllLines(a.resolve("truth.csv"))).isEqualTo(Files.readAllLines(b.resolve("truth.csv")));
    }

    @Test
    void shouldWriteOnlySignalsTheCodecAccepts(@TempDir Path dir) throws Exception {
        generate(dir, 300, 1);
        SignalCodec codec = SignalCodec.defaults();

        assertThat(Files.readAllLines(dir.resolve("signals.jsonl")))
                .allSatisfy(line -> assertThat(codec.decode(line, "x")).isInstanceOf(Decoded.Accepted.class));
    }

    @Test
    void shouldResembleTheCitysProgrammeAtDefaultSize(@TempDir Path dir) throws Exception {
        SampleGenerator.Result result = generate(dir, 6050, 42);
        List<String> lines = Files.readAllLines(dir.resolve("signals.jsonl"));
        long consultations = lines.stream().filter(l -> l.contains("\"type\":\"" + SignalType.CONSULTATION + "\""))
                .count();

        assertThat(result.enterprises()).hasSize(6050);
        assertThat(consultations).isBetween(17_000L, 23_000L);
        long troubled = result.enterprises().stream().filter(e -> e.profile() == Profile.TROUBLED).count();
        assertThat(troubled).isBetween(150L, 400L);
        assertThat(result.deliveries()).isGreaterThan(result.signals()); // some delivered twice
    }

    @Test
    void shouldPlantMoreEruptionsBeforeTheSpringFestival(@TempDir Path dir) throws Exception {
        SampleGenerator.Result result = generate(dir, 6050, 42);
        LocalDate festival = LocalDate.of(2026, 2, 17);
        long beforeFestival = result.enterprises().stream().filter(e -> e.eruptsOn() != null)
                .filter(e -> !e.eruptsOn().isAfter(festival) && e.eruptsOn().isAfter(festival.minusDays(45))).count();
        long troubled = result.enterprises().stream().filter(e -> e.eruptsOn() != null).count();

        // 45 of ~250 possible days would hold ~18% by chance alone.
        assertThat((double) beforeFestival / troubled).isGreaterThan(0.3);
    }
}
