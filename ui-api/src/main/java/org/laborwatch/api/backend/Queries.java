package org.laborwatch.api.backend;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** The small pieces of Elasticsearch queries and answers every repository uses. */
public final class Queries {

    private Queries() {
    }

    /** An exact match on a keyword field. */
    public static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    /** How many documents matched (tracked totals), 0 when none were. */
    public static long total(SearchResponse<?> r) {
        return r.hits().total() == null ? 0 : r.hits().total().value();
    }

    /** A terms aggregation's buckets as key → count, in its order; empty when absent (no index yet). */
    public static Map<String, Long> counts(Aggregate aggregate) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (aggregate != null && aggregate.isSterms()) {
            for (StringTermsBucket b : aggregate.sterms().buckets().array()) {
                counts.put(b.key().stringValue(), b.docCount());
            }
        }
        return counts;
    }
}
