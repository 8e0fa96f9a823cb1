package org.laborwatch.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.laborwatch.connectors.json.DeadLetter;
import org.laborwatch.connectors.json.Decoded;
import org.laborwatch.connectors.json.Rejection;

/** Decoding results from the Kafka source read back as written, signals and dead letters alike. */
class DecodedSerializerTest {
    private final TypeSerializer<Decoded> serializer = DecodedTypeInfo.INSTANCE.createSerializer(null);

    @Test
    void shouldReadBackAcceptedSignalsAndDeadLettersInOneStream() throws IOException {
        Decoded[] written = {
            new Decoded.Accepted(SignalSerializerTest.signals()[0]),
            new Decoded.Rejected(new DeadLetter(new DeadLetter.Reason(Rejection.BAD_CREDIT_CODE, "校验位错误"),
                    "{\"id\":\"1\"}", false, "lw.signals/3:1234", Instant.parse("2026-11-26T01:02:03.456Z"))),
            new Decoded.Rejected(new DeadLetter(new DeadLetter.Reason(Rejection.MALFORMED_JSON, "empty record"),
                    null, true, "lw.signals/0:7", Instant.EPOCH)),
            new Decoded.Accepted(SignalSerializerTest.signals()[1]),
        };
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (Decoded d : written) {
            serializer.serialize(d, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (Decoded d : written) {
            assertThat(serializer.deserialize(in)).isEqualTo(d);
        }
        assertThat(in.available()).isZero();
    }

    @Test
    void shouldRestoreFromItsOwnSnapshot() {
        assertThat(serializer.snapshotConfiguration().restoreSerializer()).isEqualTo(serializer);
    }
}
