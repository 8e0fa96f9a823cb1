package org.laborwatch.connectors.elasticsearch;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes to Elasticsearch with bulk requests, on Flink's async sink: a bounded buffer (a full one blocks the job,
 * which is the backpressure), a bounded number of requests in flight, retries with backoff, and the buffer kept in
 * each checkpoint. Writes are idempotent ({@link EsAction}), so the at-least-once delivery of the async sink gives
 * exactly one copy of every document (docs/operations.md).
 *
 * <p>There is no Flink Elasticsearch connector for Flink 2; this one is built on {@code elasticsearch-java}.
 */
public final class ElasticsearchSink<T> extends AsyncSinkBase<T, EsAction> {
    private static final long serialVersionUID = 1L;

    /** Settings: bulk size, in-flight requests, buffer, batch bytes, linger, largest document. */
    public record Limits(int maxBatchSize, int maxInFlightRequests, int maxBufferedRequests, long maxBatchBytes,
                         long maxTimeInBufferMs, long maxRecordBytes) implements java.io.Serializable {

        public static Limits defaults() {
            return new Limits(1000, 2, 10_000, 5L << 20, 1000, 1L << 20);
        }

        /**
         * For versioned writes (latest-wins documents): one request in flight, so two writes of one document with
         * an equal version reach Elasticsearch in the order they were made.
         */
        public static Limits ordered() {
            return new Limits(1000, 1, 10_000, 5L << 20, 1000, 1L << 20);
        }
    }

    private final ElasticsearchEndpoint endpoint;

    public ElasticsearchSink(ElasticsearchEndpoint endpoint, ElementConverter<T, EsAction> converter, Limits limits) {
        super(converter, limits.maxBatchSize(), limits.maxInFlightRequests(), limits.maxBufferedRequests(),
                limits.maxBatchBytes(), limits.maxTimeInBufferMs(), limits.maxRecordBytes());
        this.endpoint = endpoint;
    }

    public ElasticsearchSink(ElasticsearchEndpoint endpoint, ElementConverter<T, EsAction> converter) {
        this(endpoint, converter, Limits.defaults());
    }

    @Override
    public StatefulSinkWriter<T, BufferedRequestState<EsAction>> createWriter(WriterInitContext context)
            throws IOException {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<T, BufferedRequestState<EsAction>> restoreWriter(
            WriterInitContext context, Collection<BufferedRequestState<EsAction>> recoveredState) {
        return new ElasticsearchWriter<>(endpoint, getElementConverter(), context, writerConfiguration(),
                recoveredState);
    }

    private org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration writerConfiguration() {
        return org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration.builder()
                .setMaxBatchSize(getMaxBatchSize())
                .setMaxBatchSizeInBytes(getMaxBatchSizeInBytes())
                .setMaxInFlightRequests(getMaxInFlightRequests())
                .setMaxBufferedRequests(getMaxBufferedRequests())
                .setMaxTimeInBufferMS(getMaxTimeInBufferMS())
                .setMaxRecordSizeInBytes(getMaxRecordSizeInBytes())
                // A request waiting out Elasticsearch's absence is not lost, only late: never fail the job on it.
                .setFailOnTimeout(false)
                .build();
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<EsAction>> getWriterStateSerializer() {
        return new EsActionSerializer();
    }

    /** For a stream that already carries the writes ({@link Documents}). */
    public static ElementConverter<EsAction, EsAction> actionsAsIs() {
        return new AsIs();
    }

    private static final class AsIs implements ElementConverter<EsAction, EsAction> {
        private static final long serialVersionUID = 1L;

        @Override
        public EsAction apply(EsAction action, org.apache.flink.api.connector.sink2.SinkWriter.Context context) {
            return action;
        }
    }
}
