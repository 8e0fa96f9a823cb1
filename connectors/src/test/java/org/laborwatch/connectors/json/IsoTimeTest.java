package org.laborwatch.connectors.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoTimeTest {
    private static final ZoneId CITY = ZoneId.of("Asia/Shanghai");

    private static String jdk(Instant instant, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(instant, zone));
    }

    @Test
    void shouldFormatAsTheJdkDoesAcrossCenturiesAndFractions() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong(Instant.parse("1800-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("2200-01-01T00:00:00Z").getEpochSecond());
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(IsoTime.format(instant, CITY)).as("%s", instant).isEqualTo(jdk(instant, CITY));
        }
    }

    @Test
    void shouldFormatTheLongestTimesIntoItsBuffer() {
        ZoneId lmt = ZoneId.of("Asia/Shanghai"); // +08:05:43 before 1901: an offset with seconds
        for (Instant instant : new Instant[] {Instant.parse("-999999999-01-01T00:00:00Z").plusSeconds(86_400),
                Instant.parse("+999999999-12-30T23:59:59.999999999Z"), Instant.parse("1850-06-01T00:00:00.123456789Z"),
                Instant.EPOCH}) {
            char[] out = new char[IsoTime.MAX_LENGTH];
            int length = IsoTime.format(instant, lmt, out);
            assertThat(new String(out, 0, length)).isEqualTo(jdk(instant, lmt));
        }
    }

    @Test
    void shouldReadWhatItWrites() {
        Instant instant = Instant.parse("2025-06-01T01:30:00.5Z");
        assertThat(IsoTime.parse(IsoTime.format(instant, CITY))).isEqualTo(instant);
    }
}
