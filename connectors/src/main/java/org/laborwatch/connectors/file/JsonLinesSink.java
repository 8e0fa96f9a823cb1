package org.laborwatch.connectors.file;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.flink.api.common.serialization.Encoder;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;
import org.laborwatch.connectors.json.RecordCodec;

/**
 * JSON Lines output on Flink's {@link FileSink}: part files appear under {@code dir} when a checkpoint (or the end of a
 * bounded input) commits them, so a failed and recovered run writes each record exactly once.
 */
public final class JsonLinesSink {

    private JsonLinesSink() {
    }

    public static <T> FileSink<T> to(java.nio.file.Path dir, String prefix, RecordCodec<T> codec) {
        return FileSink.forRowFormat(new Path(dir.toUri()), new LineEncoder<>(codec))
                .withBucketAssigner(new BasePathBucketAssigner<>())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix(prefix).withPartSuffix(".jsonl")
                        .build())
                .build();
    }

    /** Holds the codec itself, not a method reference to it: javac can mix up serialized method references. */
    private static final class LineEncoder<T> implements Encoder<T> {
        private static final long serialVersionUID = 1L;
        private final RecordCodec<T> codec;

        LineEncoder(RecordCodec<T> codec) {
            this.codec = codec;
        }

        @Override
        public void encode(T element, OutputStream stream) throws IOException {
            codec.encodeTo(element, stream);
            stream.write('\n');
        }
    }
}
