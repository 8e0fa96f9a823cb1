package org.laborwatch.api.cases;

import static org.laborwatch.api.backend.Queries.term;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.IndexResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.laborwatch.connectors.elasticsearch.ElasticsearchStatus;
import org.laborwatch.api.backend.Names;
import org.laborwatch.api.backend.StoredJson;
import org.laborwatch.rules.risk.Agency;

/**
 * Cases in Elasticsearch, one document each. Every write is conditional: a new case only if its id is free, a change
 * only if the case is still at the version read ({@code if_seq_no}/{@code if_primary_term}), so two writers never
 * lose each other's change. Writes refresh the index, so the next queue or open-case lookup sees them.
 */
@Singleton
class CaseRepository {
    private static final List<String> OPEN_STATES = Arrays.stream(CaseState.values()).filter(CaseState::isOpen)
            .map(Enum::name).toList();

    private final ElasticsearchClient es;
    private final String index;

    CaseRepository(ElasticsearchClient es, Names names) {
        this.es = es;
        this.index = names.casesIndex();
    }

    Optional<StoredCase> find(String id) throws IOException {
        try {
            GetResponse<JsonNode> got = es.get(g -> g.index(index).id(id), JsonNode.class);
            if (!got.found() || got.source() == null) {
                return Optional.empty();
            }
            return Optional.of(new StoredCase(StoredJson.as(got.source(), Case.class), got.seqNo(),
                    got.primaryTerm()));
        } catch (ElasticsearchException e) {
            if (ElasticsearchStatus.isNotFound(e)) {
                return Optional.empty(); // no case yet, so no index yet
            }
            throw e;
        }
    }

    /** Stores a new case; empty if its id was taken meanwhile (another writer opened it first). */
    Optional<StoredCase> create(Case c) throws IOException {
        try {
            IndexResponse r = es.index(i -> i.index(index).id(c.id()).opType(co.elastic.clients.elasticsearch._types.OpType.Create)
                    .refresh(Refresh.True).document(c));
            return Optional.of(new StoredCase(c, r.seqNo(), r.primaryTerm()));
        } catch (ElasticsearchException | IOException e) {
            if (ElasticsearchStatus.isConflict(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Replaces the case if it is still as read; empty when someone changed it meanwhile. */
    Optional<StoredCase> replace(StoredCase read, Case after) throws IOException {
        try {
            IndexResponse r = es.index(i -> i.index(index).id(after.id()).ifSeqNo(read.seqNo())
                    .ifPrimaryTerm(read.primaryTerm()).refresh(Refresh.True).document(after));
            return Optional.of(new StoredCase(after, r.seqNo(), r.primaryTerm()));
        } catch (ElasticsearchException | IOException e) {
            if (ElasticsearchStatus.isConflict(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Every case of an enterprise, newest first. */
    List<StoredCase> ofEnterprise(String enterpriseId) throws IOException {
        return search(term("enterpriseId", enterpriseId), 100, 0, "openedAt", SortOrder.Desc);
    }

    /** The case an alert already joined, if any: an alert read twice opens nothing twice. */
    boolean holdsAlert(String enterpriseId, String alertId) throws IOException {
        Query both = Query.of(q -> q.bool(b -> b.filter(term("enterpriseId", enterpriseId))
                .filter(term("alertIds", alertId))));
        return !search(both, 1, 0, "openedAt", SortOrder.Desc).isEmpty();
    }

    /** A queue: most urgent deadline first (overdue ones lead), then the highest priority. */
    List<StoredCase> queue(Agency agency, CaseFilter filter, Instant now) throws IOException {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        if (agency != null) {
            bool.filter(term("agencies", agency.name()));
        }
        if (filter.state() != null) {
            bool.filter(term("state", filter.state().name()));
        }
        if (filter.level() != null) {
            bool.filter(term("level", filter.level().name()));
        }
        if (filter.district() != null) {
            bool.filter(term("district", filter.district()));
        }
        if (filter.enterpriseId() != null) {
            bool.filter(term("enterpriseId", filter.enterpriseId()));
        }
        if (filter.overdue() != null) {
            Query overdue = overdueAt(now);
            if (filter.overdue()) {
                bool.filter(overdue);
            } else {
                bool.mustNot(overdue);
            }
        }
        SearchResponse<JsonNode> response = es.search(s -> s.index(index).ignoreUnavailable(true)
                .allowNoIndices(true).size(filter.limit()).from(filter.offset()).seqNoPrimaryTerm(true)
                .query(q -> q.bool(bool.build()))
                .sort(o -> o.field(f -> f.field("nextDueAt").order(SortOrder.Asc).missing("_last")))
                .sort(o -> o.field(f -> f.field("priority").order(SortOrder.Desc)))
                .sort(o -> o.field(f -> f.field("openedAt").order(SortOrder.Asc)))
                .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc))), JsonNode.class);
        return stored(response);
    }

    /** Open cases whose running deadline has passed, oldest deadline first, after {@code afterId} for paging. */
    List<StoredCase> overdue(Instant now, int size, List<FieldValue> after) throws IOException {
        SearchResponse<JsonNode> response = es.search(s -> {
            s.index(index).ignoreUnavailable(true).allowNoIndices(true).size(size).query(overdueAt(now))
                    .seqNoPrimaryTerm(true)
                    .sort(o -> o.field(f -> f.field("nextDueAt").order(SortOrder.Asc)))
                    .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc)));
            if (after != null) {
                s.searchAfter(after);
            }
            return s;
        }, JsonNode.class);
        return stored(response);
    }

    /** Open cases that may quiet an alert: silenced ones and any open one (its level inhibits lower alerts). */
    List<StoredCase> open(int size) throws IOException {
        return search(Query.of(q -> q.terms(t -> t.field("state").terms(v -> v.value(
                OPEN_STATES.stream().map(FieldValue::of).toList())))), size, 0, "openedAt", SortOrder.Desc);
    }

    /** Resolved cases whose outcome is not on lw.signals yet. */
    List<StoredCase> outcomesToSignal(int size) throws IOException {
        Query q = Query.of(x -> x.bool(b -> b.filter(f -> f.exists(e -> e.field("outcome.kind")))
                .filter(term("outcomeSignalled", "false"))));
        return search(q, size, 0, "resolvedAt", SortOrder.Asc);
    }

    private static Query overdueAt(Instant now) {
        return Query.of(q -> q.bool(b -> b
                .filter(f -> f.terms(t -> t.field("state").terms(v -> v.value(
                        OPEN_STATES.stream().map(FieldValue::of).toList()))))
                .filter(f -> f.range(r -> r.date(d -> d.field("nextDueAt").lt(now.toString()))))));
    }

    private List<StoredCase> search(Query query, int size, int from, String sortField, SortOrder order)
            throws IOException {
        SearchResponse<JsonNode> response = es.search(s -> s.index(index).ignoreUnavailable(true)
                .allowNoIndices(true).size(size).from(from).query(query).seqNoPrimaryTerm(true)
                .sort(o -> o.field(f -> f.field(sortField).order(order)))
                .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc))), JsonNode.class);
        return stored(response);
    }

    private static List<StoredCase> stored(SearchResponse<JsonNode> response) {
        List<StoredCase> cases = new ArrayList<>(response.hits().hits().size());
        for (Hit<JsonNode> hit : response.hits().hits()) {
            cases.add(new StoredCase(StoredJson.as(hit.source(), Case.class),
                    hit.seqNo() == null ? -1 : hit.seqNo(), hit.primaryTerm() == null ? -1 : hit.primaryTerm()));
        }
        return cases;
    }

}
