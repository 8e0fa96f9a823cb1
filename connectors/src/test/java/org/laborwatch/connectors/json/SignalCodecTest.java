package org.laborwatch.connectors.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.fact.SignalSource;
import org.laborwatch.rules.fact.SignalType;

class SignalCodecTest {
    private static final Instant NOW = Instant.parse("2025-07-01T00:00:00Z");
    private static final String VALID = "91350100M000100Y43";
    private final SignalCodec codec = SignalCodec.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC));

    private static String fixture() throws IOException {
        try (var in = SignalCodecTest.class.getResourceAsStream("/signal.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    @Test
    void shouldDecodeEveryFieldOfTheFixture() throws IOException {
        Decoded decoded = codec.decode(fixture(), "signal.json:1");

        assertThat(decoded).isInstanceOf(Decoded.Accepted.class);
        Signal s = ((Decoded.Accepted) decoded).signal();
        assertThat(s.id()).isEqualTo("HR-2025-000123");
        assertThat(s.type()).isEqualTo(SignalType.WAGE_ARREARS);
        assertThat(s.source()).isEqualTo(SignalSource.HRSS);
        assertThat(s.occurredAt()).isEqualTo(Instant.parse("2025-06-01T01:30:00Z"));
        assertThat(s.amount()).isEqualByComparingTo(new BigDecimal("360000.50"));
        assertThat(s.workers()).isEqualTo(48);
        assertThat(s.months()).isEqualTo(3);
        assertThat(s.district()).isEqualTo("黄岛区");
        assertThat(s.attribute("channel")).isEqualTo("劳动监察");
    }

    /** What the service sends when an agency resolves a case (issue 16): accepted whole, its attributes as text. */
    @Test
    void shouldAcceptACaseOutcomeAsTheServiceSendsIt() {
        String raw = "{\"id\":\"case-outcome:C-2025-0042:1\",\"type\":\"CASE_OUTCOME\",\"enterpriseId\":\"" + VALID
                + "\",\"source\":\"UNION\",\"occurredAt\":\"2025-06-20T16:00:00+08:00\",\"amount\":261800,"
                + "\"workers\":11,\"attributes\":{\"outcome\":\"MEDIATED\",\"caseId\":\"C-2025-0042\","
                + "\"legalAidCases\":\"2\"}}";

        Signal s = ((Decoded.Accepted) codec.decode(raw, "lw.signals")).signal();

        assertThat(s.id()).isEqualTo("case-outcome:C-2025-0042:1");
        assertThat(s.type()).isEqualTo(SignalType.CASE_OUTCOME);
        assertThat(s.source()).isEqualTo(SignalSource.UNION);
        assertThat(s.amount()).isEqualByComparingTo("261800");
        assertThat(s.workers()).isEqualTo(11);
        assertThat(s.attributes()).containsOnly(java.util.Map.entry("outcome", "MEDIATED"),
                java.util.Map.entry("caseId", "C-2025-0042"), java.util.Map.entry("legalAidCases", "2"));
        assertThat(codec.decode(codec.encode(s), "again")).isEqualTo(new Decoded.Accepted(s));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{}                                      | {}",
        "{\"a\":\"1\"}                       | {a=1}",
        "{\"a\":\"1\",\"b\":2}             | {a=1, b=2}",
        "{\"a\":\"1\",\"b\":\"2\",\"c\":true} | {a=1, b=2, c=true}",
        "{\"a\":\"1\",\"a\":\"2\"}       | {a=2}",
        "{\"a\":\"1\",\"b\":\"2\",\"a\":\"3\"} | {a=3, b=2}",
        "{\"a\":\"1\",\"b\":null,\"c\":\"3\"} | {a=1, c=3}",
        "{\"a\":\"1\",\"b\":\"2\",\"b\":\"3\"} | {a=1, b=3}",
        "{\"a\":null,\"a\":\"2\"}          | {a=2}",
        "{\"a\":\"1\",\"a\":null}          | {a=1}",
    })
    void shouldReadAttributesOfAnyCountWithTheLastOfARepeatedKeyWinning(String attributes, String expected) {
        String raw = "{\"id\":\"1\",\"type\":\"COMPLAINT\",\"attributes\":" + attributes + ",\"enterpriseId\":\""
                + VALID + "\",\"occurredAt\":\"2025-06-01T09:30:00+08:00\"}";

        Signal s = ((Decoded.Accepted) codec.decode(raw, "x")).signal();

        assertThat(new java.util.TreeMap<>(s.attributes())).hasToString(expected);
    }

    @Test
    void shouldDecodeTheSameFromBytesAsFromText() throws IOException {
        Signal fromText = ((Decoded.Accepted) codec.decode(fixture(), "x")).signal();

        Decoded fromBytes = codec.decode(fixture().getBytes(StandardCharsets.UTF_8), "signals.jsonl", 7);

        assertThat(((Decoded.Accepted) fromBytes).signal()).isEqualTo(fromText);
    }

    @Test
    void shouldRejectBytesThatAreNotUtf8WithTheirOrigin() throws IOException {
        byte[] bytes = fixture().getBytes(StandardCharsets.UTF_8);
        int quote = fixture().indexOf("黄岛区");
        byte[] broken = java.util.Arrays.copyOf(bytes, bytes.length);
        broken[new String(bytes, StandardCharsets.UTF_8).substring(0, quote).getBytes(StandardCharsets.UTF_8).length]
                = (byte) 0xFF;

        DeadLetter letter = ((Decoded.Rejected) codec.decode(broken, "signals.jsonl", 7)).deadLetter();

        assertThat(letter.reason().code()).isEqualTo(Rejection.MALFORMED_JSON);
        assertThat(letter.origin()).isEqualTo("signals.jsonl:7");
        assertThat(letter.raw()).contains("\uFFFD");
    }

    @Test
    void shouldJudgeARecordLongInBytesButNotInCharactersByItsCharacters() throws IOException {
        String note = "拖欠".repeat(15_000); // 30,000 characters, 90,000 bytes
        String raw = fixture().replace("\"劳动监察\"", "\"" + note + "\"");

        Decoded decoded = codec.decode(raw.getBytes(StandardCharsets.UTF_8), "signals.jsonl", 1);

        assertThat(((Decoded.Accepted) decoded).signal().attribute("channel")).isEqualTo(note);
    }

    @Test
    void shouldRoundTripThroughItsOwnWireForm() throws IOException {
        Signal original = ((Decoded.Accepted) codec.decode(fixture(), "x")).signal();

        Decoded again = codec.decode(codec.encode(original), "y");

        assertThat(((Decoded.Accepted) again).signal()).isEqualTo(original);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malformed JSON     | MALFORMED_JSON   | {\"id\":\"1\",                                                         ",
        "empty line         | MALFORMED_JSON   | ' '",
        "not an object      | NOT_AN_OBJECT    | [1,2,3]",
        "trailing garbage   | MALFORMED_JSON   | {\"id\":\"1\"} x",
        "missing id         | MISSING_FIELD    | {\"type\":\"COMPLAINT\",\"enterpriseId\":\"" + VALID + "\",\"occurredAt\":\"2025-06-01T09:30:00+08:00\"}",
        "missing time       | MISSING_FIELD    | {\"id\":\"1\",\"type\":\"COMPLAINT\",\"enterpriseId\":\"" + VALID + "\"}",
        "unknown type       | UNKNOWN_TYPE     | {\"id\":\"1\",\"type\":\"STRIKE\",\"enterpriseId\":\"" + VALID + "\",\"occurredAt\":\"2025-06-01T09:30:00+08:00\"}",
        "unknown source     | UNKNOWN_SOURCE   | {\"id\":\"1\",\"type\":\"COMPLAINT\",\"source\":\"WEIBO\",\"enterpriseId\":\"" + VALID + "\",\"occurredAt\":\"2025-06-01T09:30:00+08:00\"}",
        "unknown district   | UNKNOWN_DISTRICT | {\"id\":\"1\",\"type\":\"COMPLAINT\",\"district\":\"朝阳区\",\"enterpriseId\":\"" + VALID + "\",\"occurredAt\":\"2025-06-01T09:30:00+08:00\"}",
        "bad credit code    | BAD_CREDIT_CODE  | {\"id\":\"1\",\"type\":\"COMPLAINT\",\"enterpriseId\":\"91350100M000100Y44\",\"occurredAt\":\"2025-06-01T09:30:00+08:00\"}",
        "time lacks offset  | BAD_TIME         | {\"id\":\"1\",\"type\":\"COMPLAINT\",\"enterpriseId\":\"" + VALID + "\",\"occurredAt\":\"2025-06-01T09:30:00\"}",
        "impossible date    | BAD_TIME         | {\"id\":\"1\",\"type\":\"COMPLAINT\",\"enterpriseId\":\"" + VALID + "\",\"occurredAt\":\"2025-02-30T09:30:00+08:00\"}",
        "far-future time    | FUTURE_TIME      | {\"id\":\"1\",\"type\":\"COMPLAINT\",\"enterpriseId\":\"" + VALID + "\",\"occurredAt\":\"2099-01-01T00:00:00+08:00\"}",
        "negative amount    | NEGATIVE_NUMBER  | {\"id\":\"1\",\"type\":\"WAGE_ARREARS\",\"amount\":-5,\"enterpriseId\":\"" + VALID + "\",\"occurredAt\":\"2025-06-01T09:30:00+08:00\"}",
        "negative workers   | NEGATIVE_NUMBER  | {\"id\":\"1\",\"type\":\"WAGE_ARREARS\",\"workers\":-1,\"enterpriseId\":\"" + VALID + "\",\"occurredAt\":\"2025-06-01T09:30:00+08:00\"}",
        "fractional months  | BAD_FIELD        | {\"id\":\"1\",\"type\":\"WAGE_ARREARS\",\"months\":1.5,\"enterpriseId\":\"" + VALID + "\",\"occurredAt\":\"2025-06-01T09:30:00+08:00\"}",
        "amount not number  | BAD_FIELD        | {\"id\":\"1\",\"type\":\"WAGE_ARREARS\",\"amount\":\"lots\",\"enterpriseId\":\"" + VALID + "\",\"occurredAt\":\"2025-06-01T09:30:00+08:00\"}",
        "id not a string    | BAD_FIELD        | {\"id\":7,\"type\":\"COMPLAINT\",\"enterpriseId\":\"" + VALID + "\",\"occurredAt\":\"2025-06-01T09:30:00+08:00\"}",
        "huge exponent      | BAD_FIELD        | {\"id\":\"1\",\"type\":\"WAGE_ARREARS\",\"amount\":1e2147483648,\"enterpriseId\":\"" + VALID + "\",\"occurredAt\":\"2025-06-01T09:30:00+08:00\"}",
        "absurd amount      | BAD_FIELD        | {\"id\":\"1\",\"type\":\"WAGE_ARREARS\",\"amount\":1e400,\"enterpriseId\":\"" + VALID + "\",\"occurredAt\":\"2025-06-01T09:30:00+08:00\"}",
        "ancient time       | BAD_TIME         | {\"id\":\"1\",\"type\":\"COMPLAINT\",\"enterpriseId\":\"" + VALID + "\",\"occurredAt\":\"-999999999-01-01T00:00:00Z\"}",
        "offset past 18:00  | BAD_TIME         | {\"id\":\"1\",\"type\":\"COMPLAINT\",\"enterpriseId\":\"" + VALID + "\",\"occurredAt\":\"2025-06-01T09:30:00+18:30\"}",
        "nested attribute   | BAD_FIELD        | {\"id\":\"1\",\"type\":\"COMPLAINT\",\"attributes\":{\"a\":{\"b\":1}},\"enterpriseId\":\"" + VALID + "\",\"occurredAt\":\"2025-06-01T09:30:00+08:00\"}",
    })
    void shouldRejectWithAStableReason(String name, Rejection expected, String raw) {
        Decoded decoded = codec.decode(raw, "input.jsonl:7");

        assertThat(decoded).isInstanceOf(Decoded.Rejected.class);
        DeadLetter letter = ((Decoded.Rejected) decoded).deadLetter();
        assertThat(letter.reason().code()).isEqualTo(expected);
        assertThat(letter.reason().message()).isNotBlank();
        assertThat(letter.raw()).isEqualTo(raw);
        assertThat(letter.origin()).isEqualTo("input.jsonl:7");
        assertThat(letter.at()).isEqualTo(NOW);
    }

    @Test
    void shouldRejectOversizeRecordAndKeepItsBeginning() {
        String raw = "{\"id\":\"" + "x".repeat(SignalCodec.MAX_RECORD_CHARS) + "\"}";

        DeadLetter letter = ((Decoded.Rejected) codec.decode(raw, "big.jsonl:1")).deadLetter();

        assertThat(letter.reason().code()).isEqualTo(Rejection.OVERSIZE);
        assertThat(letter.truncated()).isTrue();
        assertThat(letter.raw()).hasSize(SignalCodec.MAX_RECORD_CHARS).startsWith("{\"id\":\"xxx");
    }

    @Test
    void shouldAcceptAllowlistedPilotCodeThatFailsTheCheck() {
        String pilot = "91350100M000100Y44";
        String raw = "{\"id\":\"1\",\"type\":\"COMPLAINT\",\"enterpriseId\":\"" + pilot
                + "\",\"occurredAt\":\"2025-06-01T09:30:00+08:00\"}";

        assertThat(codec.withAllowlist(Set.of(pilot)).decode(raw, "x")).isInstanceOf(Decoded.Accepted.class);
    }

    @Test
    void shouldWriteTimesExactlyAsTheJdkFormatterDoes() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (String zone : new String[] {"Asia/Shanghai", "UTC", "America/New_York", "Asia/Kolkata"}) {
            java.time.ZoneId id = java.time.ZoneId.of(zone);
            for (int i = 0; i < 2_000; i++) {
                long seconds = random.nextLong(-2_000_000_000L, 4_000_000_000L);
                int nanos = random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000);
                Instant at = Instant.ofEpochSecond(seconds, random.nextBoolean() ? nanos : nanos / 1_000_000 * 1_000_000);
                assertThat(IsoTime.format(at, id)).isEqualTo(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME
                        .format(java.time.OffsetDateTime.ofInstant(at, id)));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2025-06-01T09:30:00+08:00, 2025-06-01T01:30:00Z",
        "2025-06-01T09:30:00.250+08:00, 2025-06-01T01:30:00.250Z",
        "2025-06-01T01:30:00Z, 2025-06-01T01:30:00Z",
        "2024-02-29T23:59:59-05:30, 2024-03-01T05:29:59Z",
    })
    void shouldReadTimesWithAnyOffset(String text, String expected) {
        assertThat(IsoTime.parse(text)).isEqualTo(Instant.parse(expected));
    }
}
