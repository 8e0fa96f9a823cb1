package org.laborwatch.engine.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.junit.jupiter.api.Test;
import org.laborwatch.rules.Signals;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.fact.SignalSource;
import org.laborwatch.rules.fact.SignalType;
import org.laborwatch.rules.feature.Trace;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.Hit;
import org.laborwatch.rules.risk.RiskLevel;

class EnterpriseStateSerializerTest {
    private static final Instant AT = Instant.parse("2025-06-02T02:00:00.123456789Z");
    /** With ids of their own: the recorded bytes of the current format hold them. */
    private static final List<Signal> WAITING = List.of(
            new Signal("HR-W1", SignalType.WAGE_ARREARS, Signals.E1, "青岛宏达建筑工程有限公司", "黄岛区", "建筑业",
                    SignalSource.HRSS, Signals.day(3), BigDecimal.valueOf(90_000), 12, 2, Map.of()),
            new Signal("UN-W2", SignalType.COMPLAINT, Signals.E1, null, null, null, SignalSource.UNION, Signals.day(4),
                    null, 1, null, Map.of("complainant", "P9")));

    private final TypeSerializer<EnterpriseState> serializer = EnterpriseStateTypeInfo.INSTANCE.createSerializer(null);

    /**
     * Every field set to something other than its default. A new field of {@link EnterpriseState} must be set here
     * too, or {@link #shouldWriteCopyAndReadEveryField} fails.
     */
    static EnterpriseState populated() {
        EnterpriseState s = populatedAsOfFormat2();
        s.settledAt = 2_900L;
        return s;
    }

    /** What format 2 held: everything but the time of the latest settlement. */
    static EnterpriseState populatedAsOfFormat2() {
        EnterpriseState s = populatedAsOfFormat1();
        WAITING.forEach(s::hold);
        return s;
    }

    /** What format 1 (the release of 2026-11-30) held: everything but the waiting signals. */
    static EnterpriseState populatedAsOfFormat1() {
        EnterpriseState s = new EnterpriseState();
        s.enterpriseName = "青岛宏达建筑工程有限公司";
        s.district = "黄岛区";
        s.industry = "建筑业";
        s.history.add(new Trace("HR-1", SignalType.WAGE_ARREARS, 1_000L, 700_000.5, 30, 4, null, null));
        s.history.add(new Trace("UN-2", SignalType.COMPLAINT, 2_000L, 0, 0, 0, "P1", null));
        s.history.add(new Trace("MR-3", SignalType.ENTERPRISE_STATUS, 3_000L, 0, 0, 0, null, "注销"));
        for (int i = 0; i < 20; i++) {
            s.seen.add(SignalSource.COURT, "C-" + i, i);
        }
        s.hits.put("R1", new Hit("R1", 30, "欠薪4个月，涉及30人", List.of("HR-1"), AT,
                List.of(Agency.values()[0], Agency.values()[1]), true));
        s.hits.put("R2", new Hit("R2", 5, "投诉激增", List.of("UN-2", "UN-3"), null, List.of(), false));
        s.score = 35.25;
        s.level = RiskLevel.YELLOW;
        s.lastJudgedAt = 3_000L;
        s.redEpisodes = 2;
        s.lastRedAt = 2_500L;
        s.alertedLevel = RiskLevel.YELLOW;
        s.alertedLevelAt = 2_800L;
        s.criticalAlerted("R1", 1_000L);
        s.ttlTimer = 99_000L;
        s.finalSnapshot = new FinalSnapshot(s.enterpriseName, null, null, 35.25, RiskLevel.YELLOW, 3_000L,
                List.copyOf(s.hits.values()), new double[] {1.5, 0, -2}, "v7");
        return s;
    }

    @Test
    void shouldReadBackEveryField() throws IOException {
        EnterpriseState state = populated();

        assertThat(roundTrip(state)).usingRecursiveComparison().isEqualTo(state);
        assertThat(roundTrip(new EnterpriseState())).usingRecursiveComparison().isEqualTo(new EnterpriseState());
    }

    /**
     * The guard against a field added to the state but not to the serializer: each field, set to a value other than
     * its default, must come back from a write and read, and from a copy.
     */
    @Test
    void shouldWriteCopyAndReadEveryField() throws Exception {
        EnterpriseState state = populated();
        EnterpriseState read = roundTrip(state);
        EnterpriseState copied = serializer.copy(state);
        EnterpriseState fresh = new EnterpriseState();
        for (Field field : EnterpriseState.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            String name = field.getName();
            assertThat(field.get(state)).as("populated() must set " + name + " to something other than its default, "
                            + "and EnterpriseStateSerializer must write, copy and read it (in a new format version)")
                    .usingRecursiveComparison().isNotEqualTo(field.get(fresh));
            assertThat(field.get(read)).as(name + " written and read back").usingRecursiveComparison()
                    .isEqualTo(field.get(state));
            assertThat(field.get(copied)).as(name + " copied").usingRecursiveComparison()
                    .isEqualTo(field.get(state));
        }
    }

    /**
     * State the previous release wrote ({@code enterprise-state-format-1.bin}: {@link #populatedAsOfFormat1} through
     * the serializer of 2026-11-30) reads back whole, with nothing waiting.
     */
    @Test
    void shouldReadTheFormatThePreviousReleaseWrote() throws IOException {
        byte[] written = resource("enterprise-state-format-1.bin");

        EnterpriseState read = EnterpriseStateSerializer.readingFormat(1)
                .deserialize(new DataInputDeserializer(written));

        assertThat(read).usingRecursiveComparison().isEqualTo(populatedAsOfFormat1());
    }

    /**
     * State in format 2 ({@code enterprise-state-format-2.bin}: {@link #populatedAsOfFormat2} through the serializer
     * before settlements) reads back whole, never settled: what Flink's migration of such state on restore reads.
     */
    @Test
    void shouldReadFormat2AsNeverSettled() throws IOException {
        byte[] written = resource("enterprise-state-format-2.bin");

        EnterpriseState read = EnterpriseStateSerializer.readingFormat(2)
                .deserialize(new DataInputDeserializer(written));

        assertThat(read).usingRecursiveComparison().isEqualTo(populatedAsOfFormat2());
        assertThat(read.settledAt).isEqualTo(Long.MIN_VALUE);
    }

    /**
     * The current format, byte for byte: a change to what the serializer writes must come with a new format version
     * that still reads this one. Regenerate only together with such a change ({@code -Dlaborwatch.state.golden=write}).
     */
    @Test
    void shouldWriteTheCurrentFormatExactlyAsRecorded() throws IOException {
        String name = "enterprise-state-format-" + EnterpriseStateSerializer.VERSION + ".bin";
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(populated(), out);
        if ("write".equals(System.getProperty("laborwatch.state.golden"))) {
            Files.write(Path.of("src/test/resources/state").resolve(name), out.getCopyOfBuffer());
        }

        assertThat(out.getCopyOfBuffer()).as("what format " + EnterpriseStateSerializer.VERSION + " writes changed: "
                        + "bump EnterpriseStateSerializer.VERSION, read the old format as it was, and record the new one")
                .isEqualTo(resource(name));
    }

    private static byte[] resource(String name) throws IOException {
        try (var in = EnterpriseStateSerializerTest.class.getResourceAsStream("/state/" + name)) {
            assertThat(in).as(name + " in src/test/resources/state").isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void shouldKeepDedupeKeysWorkingAfterARoundTrip() throws IOException {
        EnterpriseState read = roundTrip(populated());

        assertThat(read.seen.add(SignalSource.COURT, "C-7", 7)).isFalse();
        assertThat(read.seen.add(SignalSource.COURT, "C-70", 70)).isTrue();
        assertThat(read.seen.size()).isEqualTo(21);
    }

    @Test
    void shouldReadManyStatesFromACheckpointStream() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputViewStreamWrapper out = new DataOutputViewStreamWrapper(bytes);
        EnterpriseState state = populated();
        for (int i = 0; i < 3; i++) {
            serializer.serialize(state, out);
        }
        var in = new DataInputViewStreamWrapper(new ByteArrayInputStream(bytes.toByteArray()));
        for (int i = 0; i < 3; i++) {
            assertThat(serializer.deserialize(in)).usingRecursiveComparison().isEqualTo(state);
        }
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void shouldCopyIntoAStateThatSharesNothingMutable() {
        EnterpriseState original = populated();
        EnterpriseState copy = serializer.copy(original);
        assertThat(copy).usingRecursiveComparison().isEqualTo(original);

        copy.history.add(new Trace("X", SignalType.LAWSUIT, 4_000L, 0, 0, 0, null, null));
        copy.seen.add(SignalSource.COURT, "NEW", 5);
        copy.hits.clear();
        copy.criticalAlertedAt.clear();
        copy.finalSnapshot = null;
        copy.waiting.clear();

        assertThat(original).usingRecursiveComparison().isEqualTo(populated());
        assertThat(serializer.copy(original).finalSnapshot).isSameAs(original.finalSnapshot); // never changed: shared
    }

    @Test
    void shouldCopySerializedFormUnchanged() throws IOException {
        DataOutputSerializer first = new DataOutputSerializer(64);
        serializer.serialize(populated(), first);
        DataOutputSerializer second = new DataOutputSerializer(64);

        serializer.copy(new DataInputDeserializer(first.getCopyOfBuffer()), second);

        assertThat(second.getCopyOfBuffer()).isEqualTo(first.getCopyOfBuffer());
    }

    @Test
    void shouldGiveEveryThreadItsOwnInstance() {
        assertThat(serializer.duplicate()).isNotSameAs(serializer).isEqualTo(serializer);
    }

    @Test
    void shouldRestoreStateOfItsOwnFormatAsItIs() throws IOException {
        TypeSerializerSnapshot<EnterpriseState> snapshot = readSnapshot(EnterpriseStateSerializer.VERSION);

        assertThat(snapshot.restoreSerializer()).isEqualTo(serializer);
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(snapshot).isCompatibleAsIs())
                .isTrue();
    }

    @Test
    void shouldMigrateStateOfFormat2OnRestore() throws IOException {
        TypeSerializerSnapshot<EnterpriseState> format2 = readSnapshot(2);

        assertThat(format2.restoreSerializer()).isEqualTo(EnterpriseStateSerializer.readingFormat(2));
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(format2).isCompatibleAfterMigration())
                .isTrue();
    }

    @Test
    void shouldReadFormat1ButSendItsSavepointsThroughTheUpgradeTool() throws IOException {
        TypeSerializerSnapshot<EnterpriseState> format1 = readSnapshot(1);

        assertThat(format1.restoreSerializer()).isEqualTo(EnterpriseStateSerializer.readingFormat(1));
        assertThatThrownBy(() -> serializer.snapshotConfiguration().resolveSchemaCompatibility(format1))
                .hasMessageContaining("format 1").hasMessageContaining("laborwatch upgrade-savepoint");
        // The upgrade tool reads with a serializer of format 1, which takes such state as it is.
        assertThat(EnterpriseStateSerializer.readingFormat(1).snapshotConfiguration()
                .resolveSchemaCompatibility(format1).isCompatibleAsIs()).isTrue();
    }

    @Test
    void shouldRefuseStateOfAFormatFromANewerRelease() throws IOException {
        TypeSerializerSnapshot<EnterpriseState> future = readSnapshot(EnterpriseStateSerializer.VERSION + 1);

        assertThatThrownBy(future::restoreSerializer).hasMessageContaining("newer release");
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(future).isIncompatible()).isTrue();
    }

    private static TypeSerializerSnapshot<EnterpriseState> readSnapshot(int format) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(8);
        out.writeInt(format);
        var snapshot = new EnterpriseStateSerializer.Snapshot();
        snapshot.readSnapshot(1, new DataInputDeserializer(out.getCopyOfBuffer()), null);
        return snapshot;
    }

    private EnterpriseState roundTrip(EnterpriseState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(state, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        EnterpriseState read = serializer.duplicate().deserialize(in);
        assertThat(in.available()).isZero();
        return read;
    }
}
