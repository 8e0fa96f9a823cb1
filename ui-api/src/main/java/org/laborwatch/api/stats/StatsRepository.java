package org.laborwatch.api.stats;

import static org.laborwatch.api.backend.Queries.counts;
import static org.laborwatch.api.backend.Queries.total;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.laborwatch.api.backend.Names;
import org.laborwatch.rules.risk.Agency;

/** The aggregations behind {@link Stats}: over the signal archive, the alerts and the current risk. */
@Singleton
class StatsRepository {
    /** Exact distinct counts up to this many enterprises (Elasticsearch's cardinality is exact below it). */
    static final int EXACT_UP_TO = 40_000;
    private final ElasticsearchClient es;
    private final Names names;

    StatsRepository(ElasticsearchClient es, Names names) {
        this.es = es;
        this.names = names;
    }

    record SignalFigures(long signals, long enterprises, long consultations) {
    }

    record AlertFigures(long alerts, Map<String, Long> byLevel, Map<String, Long> byAgency,
                        Map<String, Long> byDistrict, List<Stats.Week> byWeek) {
    }

    record RiskFigures(Map<String, Long> byLevel, List<Stats.AtRisk> districts, List<Stats.AtRisk> industries) {
    }

    SignalFigures signals(Instant from, Instant to) throws IOException {
        SearchResponse<Void> r = es.search(s -> s.index(names.signalsIndex()).ignoreUnavailable(true)
                .allowNoIndices(true).size(0).trackTotalHits(t -> t.enabled(true))
                .query(range("occurredAt", from, to))
                .aggregations("enterprises", a -> a.cardinality(c -> c.field("enterpriseId")
                        .precisionThreshold(EXACT_UP_TO)))
                .aggregations("consultations", a -> a.filter(f -> f.term(t -> t.field("type")
                        .value("CONSULTATION")))), Void.class);
        if (r.aggregations().isEmpty()) {
            return new SignalFigures(0, 0, 0); // no archive yet
        }
        return new SignalFigures(total(r), r.aggregations().get("enterprises").cardinality().value(),
                r.aggregations().get("consultations").filter().docCount());
    }

    AlertFigures alerts(Instant from, Instant to, Agency agency, ZoneId zone) throws IOException {
        Query inRange = range("raisedAt", from, to);
        Query query = agency == null ? inRange : Query.of(q -> q.bool(b -> b.filter(inRange)
                .filter(f -> f.term(t -> t.field("agencies").value(agency.name())))));
        SearchResponse<Void> r = es.search(s -> s.index(names.alertsIndex()).ignoreUnavailable(true)
                .allowNoIndices(true).size(0).trackTotalHits(t -> t.enabled(true)).query(query)
                .aggregations("level", a -> a.terms(t -> t.field("level").size(10)))
                .aggregations("agency", a -> a.terms(t -> t.field("agencies").size(10)))
                .aggregations("district", a -> a.terms(t -> t.field("district").size(50)))
                .aggregations("week", a -> a.dateHistogram(d -> d.field("raisedAt")
                        .calendarInterval(CalendarInterval.Week).timeZone(zone.getId()).minDocCount(1))),
                Void.class);
        Map<String, Long> byAgency = counts(r.aggregations().get("agency"));
        if (agency != null) {
            byAgency.keySet().retainAll(List.of(agency.name())); // the agency's share, not who else was told
        }
        List<Stats.Week> weeks = new ArrayList<>();
        Aggregate week = r.aggregations().get("week");
        (week == null ? List.<co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket>of()
                : week.dateHistogram().buckets().array()).forEach(b -> weeks.add(new Stats.Week(
                Instant.ofEpochMilli(b.key()).atZone(zone).toLocalDate(), b.docCount())));
        return new AlertFigures(total(r), counts(r.aggregations().get("level")), byAgency,
                counts(r.aggregations().get("district")), weeks);
    }

    RiskFigures risk(int top) throws IOException {
        Query atRisk = Query.of(q -> q.terms(t -> t.field("level").terms(v -> v.value(List.of(
                co.elastic.clients.elasticsearch._types.FieldValue.of("RED"),
                co.elastic.clients.elasticsearch._types.FieldValue.of("ORANGE"),
                co.elastic.clients.elasticsearch._types.FieldValue.of("YELLOW"))))));
        SearchResponse<Void> r = es.search(s -> s.index(names.riskIndex()).ignoreUnavailable(true)
                .allowNoIndices(true).size(0)
                .aggregations("level", a -> a.terms(t -> t.field("level").size(10)))
                .aggregations("atRisk", a -> a.filter(atRisk)
                        .aggregations("district", d -> d.terms(t -> t.field("district").size(top))
                                .aggregations("mean", m -> m.avg(v -> v.field("score"))))
                        .aggregations("industry", d -> d.terms(t -> t.field("industry").size(top))
                                .aggregations("mean", m -> m.avg(v -> v.field("score"))))), Void.class);
        Map<String, Aggregate> atRiskAggs = r.aggregations().isEmpty() ? Map.of()
                : r.aggregations().get("atRisk").filter().aggregations();
        return new RiskFigures(counts(r.aggregations().get("level")), ranked(atRiskAggs.get("district")),
                ranked(atRiskAggs.get("industry")));
    }

    private static Query range(String field, Instant from, Instant to) {
        return Query.of(q -> q.range(r -> r.date(d -> d.field(field).gte(from.toString()).lt(to.toString()))));
    }

    private static List<Stats.AtRisk> ranked(Aggregate aggregate) {
        List<Stats.AtRisk> ranked = new ArrayList<>();
        if (aggregate != null && aggregate.isSterms()) {
            for (StringTermsBucket b : aggregate.sterms().buckets().array()) {
                double mean = b.aggregations().get("mean").avg().value();
                ranked.add(new Stats.AtRisk(b.key().stringValue(), b.docCount(), Math.round(mean * 10) / 10.0));
            }
        }
        return ranked;
    }
}
