package org.laborwatch.engine.ingest;

import java.io.IOException;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The snapshot of a hand-written serializer whose only configuration is its wire format's number. State written in
 * an older format this build still reads is migrated by Flink on restore (read in the old format, written in the
 * current one); a format it cannot read, or one that must go through the upgrade tool first, is refused with what to
 * do, never misread. Subclasses need a public no-arg constructor, through which Flink restores them.
 */
public abstract class FormatSnapshot<T> implements TypeSerializerSnapshot<T> {
    private final String what;
    private final int current;
    private final int oldestRead;
    private final int oldestRestored;
    private final IntFunction<TypeSerializer<T>> serializerFor;
    private final String upgradeHint;
    private int format;

    /** A serializer with one format so far: state in any other is refused. */
    protected FormatSnapshot(String what, int current, Supplier<TypeSerializer<T>> serializer) {
        this(what, current, current, current, current, f -> serializer.get(), "");
    }

    /**
     * @param what           what the serializer writes, for messages ("enterprise states")
     * @param format         the format this snapshot stands for (the current one, unless it was read from state)
     * @param current        the format this build writes
     * @param oldestRead     the oldest format this build's serializer reads
     * @param oldestRestored the oldest format Flink may restore straight into a job; older readable ones are for the
     *                       upgrade tool only
     * @param serializerFor  a serializer reading the given format
     * @param upgradeHint    what to do with state older than {@code oldestRestored}
     */
    protected FormatSnapshot(String what, int format, int current, int oldestRead, int oldestRestored,
                             IntFunction<TypeSerializer<T>> serializerFor, String upgradeHint) {
        this.what = what;
        this.format = format;
        this.current = current;
        this.oldestRead = oldestRead;
        this.oldestRestored = oldestRestored;
        this.serializerFor = serializerFor;
        this.upgradeHint = upgradeHint;
    }

    @Override
    public int getCurrentVersion() {
        return 1;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        out.writeInt(format);
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) throws IOException {
        format = in.readInt();
    }

    /** A serializer that reads what was written in this snapshot's format. */
    @Override
    public TypeSerializer<T> restoreSerializer() {
        if (format < oldestRead || format > current) {
            throw new IllegalStateException(what + " in this state were written in format " + format
                    + (format > current ? " by a newer release" : "") + "; this build reads formats " + oldestRead
                    + " to " + current);
        }
        return serializerFor.apply(format);
    }

    /** Called on the serializer the job asks for (this), with the snapshot the state was written with. */
    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
        if (old.getClass() != getClass()) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        int written = ((FormatSnapshot<?>) old).format;
        if (written == format) {
            return TypeSerializerSchemaCompatibility.compatibleAsIs();
        }
        if (format != current || written > current || written < oldestRead) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        if (written < oldestRestored) {
            // Readable, but a job cannot take it over as it is: say what to do rather than a generic refusal.
            throw new IllegalStateException(what + " in this savepoint are in format " + written
                    + ", which a job of this release does not restore directly. " + upgradeHint);
        }
        return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
    }
}
