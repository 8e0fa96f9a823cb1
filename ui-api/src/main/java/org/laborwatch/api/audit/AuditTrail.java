package org.laborwatch.api.audit;

import static org.laborwatch.api.backend.Queries.term;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.OpType;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.laborwatch.connectors.elasticsearch.ElasticsearchStatus;
import org.laborwatch.api.backend.Names;
import org.laborwatch.api.backend.StoredJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail in Elasticsearch. Records are only ever created, under an id their change determines (a case's
 * new version), so writing one twice keeps one; nothing in the service updates or deletes them, and in production its
 * Elasticsearch user may only create documents in the audit index (docker/setup/roles/laborwatch_api.json).
 */
@Singleton
public class AuditTrail {
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    private static final int ATTEMPTS = 3;

    private final ElasticsearchClient es;
    private final String index;

    AuditTrail(ElasticsearchClient es, Names names) {
        this.es = es;
        this.index = names.auditIndex();
    }

    /**
     * Writes a record. The change it describes is already saved, so a failure here must not undo it or fail the
     * request: it is retried, then logged in full (the log keeps what the index could not).
     */
    public void record(AuditRecord r) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                es.index(i -> i.index(index).id(r.id()).opType(OpType.Create).document(r));
                return;
            } catch (ElasticsearchException e) {
                if (ElasticsearchStatus.isConflict(e)) {
                    return; // recorded already
                }
                LOG.warn("Audit record {} not written (attempt {}): {}", r.id(), attempt, e.getMessage());
            } catch (IOException e) {
                if (ElasticsearchStatus.isConflict(e)) {
                    return;
                }
                LOG.warn("Audit record {} not written (attempt {}): {}", r.id(), attempt, e.toString());
            }
        }
        LOG.error("AUDIT RECORD LOST FROM THE INDEX, kept here: {}", r);
    }

    /** Newest first; pass the last record's {@code at} and {@code id} as {@code after} for the next page. */
    public List<AuditRecord> search(AuditQuery query) throws IOException {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        if (query.subject() != null) {
            bool.filter(term("subject", query.subject()));
        }
        if (query.by() != null) {
            bool.filter(term("by", query.by()));
        }
        if (query.action() != null) {
            bool.filter(term("action", query.action()));
        }
        if (query.since() != null || query.until() != null) {
            bool.filter(q -> q.range(r -> r.date(d -> {
                d.field("at");
                if (query.since() != null) {
                    d.gte(query.since().toString());
                }
                if (query.until() != null) {
                    d.lt(query.until().toString());
                }
                return d;
            })));
        }
        SearchResponse<JsonNode> response = es.search(s -> {
            s.index(index).ignoreUnavailable(true).allowNoIndices(true).size(query.limit())
                    .query(q -> q.bool(bool.build()))
                    .sort(o -> o.field(f -> f.field("at").order(SortOrder.Desc)))
                    .sort(o -> o.field(f -> f.field("id").order(SortOrder.Desc)));
            if (query.afterAt() != null) {
                s.searchAfter(FieldValue.of(query.afterAt().toEpochMilli()), FieldValue.of(query.afterId()));
            }
            return s;
        }, JsonNode.class);
        List<AuditRecord> records = new ArrayList<>();
        for (Hit<JsonNode> hit : response.hits().hits()) {
            records.add(StoredJson.as(hit.source(), AuditRecord.class));
        }
        return records;
    }

    /** Filters of an audit search; any may be null. */
    public record AuditQuery(String subject, String by, String action, Instant since, Instant until, int limit,
                             Instant afterAt, String afterId) {
    }
}
