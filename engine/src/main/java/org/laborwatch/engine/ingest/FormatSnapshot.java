package org.laborwatch.engine.ingest;

import java.io.IOException;
import java.util.function.Supplier;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The snapshot of a hand-written serializer whose only configuration is its wire format's number: state written in
 * another format is refused with a clear message rather than misread. There is no older format to migrate from yet.
 * Subclasses need a public no-arg constructor, through which Flink restores them.
 */
public abstract class FormatSnapshot<T> implements TypeSerializerSnapshot<T> {
    private final String what;
    private final int current;
    private final Supplier<TypeSerializer<T>> serializer;
    private int format;

    /**
     * @param what       what the serializer writes, for the message ("signals")
     * @param current    the format this build writes and reads
     * @param serializer a new serializer of that format
     */
    protected FormatSnapshot(String what, int current, Supplier<TypeSerializer<T>> serializer) {
        this.what = what;
        this.current = current;
        this.serializer = serializer;
        this.format = current;
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

    @Override
    public TypeSerializer<T> restoreSerializer() {
        if (format != current) {
            throw new IllegalStateException(what + " in this state were written in format " + format
                    + "; this build reads format " + current);
        }
        return serializer.get();
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
        return old.getClass() == getClass() && ((FormatSnapshot<?>) old).format == current
                ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                : TypeSerializerSchemaCompatibility.incompatible();
    }
}
