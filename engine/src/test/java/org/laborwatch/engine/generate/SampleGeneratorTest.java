package org.laborwatch.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.laborwatch.connectors.json.Decoded;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.rules.fact.Signal;
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

    @Test
    void shouldPlantASlowDeclineWithNoWageArrearsOrComplaintsBeforeTheEruption(@TempDir Path dir) throws Exception {
        SampleGenerator.Result result = new SampleGenerator(new SampleGenerator.Options(1500, 365, 3,
                LocalDate.of(2025, 3, 1), 1, ZONE, TroubleShape.SLOW_DECLINE)).writeTo(dir);
        SignalCodec codec = SignalCodec.defaults();
        List<Signal> signals = Files.readAllLines(dir.resolve("signals.jsonl")).stream()
                .map(line -> ((Decoded.Accepted) codec.decode(line, "x")).signal()).toList();
        Map<String, LocalDate> eruptions = new HashMap<>();
        result.enterprises().stream().filter(e -> e.profile() == Profile.TROUBLED)
                .forEach(e -> eruptions.put(e.id(), e.eruptsOn()));
        Map<SignalType, Long> before = signals.stream()
                .filter(s -> eruptions.containsKey(s.enterpriseId()))
                .filter(s -> s.occurredAt().atZone(ZONE).toLocalDate().isBefore(eruptions.get(s.enterpriseId())
                        .minusDays(60)))
                .collect(Collectors.groupingBy(Signal::type, Collectors.counting()));

        assertThat(eruptions).hasSizeGreaterThan(30);
        // Two months and more before its eruption a declining enterprise is seen in arrears of social insurance and
        // in payroll delays, and hardly ever in wage arrears (only the background's rare one-offs).
        assertThat(before.getOrDefault(SignalType.SOCIAL_INSURANCE_ARREARS, 0L)).isGreaterThan(2L * eruptions.size());
        assertThat(before.getOrDefault(SignalType.PAYROLL_DELAY, 0L)).isGreaterThan((long) eruptions.size());
        assertThat(before.getOrDefault(SignalType.WAGE_ARREARS, 0L)).isLessThan(eruptions.size() / 10L + 1);
    }
}
