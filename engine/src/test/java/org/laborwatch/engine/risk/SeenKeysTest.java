package org.laborwatch.engine.risk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.laborwatch.rules.fact.SignalSource;

class SeenKeysTest {

    @Test
    void shouldKnowARedeliveryWhateverTimeItClaims() {
        SeenKeys seen = new SeenKeys();

        assertThat(seen.add(SignalSource.HRSS, "HR-1", 100)).isTrue();
        assertThat(seen.add(SignalSource.HRSS, "HR-1", 999)).isFalse();
        assertThat(seen.size()).isEqualTo(1);
    }

    @Test
    void shouldKeepTheSameIdFromTwoSourcesApart() {
        SeenKeys seen = new SeenKeys();

        assertThat(seen.add(SignalSource.HRSS, "1", 100)).isTrue();
        assertThat(seen.add(SignalSource.UNION, "1", 100)).isTrue();
        assertThat(seen.add(null, "1", 100)).isTrue();
        assertThat(seen.add(null, "1", 100)).isFalse();
    }

    @Test
    void shouldKeepTheSameIdFromEverySourceApart() {
        SeenKeys seen = new SeenKeys();
        for (SignalSource source : SignalSource.values()) {
            assertThat(seen.add(source, "same-id", 1)).as("%s", source).isTrue();
        }
        assertThat(seen.add(null, "same-id", 1)).isTrue();
    }

    @Test
    void shouldTellApartEveryKeyOfALargeEnterprise() {
        SeenKeys seen = new SeenKeys();
        for (int i = 0; i < 50_000; i++) {
            assertThat(seen.add(SignalSource.values()[i % SignalSource.values().length], "ID-" + i, i)).isTrue();
        }
        for (int i = 0; i < 50_000; i++) {
            assertThat(seen.add(SignalSource.values()[i % SignalSource.values().length], "ID-" + i, i)).isFalse();
        }
        assertThat(seen.size()).isEqualTo(50_000);
    }

    @Test
    void shouldForgetOnlyKeysOlderThanTheCutoff() {
        SeenKeys seen = new SeenKeys();
        for (int i = 0; i < 100; i++) {
            seen.add(SignalSource.COURT, "C-" + i, i);
        }

        seen.removeOlderThan(60);

        assertThat(seen.size()).isEqualTo(40);
        assertThat(seen.add(SignalSource.COURT, "C-70", 70)).isFalse();
        assertThat(seen.add(SignalSource.COURT, "C-10", 10)).isTrue(); // forgotten, so new again
    }
}
