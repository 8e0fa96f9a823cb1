package org.laborwatch.api.alert;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.laborwatch.rules.fact.SignalType;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.Hit;
import org.laborwatch.rules.risk.RiskLevel;
import org.laborwatch.rules.risk.SignalSummary;

/** What the API shows of alerts, hits and signals: times in the city's offset, levels and agencies with labels. */
public final class Views {

    private Views() {
    }

    @Serdeable
    public record AlertSummary(String id, String enterpriseId, String enterpriseName, String district,
                               String industry, RiskLevel level, String levelLabel, RiskLevel previousLevel,
                               double score, double previousScore, OffsetDateTime raisedAt, boolean critical,
                               List<Agency> agencies, @Nullable String reason, List<Agency> acknowledgedBy) {
    }

    @Serdeable
    public record AlertDetail(String id, String enterpriseId, String enterpriseName, String district,
                              String industry, RiskLevel level, String levelLabel, RiskLevel previousLevel,
                              double score, double previousScore, OffsetDateTime raisedAt, String triggerSignalId,
                              String ruleSetVersion, boolean critical, List<Agency> agencies,
                              List<HitView> hits, List<EvidenceView> signals,
                              List<AcknowledgementView> acknowledgements) {
    }

    @Serdeable
    public record HitView(String ruleId, int points, String reason, List<String> signalIds, OffsetDateTime at,
                          List<Agency> agencies, boolean critical) {
    }

    /** A signal behind a hit, as the alert carries it (no attributes, so no one's identity). */
    @Serdeable
    public record EvidenceView(String id, SignalType type, String typeLabel, OffsetDateTime occurredAt,
                               @Nullable Double amount, @Nullable Integer workers, @Nullable Integer months) {
    }

    @Serdeable
    public record AcknowledgementView(Agency agency, String agencyLabel, String by, OffsetDateTime at) {
    }

    /** A page of a feed; {@code next} fetches the following page, null at the end. */
    @Serdeable
    public record AlertPage(List<AlertSummary> items, @Nullable String next) {
    }

    /** An archived signal with its attributes, complainants' identities masked. */
    @Serdeable
    public record SignalView(String id, String type, @Nullable String source, @Nullable OffsetDateTime occurredAt,
                             @Nullable BigDecimal amount, @Nullable Integer workers, @Nullable Integer months,
                             Map<String, String> attributes) {
    }

    public static AlertSummary summary(Alert a, List<Acknowledgement> acks, ZoneId zone) {
        String reason = a.hits().isEmpty() ? null : a.hits().get(0).reason();
        return new AlertSummary(a.id(), a.enterpriseId(), a.enterpriseName(), a.district(), a.industry(), a.level(),
                a.level().label(), a.previousLevel(), a.score(), a.previousScore(), at(a.raisedAt(), zone),
                a.critical(), a.agencies(), reason, acks.stream().map(Acknowledgement::agency).distinct().toList());
    }

    static AlertDetail detail(Alert a, List<Acknowledgement> acks, ZoneId zone) {
        return new AlertDetail(a.id(), a.enterpriseId(), a.enterpriseName(), a.district(), a.industry(), a.level(),
                a.level().label(), a.previousLevel(), a.score(), a.previousScore(), at(a.raisedAt(), zone),
                a.triggerSignalId(), a.ruleSetVersion(), a.critical(), a.agencies(),
                a.hits().stream().map(h -> hit(h, zone)).toList(),
                a.signals().stream().map(s -> evidence(s, zone)).toList(),
                acks.stream().map(k -> new AcknowledgementView(k.agency(), k.agency().label(), k.by(),
                        at(k.at(), zone))).toList());
    }

    public static HitView hit(Hit h, ZoneId zone) {
        return new HitView(h.ruleId(), h.points(), h.reason(), h.signalIds(), at(h.at(), zone), h.agencies(),
                h.critical());
    }

    static EvidenceView evidence(SignalSummary s, ZoneId zone) {
        return new EvidenceView(s.id(), s.type(), s.type().name(), at(s.occurredAt(), zone), s.amount(), s.workers(),
                s.months());
    }

    public static OffsetDateTime at(Instant instant, ZoneId zone) {
        return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
    }
}
