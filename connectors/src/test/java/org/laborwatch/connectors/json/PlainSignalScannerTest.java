package org.laborwatch.connectors.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.laborwatch.rules.fact.CreditCode;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.fact.SignalSource;
import org.laborwatch.rules.fact.SignalType;

/**
 * Whatever the scanner reads must decode exactly as Jackson's parser decodes it: the same signal, or the same
 * rejection with the same words. The byte path ({@code decode(byte[], ...)}) tries the scanner first; the text path
 * ({@code decode(String, ...)}) always parses with Jackson.
 */
class PlainSignalScannerTest {
    private static final Instant NOW = Instant.parse("2025-07-01T00:00:00Z");
    private final SignalCodec codec = SignalCodec.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC));

    private List<String> validRecords() {
        SplittableRandom random = new SplittableRandom(3);
        List<String> records = new ArrayList<>();
        String[] names = {"青岛海润建筑工程有限公司", "Qingdao Harbour Logistics", "青岛𠀀餐饮管理有限公司", "é"};
        for (int i = 0; i < 200; i++) {
            SignalType type = SignalType.values()[i % SignalType.values().length];
            String code = CreditCode.withCheckCharacter("91370203MA3C" + (10000 + i));
            records.add(codec.encode(new Signal("S-" + i, type, code, names[i % names.length], "市北区", "建筑业",
                    i % 7 == 0 ? null : SignalSource.values()[i % SignalSource.values().length],
                    Instant.parse("2025-03-01T00:00:00Z").plusSeconds(random.nextInt(10_000_000)),
                    i % 3 == 0 ? null : new BigDecimal(random.nextInt(1_000_000) + "." + random.nextInt(10)),
                    i % 4 == 0 ? null : random.nextInt(500), i % 5 == 0 ? null : random.nextInt(12),
                    i % 2 == 0 ? Map.of() : Map.of("complainant", "P" + i, "channel", "法律咨询"))));
        }
        return records;
    }

    /** Shapes the scanner reads itself, and shapes it leaves to Jackson; both must decode as Jackson does. */
    private static List<String> oddRecords(String valid) {
        return List.of(
                " \t{ \"id\" : \"A\" ,\r\n\"type\":\"COMPLAINT\"}\n ",
                valid.replace("\"attributes\":{", "\"attributes\": { "),
                valid.replaceFirst("\\{", "{\"id\":null,\"amount\":null,\"workers\":null,\"months\":null,"),
                valid.replaceFirst("\\{", "{\"attributes\":null,\"id\":\"first\","),
                valid.replaceFirst("\\{", "{\"extra\":{\"nested\":[1,2]},"),
                valid.replaceFirst("\\{", "{\"amount\":-1,"),
                valid.replaceFirst("\\{", "{\"amount\":1e3,"),
                valid.replaceFirst("\\{", "{\"amount\":0.5,"),
                valid.replaceFirst("\\{", "{\"amount\":007,"),
                valid.replaceFirst("\\{", "{\"amount\":" + "9".repeat(2000) + ","),
                valid.replaceFirst("\\{", "{\"workers\":2147483648,"),
                valid.replaceFirst("\\{", "{\"workers\":999999999,"),
                valid.replaceFirst("\\{", "{\"months\":3.0,"),
                valid.replaceFirst("\\{", "{\"id\":\"a\\\"b\","),
                valid.replaceFirst("\\{", "{\"id\":\"\\u0041\","),
                valid.replaceFirst("\\{", "{\"id\":5,"),
                valid.replaceFirst("\\{", "{\"attributes\":{\"n\":5},"),
                valid.replaceFirst("\\{", "{\"attributes\":{},"),
                valid + " x",
                valid + "{}",
                "\uFEFF" + valid,
                "{}",
                "[]",
                "{\"id\":\"A\",}",
                "{\"id\":nul}");
    }

    @Test
    void shouldDecodeWhatItReadsAsJacksonDoes() {
        List<String> valid = validRecords();
        int scanned = 0;
        for (String record : valid) {
            scanned += compare(record.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(scanned).as("every plainly written signal is the scanner's").isEqualTo(valid.size());
        for (String record : oddRecords(valid.get(1))) {
            compare(record.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldDecodeMutatedRecordsAsJacksonDoes() {
        SplittableRandom random = new SplittableRandom(11);
        List<String> valid = validRecords();
        byte[] interesting = "\"\\{}[],:.-+eE0123456789 \t\nnulltrue\u0001".getBytes(StandardCharsets.UTF_8);
        byte[] utf8 = {(byte) 0xc3, (byte) 0xa9, (byte) 0xe4, (byte) 0xb8, (byte) 0xad, (byte) 0xed, (byte) 0xa0,
                (byte) 0x80, (byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80, (byte) 0xc0, (byte) 0xaf,
                (byte) 0xff, (byte) 0xf5};
        int scanned = 0;
        for (int i = 0; i < 30_000; i++) {
            byte[] record = valid.get(random.nextInt(valid.size())).getBytes(StandardCharsets.UTF_8);
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                byte b = random.nextInt(3) == 0 ? utf8[random.nextInt(utf8.length)]
                        : interesting[random.nextInt(interesting.length)];
                record = mutate(record, random, b);
            }
            scanned += compare(record);
        }
        assertThat(scanned).as("mutations the scanner still reads, so the comparison means something")
                .isGreaterThan(2_000);
    }

    private static byte[] mutate(byte[] record, SplittableRandom random, byte b) {
        if (record.length == 0) {
            return new byte[] {b};
        }
        int at = random.nextInt(record.length);
        return switch (random.nextInt(4)) {
            case 0 -> {
                byte[] out = new byte[record.length - 1];
                System.arraycopy(record, 0, out, 0, at);
                System.arraycopy(record, at + 1, out, at, record.length - at - 1);
                yield out;
            }
            case 1 -> {
                byte[] out = new byte[record.length + 1];
                System.arraycopy(record, 0, out, 0, at);
                out[at] = b;
                System.arraycopy(record, at, out, at + 1, record.length - at);
                yield out;
            }
            case 2 -> {
                byte[] out = record.clone();
                out[at] = b;
                yield out;
            }
            default -> java.util.Arrays.copyOf(record, at);
        };
    }

    /** 1 when the scanner read the record (and the decoders agree), 0 when it left it to Jackson. */
    private int compare(byte[] record) {
        if (PlainSignalScanner.scan(record) == null) {
            return 0;
        }
        String text = new String(record, StandardCharsets.UTF_8);
        assertThat(codec.decode(record, "f", 7)).as(text).isEqualTo(codec.decode(text, "f:7"));
        return 1;
    }

    @Test
    void shouldTellWellFormedUtf8AsTheJdkDoes() {
        SplittableRandom random = new SplittableRandom(5);
        var decoder = StandardCharsets.UTF_8.newDecoder();
        for (int i = 0; i < 200_000; i++) {
            byte[] bytes = new byte[1 + random.nextInt(4)];
            for (int k = 0; k < bytes.length; k++) {
                bytes[k] = (byte) (random.nextInt(3) == 0 ? 0x80 + random.nextInt(64) : random.nextInt(256));
            }
            boolean jdk;
            try {
                decoder.reset().decode(java.nio.ByteBuffer.wrap(bytes));
                jdk = true;
            } catch (java.nio.charset.CharacterCodingException e) {
                jdk = false;
            }
            assertThat(PlainSignalScanner.isWellFormedUtf8(bytes, 0, bytes.length)).as("%s",
                    java.util.HexFormat.of().formatHex(bytes)).isEqualTo(jdk);
        }
    }
}
