package org.laborwatch.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.laborwatch.rules.fact.SignalSource;

class EngineConfigTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("laborwatch.properties"), text, StandardCharsets.UTF_8);
    }

    @Test
    void shouldGiveEachSourceTheLatenessOfItsCadence() {
        var lateness = EngineConfig.bundled().risk().lateness();

        assertThat(lateness.of(SignalSource.UTILITY)).isEqualTo(Duration.ofDays(45));
        assertThat(lateness.of(SignalSource.SOCIAL_INSURANCE)).isEqualTo(Duration.ofDays(45));
        assertThat(lateness.of(SignalSource.TAX)).isEqualTo(Duration.ofDays(45));
        assertThat(lateness.of(SignalSource.COURT)).isEqualTo(Duration.ofDays(10));
        assertThat(lateness.of(SignalSource.HOTLINE_12345)).isEqualTo(Duration.ofDays(1));
        assertThat(lateness.longest()).isEqualTo(Duration.ofDays(45));
    }

    @Test
    void shouldReadTheCheckoutsFileAsTheBundledCopy() throws IOException {
        assertThat(EngineConfig.load(Path.of("..").resolve(EngineConfig.IN_CHECKOUT)))
                .isEqualTo(EngineConfig.bundled());
    }

    @Test
    void shouldTakeWhatAFileSetsAndKeepTheRest() throws IOException {
        EngineConfig config = EngineConfig.load(file("lateness.UTILITY = 60d\nstream.out-of-orderness = 90s\n"));

        assertThat(config.risk().lateness().of(SignalSource.UTILITY)).isEqualTo(Duration.ofDays(60));
        assertThat(config.risk().lateness().of(SignalSource.TAX)).isEqualTo(Duration.ofDays(45));
        assertThat(config.stream().outOfOrderness()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.risk().halfLife()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void shouldLetAQuietStreamFollowTheWallClockAfterAMinuteUnlessTurnedOff() throws IOException {
        assertThat(EngineConfig.bundled().stream().idleAdvance()).isEqualTo(Duration.ofSeconds(60));

        assertThat(EngineConfig.load(file("stream.idle-advance = off\n")).stream().idleAdvance()).isNull();
        assertThat(EngineConfig.load(file("stream.idle-advance = 5min\n")).stream().idleAdvance())
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldRefuseAnIdleAdvanceOfNothing() throws IOException {
        Path zero = file("stream.idle-advance = 0s\n");

        assertThatThrownBy(() -> EngineConfig.load(zero)).hasMessageContaining("stream.idle-advance");
    }

    @Test
    void shouldRefuseAKeyItDoesNotKnow() throws IOException {
        Path misspelt = file("lateness.UTILTY = 60d\n");

        assertThatThrownBy(() -> EngineConfig.load(misspelt)).hasMessageContaining("unknown setting")
                .hasMessageContaining("lateness.UTILTY").hasMessageContaining(misspelt.toString());
    }

    @Test
    void shouldRefuseAValueItCannotRead() throws IOException {
        Path bad = file("risk.half-life = thirty days\n");

        assertThatThrownBy(() -> EngineConfig.load(bad)).hasMessageContaining("risk.half-life")
                .hasMessageContaining("not a duration");
    }

    @Test
    void shouldSayWhenTheFileIsMissing() {
        assertThatThrownBy(() -> EngineConfig.load(dir.resolve("nowhere.properties")))
                .isInstanceOf(IOException.class).hasMessageContaining("nowhere.properties");
    }

    @Test
    void shouldReadDurationsInTheUnitsTheFileUses() {
        assertThat(Durations.parse("45d")).isEqualTo(Duration.ofDays(45));
        assertThat(Durations.parse(" 12 h ")).isEqualTo(Duration.ofHours(12));
        assertThat(Durations.parse("30min")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("P45D")).isNull();
        assertThat(Durations.describe(Duration.ofHours(36))).isEqualTo("1.5 d");
        assertThat(Durations.describe(Duration.ofMinutes(90))).isEqualTo("1.5 h");
    }
}
