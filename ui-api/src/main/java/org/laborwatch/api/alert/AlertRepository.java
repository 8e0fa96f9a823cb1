package org.laborwatch.api.alert;

import static org.laborwatch.api.backend.Queries.term;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.laborwatch.connectors.elasticsearch.ElasticsearchStatus;
import org.laborwatch.api.backend.Names;
import org.laborwatch.api.backend.StoredJson;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.Alert;

/** The alerts the index job wrote to Elasticsearch, and the acknowledgements the agencies add to them. */
@Singleton
class AlertRepository {
    private final ElasticsearchClient es;
    private final String index;

    AlertRepository(ElasticsearchClient es, Names names) {
        this.es = es;
        this.index = names.alertsIndex();
    }

    private static final TypeReference<List<Acknowledgement>> ACKNOWLEDGEMENTS = new TypeReference<>() {
    };

    /** One page of a feed, newest first; {@code agency} null for all agencies. */
    List<StoredAlert> page(Agency agency, AlertFilter filter) throws IOException {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        if (agency != null) {
            bool.filter(term("agencies", agency.name()));
        }
        if (filter.level() != null) {
            bool.filter(term("level", filter.level().name()));
        }
        if (filter.district() != null) {
            bool.filter(term("district", filter.district()));
        }
        if (filter.industry() != null) {
            bool.filter(term("industry", filter.industry()));
        }
        if (filter.since() != null || filter.until() != null) {
            bool.filter(q -> q.range(r -> r.date(d -> {
                d.field("raisedAt");
                if (filter.since() != null) {
                    d.gte(filter.since().toString());
                }
                if (filter.until() != null) {
                    d.lt(filter.until().toString());
                }
                return d;
            })));
        }
        if (filter.acknowledged() != null) {
            Query acked = agency != null ? term("acknowledgements.agency", agency.name())
                    : Query.of(q -> q.exists(e -> e.field("acknowledgements.agency")));
            if (filter.acknowledged()) {
                bool.filter(acked);
            } else {
                bool.mustNot(acked);
            }
        }
        Query query = Query.of(q -> q.bool(bool.build()));
        SearchResponse<JsonNode> response = search(s -> {
            s.index(index).size(filter.limit()).query(query).trackTotalHits(t -> t.enabled(false))
                    .sort(o -> o.field(f -> f.field("raisedAt").order(SortOrder.Desc)))
                    .sort(o -> o.field(f -> f.field("id").order(SortOrder.Desc)));
            if (filter.after() != null) {
                s.searchAfter(FieldValue.of(filter.after().raisedAtMillis()), FieldValue.of(filter.after().id()));
            }
            return s;
        });
        return stored(response);
    }

    Optional<StoredAlert> find(String id) throws IOException {
        try {
            GetResponse<JsonNode> got = es.get(g -> g.index(index).id(id), JsonNode.class);
            if (!got.found() || got.source() == null) {
                return Optional.empty();
            }
            return Optional.of(stored(got.source(), got.seqNo(), got.primaryTerm()));
        } catch (ElasticsearchException | java.io.IOException e) {
            if (ElasticsearchStatus.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Writes the acknowledgements if the alert is still as read; false when someone changed it meanwhile. */
    boolean saveAcknowledgements(StoredAlert read, List<Acknowledgement> acknowledgements) throws IOException {
        try {
            es.update(u -> u.index(index).id(read.alert().id()).ifSeqNo(read.seqNo())
                    .ifPrimaryTerm(read.primaryTerm()).refresh(Refresh.WaitFor)
                    .doc(Map.of("acknowledgements", acknowledgements)), JsonData.class);
            return true;
        } catch (ElasticsearchException | java.io.IOException e) {
            if (ElasticsearchStatus.isConflict(e)) {
                return false;
            }
            throw e;
        }
    }

    private SearchResponse<JsonNode> search(
            java.util.function.Function<co.elastic.clients.elasticsearch.core.SearchRequest.Builder,
                    co.elastic.clients.util.ObjectBuilder<co.elastic.clients.elasticsearch.core.SearchRequest>> request)
            throws IOException {
        // A missing index (nothing indexed yet) is an empty feed, not an error.
        return es.search(s -> request.apply(s.ignoreUnavailable(true).allowNoIndices(true)), JsonNode.class);
    }

    private static List<StoredAlert> stored(SearchResponse<JsonNode> response) {
        List<StoredAlert> alerts = new ArrayList<>(response.hits().hits().size());
        for (Hit<JsonNode> hit : response.hits().hits()) {
            alerts.add(stored(hit.source(), -1, -1));
        }
        return alerts;
    }

    private static StoredAlert stored(JsonNode source, long seqNo, long primaryTerm) {
        Alert alert = StoredJson.as(source, Alert.class);
        JsonNode acks = source.get("acknowledgements");
        return new StoredAlert(alert, acks == null || acks.isNull() ? List.of() : StoredJson.as(acks, ACKNOWLEDGEMENTS),
                seqNo, primaryTerm);
    }

}
