package org.laborwatch.connectors.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends buffered {@link EsAction}s as bulk requests. What Elasticsearch could not take now (it is down, overloaded:
 * 429 or 5xx) is retried after a backoff that doubles up to {@link #MAX_BACKOFF_MS}; while it waits, its in-flight
 * slot stays taken, the buffer fills and the job slows to what Elasticsearch takes. A 409 means the document is
 * already there or a newer version is: done. Anything else is a document Elasticsearch will never take (a mapping
 * conflict): it is logged with its reason and counted, never retried forever.
 */
final class ElasticsearchWriter<T> extends AsyncSinkWriter<T, EsAction> {
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchWriter.class);
    static final long FIRST_BACKOFF_MS = 100;
    static final long MAX_BACKOFF_MS = 30_000;

    private final ElasticsearchAsyncClient client;
    private final ScheduledExecutorService retries;
    private final Counter retried;
    private final Counter refused;
    private final AtomicLong backlog = new AtomicLong();
    private volatile long backoffMs = FIRST_BACKOFF_MS;

    ElasticsearchWriter(ElasticsearchEndpoint endpoint, ElementConverter<T, EsAction> converter, WriterInitContext context,
                        AsyncSinkWriterConfiguration configuration,
                        Collection<BufferedRequestState<EsAction>> recovered) {
        super(converter, context, configuration, recovered);
        this.client = endpoint.asyncClient();
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "elasticsearch-retries");
            t.setDaemon(true);
            return t;
        });
        var metrics = context.metricGroup();
        // Incremented from the client's and the retry scheduler's threads, not the task thread.
        this.retried = metrics.counter("elasticsearchRetriedDocuments", new ThreadSafeSimpleCounter());
        this.refused = metrics.counter("elasticsearchRefusedDocuments", new ThreadSafeSimpleCounter());
        metrics.gauge("elasticsearchBacklog", backlog::get);
    }

    @Override
    protected void submitRequestEntries(List<EsAction> entries, ResultHandler<EsAction> result) {
        List<EsAction> actions = latestPerDocument(entries);
        backlog.addAndGet(actions.size());
        BulkRequest request = bulk(actions);
        client.bulk(request).whenComplete((response, error) -> {
            if (error != null) {
                int status = statusOf(error);
                if (status == 401 || status == 403) {
                    // Not a passing fault: someone must fix the credentials. Waiting keeps every document.
                    LOG.error("Elasticsearch refused this job's credentials ({}): fix the user or its privileges; "
                            + "{} documents wait and are retried in {} ms", status, actions.size(), backoffMs);
                } else {
                    LOG.warn("Elasticsearch bulk of {} documents failed, retrying in {} ms: {}", actions.size(),
                            backoffMs, error.toString());
                }
                retryLater(actions, result);
            } else {
                handle(actions, response, result);
            }
        });
    }

    /**
     * Of several versioned writes of one document in a batch, only the last: an equal version (a late signal's
     * snapshot keeps the enterprise's latest time) would otherwise let Elasticsearch apply them in any order when one
     * is retried. Together with one request in flight for versioned writes, the last written is the last emitted.
     */
    static List<EsAction> latestPerDocument(List<EsAction> actions) {
        java.util.Map<String, Integer> last = new java.util.HashMap<>();
        for (int i = 0; i < actions.size(); i++) {
            EsAction a = actions.get(i);
            if (!a.isCreate()) {
                last.put(a.index() + '/' + a.id(), i);
            }
        }
        if (last.size() == actions.size()) {
            return actions;
        }
        List<EsAction> kept = new ArrayList<>(actions.size());
        for (int i = 0; i < actions.size(); i++) {
            EsAction a = actions.get(i);
            if (a.isCreate() || last.get(a.index() + '/' + a.id()) == i) {
                kept.add(a);
            }
        }
        return kept;
    }

    static BulkRequest bulk(List<EsAction> actions) {
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        for (EsAction action : actions) {
            BinaryData document = BinaryData.of(action.document(), ContentType.APPLICATION_JSON);
            bulk.operations(action.isCreate()
                    ? BulkOperation.of(op -> op.create(c -> c.index(action.index()).id(action.id())
                            .document(document)))
                    : BulkOperation.of(op -> op.index(i -> i.index(action.index()).id(action.id())
                            .version(action.version()).versionType(VersionType.ExternalGte).document(document))));
        }
        return bulk.build();
    }

    private void handle(List<EsAction> actions, BulkResponse response, ResultHandler<EsAction> result) {
        if (!response.errors()) {
            done(actions.size(), result);
            return;
        }
        List<EsAction> again = new ArrayList<>();
        List<BulkResponseItem> items = response.items();
        for (int i = 0; i < items.size(); i++) {
            BulkResponseItem item = items.get(i);
            if (item.error() == null || item.status() == 409) {
                continue;
            }
            if (item.status() == 429 || item.status() >= 500) {
                again.add(actions.get(i));
            } else {
                refused.inc();
                LOG.error("Elasticsearch refused document {}/{} ({}): {}", item.index(), item.id(), item.status(),
                        item.error().reason());
            }
        }
        if (again.isEmpty()) {
            done(actions.size(), result);
        } else {
            backlog.addAndGet(again.size() - actions.size());
            LOG.warn("Elasticsearch took {} of {} documents, retrying the rest in {} ms",
                    actions.size() - again.size(), actions.size(), backoffMs);
            retryLater(again, result);
        }
    }

    private void done(int count, ResultHandler<EsAction> result) {
        backoffMs = FIRST_BACKOFF_MS;
        backlog.addAndGet(-count);
        result.complete();
    }

    /** The HTTP status of a failed request, or 0 when it never got one (connection refused, timeout). */
    static int statusOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof TransportException e && e.statusCode() > 0) {
                return e.statusCode();
            }
            if (t instanceof ElasticsearchException e) {
                return e.status();
            }
        }
        return 0;
    }

    /** Hands the documents back to the writer after the backoff; until then their in-flight slot stays taken. */
    private void retryLater(List<EsAction> actions, ResultHandler<EsAction> result) {
        long delay = backoffMs;
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        retried.inc(actions.size());
        retries.schedule(() -> {
            backlog.addAndGet(-actions.size());
            result.retryForEntries(actions);
        }, delay, TimeUnit.MILLISECONDS);
    }

    @Override
    protected long getSizeInBytes(EsAction action) {
        return action.sizeInBytes();
    }

    @Override
    public void close() {
        super.close();
        retries.shutdownNow();
        try {
            client._transport().close();
        } catch (IOException e) {
            LOG.warn("Closing the Elasticsearch client: {}", e.toString());
        }
    }
}
