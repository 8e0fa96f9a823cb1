package org.laborwatch.connectors.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Reads the signal archive ({@link Documents#SIGNALS}) back in event-time order, for replays: a point-in-time
 * search paged with {@code search_after}, so a range of any size is read once, consistently, while the archive
 * keeps growing.
 */
public final class SignalArchive {
    private static final int PAGE = 2_000;

    /** Receives each archived signal as its JSON and its enterprise id. */
    public interface Receiver {
        void accept(String enterpriseId, String json) throws IOException;
    }

    private SignalArchive() {
    }

    /** Every archived signal with {@code from <= occurredAt < to}, oldest first; returns how many. */
    public static long read(ElasticsearchEndpoint endpoint, Instant from, Instant to, Receiver receiver)
            throws IOException {
        return read(endpoint, Documents.SIGNALS, from, to, receiver);
    }

    /** The same from the archive in {@code index} (tests keep one of their own). */
    public static long read(ElasticsearchEndpoint endpoint, String index, Instant from, Instant to,
                            Receiver receiver) throws IOException {
        JacksonJsonpMapper mapper = new JacksonJsonpMapper();
        try (RestClientTransport transport = new RestClientTransport(endpoint.restClient(), mapper)) {
            ElasticsearchClient es = new ElasticsearchClient(transport);
            String pit = es.openPointInTime(p -> p.index(index).keepAlive(k -> k.time("2m"))).id();
            try {
                return page(es, pit, from, to, receiver, mapper);
            } finally {
                es.closePointInTime(c -> c.id(pit));
            }
        }
    }

    private static long page(ElasticsearchClient es, String pit, Instant from, Instant to, Receiver receiver,
                             JacksonJsonpMapper mapper) throws IOException {
        long count = 0;
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> searchAfter = after;
            SearchResponse<JsonData> page = es.search(s -> {
                s.pit(p -> p.id(pit).keepAlive(k -> k.time("2m")))
                        .size(PAGE)
                        .query(q -> q.range(r -> r.untyped(u -> u.field("occurredAt")
                                .gte(JsonData.of(from.toString())).lt(JsonData.of(to.toString())))))
                        .sort(o -> o.field(f -> f.field("occurredAt").order(SortOrder.Asc)))
                        .sort(o -> o.field(f -> f.field("_shard_doc").order(SortOrder.Asc)));
                if (searchAfter != null) {
                    s.searchAfter(searchAfter);
                }
                return s;
            }, JsonData.class);
            List<Hit<JsonData>> hits = page.hits().hits();
            for (Hit<JsonData> hit : hits) {
                // As JSON values, numbers keep their exact digits (amounts in yuan), nothing goes through double.
                jakarta.json.JsonObject signal = hit.source().toJson(mapper).asJsonObject();
                receiver.accept(signal.getString("enterpriseId", null), signal.toString());
                count++;
            }
            if (hits.size() < PAGE) {
                return count;
            }
            after = hits.get(hits.size() - 1).sort();
        }
    }
}
