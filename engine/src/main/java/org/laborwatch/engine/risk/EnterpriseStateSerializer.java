package org.laborwatch.engine.risk;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.laborwatch.engine.ingest.FormatSnapshot;
import org.laborwatch.engine.ingest.SignalSerializer;
import org.laborwatch.engine.ingest.Utf8Strings;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.fact.SignalType;
import org.laborwatch.rules.feature.SignalHistory;
import org.laborwatch.rules.feature.Trace;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.Hit;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * Writes an enterprise's whole state as one length-prefixed block. Every checkpoint of the heap state backend writes
 * every enterprise, and while one runs, the first access to an enterprise copies its state. Flink's POJO serializer
 * did both by reflection, one byte and one virtual call at a time into the checkpoint stream, deep-copying immutable
 * records: on the stack, the checkpoint thread took more samples than the operator itself. Here each enterprise is
 * encoded into a buffer and written with one call, and {@link #copy} shares what is immutable ({@link Trace},
 * {@link Hit}, {@link FinalSnapshot}, strings) and copies only the containers the operator mutates.
 *
 * <p>The format is versioned: {@link #VERSION} must change when a field is added or {@link SignalType},
 * {@link RiskLevel} or {@link Agency} are reordered (enums are written as ordinals), and a serializer reads every
 * earlier format it names in {@link #READS}, so a release restores the last one's savepoints. Format 1 (the release of
 * 2026-11-30) lacks the waiting signals, which that release kept in a list state of their own under timers of its
 * own; its savepoints are converted with {@code laborwatch upgrade-savepoint} (docs/operations.md, "Upgrading"),
 * which reads them with {@link #readingFormat}. Format 2 lacks the time of the latest settlement: Flink migrates it on
 * restore, reading it as never settled. Holds buffers, so {@link #duplicate()} makes a new instance.
 */
public final class EnterpriseStateSerializer extends TypeSerializer<EnterpriseState> {
    private static final long serialVersionUID = 1L;
    /** Format 3: format 2 and the time of the latest settlement. Format 2: format 1 and the waiting signals. */
    public static final int VERSION = 3;
    /** The oldest format this build reads. */
    static final int OLDEST_READ = 1;
    /** The oldest format Flink may restore straight into a job; older ones need the upgrade tool first. */
    public static final int OLDEST_RESTORED = 2;

    private static final SignalType[] TYPES = SignalType.values();
    private static final RiskLevel[] LEVELS = RiskLevel.values();
    private static final Agency[] AGENCIES = Agency.values();
    /** Rule reasons are long Chinese sentences that repeat across enterprises. */
    private static final int CACHED_MAX_BYTES = 512;

    /** The format this serializer reads; it writes {@link #VERSION} whatever it reads. */
    private final int format;

    private transient DataOutputSerializer encoded;
    private transient DataInputDeserializer decoding;
    private transient byte[] block;
    private transient Utf8Strings strings;
    private transient SignalSerializer signals;

    public EnterpriseStateSerializer() {
        this(VERSION);
    }

    private EnterpriseStateSerializer(int format) {
        if (format < OLDEST_READ || format > VERSION) {
            throw new IllegalStateException("enterprise states in format " + format + " cannot be read by this build, "
                    + "which reads formats " + OLDEST_READ + " to " + VERSION
                    + (format > VERSION ? ": they were written by a newer release" : ""));
        }
        this.format = format;
    }

    /** A serializer that reads state written in {@code format} (and writes the current one). */
    public static EnterpriseStateSerializer readingFormat(int format) {
        return new EnterpriseStateSerializer(format);
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<EnterpriseState> duplicate() {
        return new EnterpriseStateSerializer(format);
    }

    @Override
    public EnterpriseState createInstance() {
        return new EnterpriseState();
    }

    @Override
    public EnterpriseState copy(EnterpriseState from) {
        EnterpriseState to = new EnterpriseState();
        to.enterpriseName = from.enterpriseName;
        to.district = from.district;
        to.industry = from.industry;
        to.history = new SignalHistory(from.history.getTraces());
        to.seen = from.seen.copy();
        to.hits = new HashMap<>(from.hits);
        to.score = from.score;
        to.level = from.level;
        to.lastJudgedAt = from.lastJudgedAt;
        to.redEpisodes = from.redEpisodes;
        to.lastRedAt = from.lastRedAt;
        to.alertedLevel = from.alertedLevel;
        to.alertedLevelAt = from.alertedLevelAt;
        to.criticalAlertedAt = from.criticalAlertedAt.isEmpty() ? Map.of() : new HashMap<>(from.criticalAlertedAt);
        to.settledAt = from.settledAt;
        to.ttlTimer = from.ttlTimer;
        to.finalSnapshot = from.finalSnapshot; // never changed once made: shared
        to.waiting = from.waiting.isEmpty() ? List.of() : new ArrayList<>(from.waiting); // signals are immutable
        return to;
    }

    @Override
    public EnterpriseState copy(EnterpriseState from, EnterpriseState reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(EnterpriseState state, DataOutputView target) throws IOException {
        if (encoded == null) {
            encoded = new DataOutputSerializer(4096);
            signals = signals == null ? new SignalSerializer() : signals;
        }
        encoded.clear();
        write(state, encoded);
        target.writeInt(encoded.length());
        target.write(encoded.getSharedBuffer(), 0, encoded.length());
    }

    @Override
    public EnterpriseState deserialize(DataInputView source) throws IOException {
        int length = readBlock(source);
        if (decoding == null) {
            decoding = new DataInputDeserializer();
            strings = new Utf8Strings(CACHED_MAX_BYTES);
            signals = new SignalSerializer();
        }
        decoding.setBuffer(block, 0, length);
        return read(decoding);
    }

    @Override
    public EnterpriseState deserialize(EnterpriseState reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = readBlock(source);
        target.writeInt(length);
        target.write(block, 0, length);
    }

    private int readBlock(DataInputView source) throws IOException {
        int length = source.readInt();
        if (block == null || block.length < length) {
            block = new byte[Math.max(length, 4096)];
        }
        source.readFully(block, 0, length);
        return length;
    }

    private void write(EnterpriseState s, DataOutputView out) throws IOException {
        Utf8Strings.write(s.enterpriseName, out);
        Utf8Strings.write(s.district, out);
        Utf8Strings.write(s.industry, out);
        List<Trace> traces = s.history.getTraces();
        out.writeInt(traces.size());
        for (Trace t : traces) {
            write(t, out);
        }
        s.seen.writeTo(out);
        out.writeInt(s.hits.size());
        for (Hit hit : s.hits.values()) {
            write(hit, out);
        }
        out.writeDouble(s.score);
        writeLevel(s.level, out);
        out.writeLong(s.lastJudgedAt);
        out.writeInt(s.redEpisodes);
        out.writeLong(s.lastRedAt);
        writeLevel(s.alertedLevel, out);
        out.writeLong(s.alertedLevelAt);
        out.writeInt(s.criticalAlertedAt.size());
        for (Map.Entry<String, Long> e : s.criticalAlertedAt.entrySet()) {
            Utf8Strings.write(e.getKey(), out);
            out.writeLong(e.getValue());
        }
        out.writeLong(s.ttlTimer);
        out.writeBoolean(s.finalSnapshot != null);
        if (s.finalSnapshot != null) {
            write(s.finalSnapshot, out);
        }
        out.writeInt(s.waiting.size());
        for (Signal signal : s.waiting) {
            signals.serialize(signal, out);
        }
        out.writeLong(s.settledAt);
    }

    private EnterpriseState read(DataInputView in) throws IOException {
        EnterpriseState s = new EnterpriseState();
        s.enterpriseName = strings.read(in);
        s.district = strings.readRepeated(in);
        s.industry = strings.readRepeated(in);
        int traces = in.readInt();
        List<Trace> history = new ArrayList<>(traces + 4);
        for (int i = 0; i < traces; i++) {
            history.add(readTrace(in));
        }
        s.history.setTraces(history);
        s.seen = SeenKeys.readFrom(in);
        int hits = in.readInt();
        for (int i = 0; i < hits; i++) {
            Hit hit = readHit(in);
            s.hits.put(hit.ruleId(), hit);
        }
        s.score = in.readDouble();
        s.level = readLevel(in);
        s.lastJudgedAt = in.readLong();
        s.redEpisodes = in.readInt();
        s.lastRedAt = in.readLong();
        s.alertedLevel = readLevel(in);
        s.alertedLevelAt = in.readLong();
        int critical = in.readInt();
        for (int i = 0; i < critical; i++) {
            s.criticalAlerted(strings.readRepeated(in), in.readLong());
        }
        s.ttlTimer = in.readLong();
        if (in.readBoolean()) {
            s.finalSnapshot = readFinalSnapshot(in);
        }
        if (format >= 2) {
            int waiting = in.readInt();
            for (int i = 0; i < waiting; i++) {
                s.hold(signals.deserialize(in));
            }
        }
        if (format >= 3) {
            s.settledAt = in.readLong();
        } // else: nothing was ever settled; the default (Long.MIN_VALUE) says so
        return s;
    }

    private static void write(Trace t, DataOutputView out) throws IOException {
        Utf8Strings.write(t.signalId(), out);
        out.writeByte(t.type().ordinal());
        out.writeLong(t.at());
        out.writeDouble(t.amount());
        out.writeInt(t.workers());
        out.writeInt(t.months());
        Utf8Strings.write(t.party(), out);
        Utf8Strings.write(t.status(), out);
    }

    private Trace readTrace(DataInputView in) throws IOException {
        return new Trace(strings.read(in), TYPES[in.readByte()], in.readLong(), in.readDouble(), in.readInt(),
                in.readInt(), strings.read(in), strings.readRepeated(in));
    }

    private static void write(Hit hit, DataOutputView out) throws IOException {
        Utf8Strings.write(hit.ruleId(), out);
        out.writeInt(hit.points());
        Utf8Strings.write(hit.reason(), out);
        writeStrings(hit.signalIds(), out);
        out.writeBoolean(hit.at() != null);
        if (hit.at() != null) {
            out.writeLong(hit.at().getEpochSecond());
            out.writeInt(hit.at().getNano());
        }
        out.writeInt(hit.agencies().size());
        for (Agency agency : hit.agencies()) {
            out.writeByte(agency.ordinal());
        }
        out.writeBoolean(hit.critical());
    }

    private Hit readHit(DataInputView in) throws IOException {
        String ruleId = strings.readRepeated(in);
        int points = in.readInt();
        String reason = strings.readRepeated(in);
        List<String> signalIds = readStrings(in);
        Instant at = in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
        int count = in.readInt();
        List<Agency> agencies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            agencies.add(AGENCIES[in.readByte()]);
        }
        return new Hit(ruleId, points, reason, signalIds, at, agencies, in.readBoolean());
    }

    private static void write(FinalSnapshot f, DataOutputView out) throws IOException {
        Utf8Strings.write(f.enterpriseName(), out);
        Utf8Strings.write(f.district(), out);
        Utf8Strings.write(f.industry(), out);
        out.writeDouble(f.score());
        writeLevel(f.level(), out);
        out.writeLong(f.asOf());
        out.writeInt(f.hits() == null ? -1 : f.hits().size());
        if (f.hits() != null) {
            for (Hit hit : f.hits()) {
                write(hit, out);
            }
        }
        out.writeInt(f.features() == null ? -1 : f.features().length);
        if (f.features() != null) {
            for (double v : f.features()) {
                out.writeDouble(v);
            }
        }
        Utf8Strings.write(f.ruleSetVersion(), out);
    }

    private FinalSnapshot readFinalSnapshot(DataInputView in) throws IOException {
        String enterpriseName = strings.read(in);
        String district = strings.readRepeated(in);
        String industry = strings.readRepeated(in);
        double score = in.readDouble();
        RiskLevel level = readLevel(in);
        long asOf = in.readLong();
        List<Hit> hits = null;
        int hitCount = in.readInt();
        if (hitCount >= 0) {
            List<Hit> list = new ArrayList<>(hitCount);
            for (int i = 0; i < hitCount; i++) {
                list.add(readHit(in));
            }
            hits = List.copyOf(list);
        }
        double[] features = null;
        int featureCount = in.readInt();
        if (featureCount >= 0) {
            features = new double[featureCount];
            for (int i = 0; i < featureCount; i++) {
                features[i] = in.readDouble();
            }
        }
        return new FinalSnapshot(enterpriseName, district, industry, score, level, asOf, hits, features,
                strings.readRepeated(in));
    }

    private static void writeStrings(List<String> values, DataOutputView out) throws IOException {
        out.writeInt(values.size());
        for (String v : values) {
            Utf8Strings.write(v, out);
        }
    }

    private List<String> readStrings(DataInputView in) throws IOException {
        int count = in.readInt();
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(strings.read(in));
        }
        return values;
    }

    private static void writeLevel(RiskLevel level, DataOutputView out) throws IOException {
        out.writeByte(level == null ? -1 : level.ordinal());
    }

    private static RiskLevel readLevel(DataInputView in) throws IOException {
        byte ordinal = in.readByte();
        return ordinal < 0 ? null : LEVELS[ordinal];
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof EnterpriseStateSerializer other && other.format == format;
    }

    @Override
    public int hashCode() {
        return 31 * EnterpriseStateSerializer.class.hashCode() + format;
    }

    /** The format read: a serializer of an older format says so, so Flink lets it read that format's state. */
    @Override
    public TypeSerializerSnapshot<EnterpriseState> snapshotConfiguration() {
        return new Snapshot(format);
    }

    /** Records the wire format ({@link FormatSnapshot}). */
    public static final class Snapshot extends FormatSnapshot<EnterpriseState> {
        public Snapshot() {
            this(VERSION);
        }

        Snapshot(int format) {
            super("enterprise states", format, VERSION, OLDEST_READ, OLDEST_RESTORED, EnterpriseStateSerializer::new,
                    "Convert the savepoint first: laborwatch upgrade-savepoint OLD NEW (docs/operations.md, "
                            + "\"Upgrading\"); the release of 2026-11-30 kept waiting signals under timers of its own, "
                            + "which Flink cannot restore.");
        }
    }
}
