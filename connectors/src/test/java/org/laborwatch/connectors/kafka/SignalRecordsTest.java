package org.laborwatch.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.laborwatch.connectors.json.Decoded;
import org.laborwatch.connectors.json.Rejection;
import org.laborwatch.connectors.json.SignalCodec;

/** Every Kafka record becomes exactly one decoding result that says where it came from. */
class SignalRecordsTest {
    private final SignalRecords records = new SignalRecords(SignalCodec.defaults(), TypeInformation.of(Decoded.class));

    private List<Decoded> deserialize(byte[] value) {
        List<Decoded> out = new ArrayList<>();
        records.deserialize(new ConsumerRecord<>("lw.signals", 3, 1234L, null, value), new ListCollector<>(out));
        return out;
    }

    @Test
    void shouldDecodeASignal() {
        String json = "{\"id\":\"UN-1\",\"type\":\"COMPLAINT\",\"enterpriseId\":\"91350100M000100Y43\","
                + "\"source\":\"UNION\",\"occurredAt\":\"2025-06-01T09:30:00+08:00\"}";

        assertThat(deserialize(json.getBytes(StandardCharsets.UTF_8))).singleElement()
                .isInstanceOfSatisfying(Decoded.Accepted.class,
                        a -> assertThat(a.signal().enterpriseId()).isEqualTo("91350100M000100Y43"));
    }

    @Test
    void shouldTurnABadRecordIntoADeadLetterPointingAtItsOffset() {
        assertThat(deserialize("{not json".getBytes(StandardCharsets.UTF_8))).singleElement()
                .isInstanceOfSatisfying(Decoded.Rejected.class, r -> {
                    assertThat(r.deadLetter().reason().code()).isEqualTo(Rejection.MALFORMED_JSON);
                    assertThat(r.deadLetter().origin()).isEqualTo("lw.signals/3:1234");
                    assertThat(r.deadLetter().raw()).isEqualTo("{not json");
                });
    }

    @Test
    void shouldKeepATraceOfATombstone() {
        assertThat(deserialize(null)).singleElement().isInstanceOfSatisfying(Decoded.Rejected.class,
                r -> assertThat(r.deadLetter().origin()).isEqualTo("lw.signals/3:1234"));
    }
}
