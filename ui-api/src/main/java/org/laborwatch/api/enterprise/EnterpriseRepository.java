package org.laborwatch.api.enterprise;

import static org.laborwatch.api.backend.Queries.term;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.MsearchResponse;
import co.elastic.clients.elasticsearch.core.msearch.MultiSearchResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.laborwatch.api.alert.StoredAlert;
import org.laborwatch.api.backend.Names;
import org.laborwatch.rules.risk.RiskLevel;
import org.laborwatch.rules.risk.RiskSnapshot;

/**
 * Enterprises' current risk ({@code lw-risk}, one document per enterprise) and their archived signals. Asked without
 * blocking a thread: the answer is parsed and shaped where the client receives it, and the request thread is free
 * meanwhile (the lookup is the service's busiest query).
 */
@Singleton
class EnterpriseRepository {
    private final ElasticsearchAsyncClient es;
    private final Names names;

    EnterpriseRepository(ElasticsearchAsyncClient es, Names names) {
        this.es = es;
        this.names = names;
    }

    /** What a search asks for; null means no condition. */
    record Search(RiskLevel level, String district, String industry, Double minScore, Double maxScore, String q,
                  EnterpriseSort sort, int page, int size) {
    }

    record Found(List<RiskSnapshot> risks, long total) {
    }

    /** Everything a lookup shows of one enterprise, as stored. */
    record Stored(Optional<RiskSnapshot> risk, List<StoredAlert> alerts, List<LookupDocument> signals) {
    }

    /**
     * The enterprise's risk, its alerts (oldest first, without their evidence signals) and its latest archived signals
     * (newest first), in one round trip to Elasticsearch: three searches sent as one {@code _msearch}.
     */
    CompletableFuture<Stored> lookup(String creditCode, int maxAlerts, int maxSignals) {
        return es.msearch(m -> m
                .searches(s -> s.header(h -> h.index(names.riskIndex()).ignoreUnavailable(true).allowNoIndices(true))
                        .body(b -> b.size(1).query(q -> q.ids(i -> i.values(creditCode)))))
                .searches(s -> s.header(h -> h.index(names.alertsIndex()).ignoreUnavailable(true)
                                .allowNoIndices(true))
                        .body(b -> b.size(maxAlerts).query(q -> q.term(t -> t.field("enterpriseId").value(creditCode)))
                                .source(src -> src.filter(f -> f.excludes("signals")))
                                .sort(o -> o.field(f -> f.field("raisedAt").order(SortOrder.Asc)))
                                .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc)))))
                .searches(s -> s.header(h -> h.index(names.signalsIndex()).ignoreUnavailable(true)
                                .allowNoIndices(true))
                        .body(b -> b.size(maxSignals).query(q -> q.term(t -> t.field("enterpriseId").value(creditCode)))
                                .sort(o -> o.field(f -> f.field("occurredAt").order(SortOrder.Desc)))
                                .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc))))),
                LookupDocument.class).thenApply(EnterpriseRepository::stored);
    }

    private static Stored stored(MsearchResponse<LookupDocument> found) {
        List<List<LookupDocument>> hits = new ArrayList<>();
        for (MultiSearchResponseItem<LookupDocument> item : found.responses()) {
            if (item.isFailure()) {
                throw new CompletionException(new IOException("Elasticsearch could not search: "
                        + item.failure().error().reason()));
            }
            hits.add(item.result().hits().hits().stream().map(Hit::source).toList());
        }
        return new Stored(hits.get(0).stream().findFirst().map(LookupDocument::risk),
                hits.get(1).stream().map(LookupDocument::alert).toList(), hits.get(2));
    }

    CompletableFuture<Found> search(Search search) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        if (search.level() != null) {
            bool.filter(term("level", search.level().name()));
        }
        if (search.district() != null) {
            bool.filter(term("district", search.district()));
        }
        if (search.industry() != null) {
            bool.filter(term("industry", search.industry()));
        }
        if (search.minScore() != null || search.maxScore() != null) {
            bool.filter(q -> q.range(r -> r.number(n -> {
                n.field("score");
                if (search.minScore() != null) {
                    n.gte(search.minScore());
                }
                if (search.maxScore() != null) {
                    n.lte(search.maxScore());
                }
                return n;
            })));
        }
        if (search.q() != null) {
            bool.must(nameOrCode(search.q()));
        }
        return es.search(s -> {
            s.index(names.riskIndex()).ignoreUnavailable(true).allowNoIndices(true)
                    .query(q -> q.bool(bool.build()))
                    .from(search.page() * search.size()).size(search.size()).trackTotalHits(t -> t.enabled(true));
            if (search.sort() == EnterpriseSort.name) {
                s.sort(o -> o.field(f -> f.field("enterpriseName.raw").order(SortOrder.Asc)));
            } else {
                s.sort(o -> o.field(f -> f.field("score").order(SortOrder.Desc)));
            }
            return s.sort(o -> o.field(f -> f.field("enterpriseId").order(SortOrder.Asc)));
        }, RiskSnapshot.class).thenApply(EnterpriseRepository::found);
    }

    private static Found found(SearchResponse<RiskSnapshot> found) {
        long total = found.hits().total() == null ? found.hits().hits().size() : found.hits().total().value();
        return new Found(found.hits().hits().stream().map(Hit::source).toList(), total);
    }

    /**
     * Names are Chinese: the standard analyzer makes each Han character a token, and a phrase query asks for the
     * characters side by side in order, so 建筑 finds 青岛某某建筑有限公司 and not a name with 建 and 筑 apart. (The
     * Elasticsearch the project runs has no CJK bigram or ICU analysis; a phrase over single characters is what works
     * everywhere.) Text that looks like the start of a credit code matches codes too.
     */
    private static Query nameOrCode(String q) {
        Query name = Query.of(x -> x.matchPhrase(m -> m.field("enterpriseName").query(q)));
        if (q.matches("[0-9A-HJ-NP-RTUWXY]{2,18}")) {
            return Query.of(x -> x.bool(b -> b.should(name)
                    .should(s -> s.prefix(p -> p.field("enterpriseId").value(q))).minimumShouldMatch("1")));
        }
        return name;
    }

}
