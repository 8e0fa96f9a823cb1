package org.laborwatch.api.cases;

import static org.laborwatch.api.backend.Queries.counts;
import static org.laborwatch.api.backend.Queries.total;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Map;
import org.laborwatch.api.backend.Names;
import org.laborwatch.rules.risk.Agency;

/**
 * The programme's case figures for a period: cases opened (by state now and by lead agency), how many were accepted
 * and resolved within their deadlines, and what the resolved ones achieved — yuan recovered, workers helped, legal-aid
 * cases. For an agency's users, the cases their agency works on.
 */
@Singleton
public class CaseStats {

    private final ElasticsearchClient es;
    private final String index;

    CaseStats(ElasticsearchClient es, Names names) {
        this.es = es;
        this.index = names.casesIndex();
    }

    /** Cases opened in the period, and the outcomes of those resolved in it. */
    @Serdeable
    public record Figures(long opened, Map<String, Long> byState, Map<String, Long> byLeadAgency,
                          Sla sla, long resolved, BigDecimal amountRecovered, long workersHelped,
                          long legalAidCases) {
    }

    /**
     * Of the cases opened in the period: how many were accepted, how many of those within the accept deadline, the
     * same for resolving, and the shares (null when there is nothing to share).
     */
    @Serdeable
    public record Sla(long accepted, long acceptedOnTime, @Nullable Double acceptedOnTimeRate, long resolved,
                      long resolvedOnTime, @Nullable Double resolvedOnTimeRate) {
    }

    public Figures figures(Instant from, Instant to, @Nullable Agency agency) throws IOException {
        SearchResponse<Void> opened = es.search(s -> s.index(index).ignoreUnavailable(true).allowNoIndices(true)
                .size(0).trackTotalHits(t -> t.enabled(true)).query(within("openedAt", from, to, agency))
                .aggregations("state", a -> a.terms(t -> t.field("state").size(10)))
                .aggregations("lead", a -> a.terms(t -> t.field("leadAgency").size(10)))
                .aggregations("accepted", a -> a.filter(f -> f.exists(e -> e.field("acceptedAt"))))
                .aggregations("acceptedOnTime", a -> a.filter(f -> f.term(t -> t.field("acceptedOnTime").value(true))))
                .aggregations("resolved", a -> a.filter(f -> f.exists(e -> e.field("resolvedAt"))))
                .aggregations("resolvedOnTime", a -> a.filter(f -> f.term(t -> t.field("resolvedOnTime").value(true)))),
                Void.class);
        SearchResponse<Void> resolved = es.search(s -> s.index(index).ignoreUnavailable(true).allowNoIndices(true)
                .size(0).trackTotalHits(t -> t.enabled(true)).query(within("resolvedAt", from, to, agency))
                .aggregations("amount", a -> a.sum(m -> m.field("outcome.amountRecovered")))
                .aggregations("workers", a -> a.sum(m -> m.field("outcome.workersHelped")))
                .aggregations("legalAid", a -> a.sum(m -> m.field("outcome.legalAidCases"))), Void.class);
        if (opened.aggregations().isEmpty()) {
            return new Figures(0, Map.of(), Map.of(), new Sla(0, 0, null, 0, 0, null), 0, BigDecimal.ZERO, 0, 0);
        }
        long accepted = count(opened, "accepted");
        long acceptedOnTime = count(opened, "acceptedOnTime");
        long resolvedOfOpened = count(opened, "resolved");
        long resolvedOnTime = count(opened, "resolvedOnTime");
        return new Figures(total(opened), counts(opened.aggregations().get("state")),
                counts(opened.aggregations().get("lead")),
                new Sla(accepted, acceptedOnTime, rate(acceptedOnTime, accepted), resolvedOfOpened, resolvedOnTime,
                        rate(resolvedOnTime, resolvedOfOpened)),
                total(resolved), BigDecimal.valueOf(sum(resolved, "amount")).setScale(2, RoundingMode.HALF_UP),
                Math.round(sum(resolved, "workers")), Math.round(sum(resolved, "legalAid")));
    }

    private static Query within(String field, Instant from, Instant to, Agency agency) {
        Query range = Query.of(q -> q.range(r -> r.date(d -> d.field(field).gte(from.toString()).lt(to.toString()))));
        return agency == null ? range : Query.of(q -> q.bool(b -> b.filter(range)
                .filter(f -> f.term(t -> t.field("agencies").value(agency.name())))));
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(1000.0 * part / whole) / 1000.0;
    }

    private static long count(SearchResponse<Void> r, String name) {
        return r.aggregations().get(name).filter().docCount();
    }

    private static double sum(SearchResponse<Void> r, String name) {
        Aggregate a = r.aggregations().get(name);
        return a == null ? 0 : a.sum().value();
    }

}
