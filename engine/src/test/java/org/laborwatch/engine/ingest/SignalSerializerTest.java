package org.laborwatch.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.laborwatch.rules.Signals.E1;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.fact.SignalSource;
import org.laborwatch.rules.fact.SignalType;

class SignalSerializerTest {
    private final TypeSerializer<Signal> serializer = SignalTypeInfo.INSTANCE.createSerializer(null);

    static Signal[] signals() {
        Instant at = Instant.parse("2025-06-02T02:00:00.123456789Z");
        return new Signal[] {
            new Signal("HR-1", SignalType.WAGE_ARREARS, E1, "青岛宏达建筑工程有限公司", "黄岛区", "建筑业",
                    SignalSource.HRSS, at, new BigDecimal("700000.50"), 30, 4,
                    Map.of("complainant", "P1", "note", "拖欠四个月工资，涉及30人")),
            new Signal("X", SignalType.CONSULTATION, E1, null, null, null, null, at, null, null, null, Map.of()),
            new Signal("big", SignalType.LAWSUIT, E1, "", "", "", SignalSource.COURT, Instant.EPOCH,
                    new BigDecimal("123456789012345678901234567890.123"), 0, 0, Map.of("", "")),
            new Signal("neg", SignalType.CASE_OUTCOME, E1, "n", "d", "i", SignalSource.JUSTICE,
                    Instant.parse("1990-01-01T00:00:00Z"), new BigDecimal("-1E+3"), -1, Integer.MAX_VALUE,
                    Map.of("outcome", "UNRESOLVED")),
            new Signal("three", SignalType.COMPLAINT, E1, "n", "d", "i", SignalSource.UNION, Instant.EPOCH, null, 3,
                    null, Map.of("complainant", "P9", "channel", "来访", "note", "三项")),
        };
    }

    @ParameterizedTest
    @MethodSource("signals")
    void shouldReadBackExactlyWhatItWrote(Signal signal) throws IOException {
        assertThat(roundTrip(signal)).isEqualTo(signal);
    }

    @Test
    void shouldReadManySignalsFromOneStreamWithOneSerializer() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (Signal s : signals()) {
            serializer.serialize(s, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (Signal s : signals()) {
            assertThat(serializer.deserialize(in)).isEqualTo(s);
        }
        assertThat(in.available()).isZero();
    }

    @Test
    void shouldHandBackTheSameStringForARepeatedDistrictButNeverAWrongOne() throws IOException {
        TypeSerializer<Signal> reader = serializer.duplicate();
        Signal first = signals()[0];
        Signal again = new Signal("HR-2", first.type(), first.enterpriseId(), first.enterpriseName(), "黄岛区",
                "制造业", first.source(), first.occurredAt(), null, null, null, Map.of("note", "另一条"));
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(first, out);
        serializer.serialize(again, out);
        serializer.serialize(again, out);
        for (int i = 0; i < 2_000; i++) { // one-offs that collide with it: they must not evict it
            serializer.serialize(new Signal("X" + i, first.type(), first.enterpriseId(), null, "区" + i, "业" + i,
                    null, first.occurredAt(), null, null, null, Map.of("k" + i, "v" + i)), out);
        }
        serializer.serialize(again, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());

        assertThat(reader.deserialize(in)).isEqualTo(first);
        Signal secondSighting = reader.deserialize(in); // cached from here on
        assertThat(secondSighting).isEqualTo(again);
        assertThat(reader.deserialize(in).district()).isSameAs(secondSighting.district());
        for (int i = 0; i < 2_000; i++) {
            Signal s = reader.deserialize(in);
            assertThat(s.district()).isEqualTo("区" + i);
            assertThat(s.attributes()).containsExactly(Map.entry("k" + i, "v" + i));
        }
        Signal afterOneOffs = reader.deserialize(in);
        assertThat(afterOneOffs).isEqualTo(again);
        assertThat(afterOneOffs.district()).isSameAs(secondSighting.district());
    }

    @Test
    void shouldWriteAttributesInKeyOrderWhateverTheMapIterates() throws IOException {
        Signal base = signals()[1];
        for (Map<String, String> attributes : List.of(Map.of("zeta", "1", "alpha", "2"),
                Map.of("zeta", "1", "mu", "2", "alpha", "3"))) {
            DataOutputSerializer out = new DataOutputSerializer(64);
            serializer.serialize(new Signal(base.id(), base.type(), base.enterpriseId(), null, null, null, null,
                    base.occurredAt(), null, null, null, attributes), out);
            String bytes = new String(out.getCopyOfBuffer(), StandardCharsets.ISO_8859_1);

            List<Integer> positions = attributes.keySet().stream().sorted().map(bytes::indexOf).toList();
            assertThat(positions).isSorted().doesNotContain(-1);
        }
    }

    @Test
    void shouldCopyASerializedSignalAcrossStreams() throws IOException {
        Signal signal = signals()[0];
        DataOutputSerializer first = new DataOutputSerializer(64);
        serializer.serialize(signal, first);
        DataOutputSerializer second = new DataOutputSerializer(64);

        serializer.copy(new DataInputDeserializer(first.getCopyOfBuffer()), second);

        assertThat(second.getCopyOfBuffer()).isEqualTo(first.getCopyOfBuffer());
    }

    @Test
    void shouldAcceptStateWrittenInItsOwnFormatAndRefuseAnother() throws IOException {
        TypeSerializerSnapshot<Signal> written = serializer.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(16);
        written.writeSnapshot(out);
        SignalSerializer.Snapshot read = new SignalSerializer.Snapshot();
        read.readSnapshot(written.getCurrentVersion(), new DataInputDeserializer(out.getCopyOfBuffer()), null);

        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(read).isCompatibleAsIs()).isTrue();
        assertThat(read.restoreSerializer()).isEqualTo(serializer);

        SignalSerializer.Snapshot future = new SignalSerializer.Snapshot();
        DataOutputSerializer futureOut = new DataOutputSerializer(16);
        futureOut.writeInt(SignalSerializer.VERSION + 1);
        future.readSnapshot(1, new DataInputDeserializer(futureOut.getCopyOfBuffer()), null);
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(future).isIncompatible()).isTrue();
        assertThatThrownBy(future::restoreSerializer).hasMessageContaining("format");
    }

    private Signal roundTrip(Signal signal) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(signal, out);
        return serializer.duplicate().deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
