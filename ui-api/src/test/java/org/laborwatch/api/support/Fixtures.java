package org.laborwatch.api.support;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.laborwatch.rules.fact.SignalType;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.Hit;
import org.laborwatch.rules.risk.RiskLevel;
import org.laborwatch.rules.risk.RiskSnapshot;
import org.laborwatch.rules.risk.SignalSummary;

/** Named instants, enterprises and factory methods for the service's tests. */
public final class Fixtures {
    public static final Instant DAY_0 = Instant.parse("2025-03-03T02:00:00Z");
    /** Valid codes (GB 32100 check characters). */
    public static final String BUILDER = "91370213MA3C8XTT4Q";
    public static final String MAKER = "91370211MA3C8XTT4U";
    public static final String HOTEL = "91370202MA3C8XTT4T";

    private Fixtures() {
    }

    public static Instant day(int n) {
        return DAY_0.plusSeconds(86_400L * n);
    }

    public static Alert alert(String id, String enterpriseId, String name, String district, String industry,
                              RiskLevel level, double score, Instant at, Agency... agencies) {
        Hit hit = new Hit("WAGE-003", 30, "欠薪 3 个月, 涉及 25 人", List.of("s-" + id), at, List.of(agencies),
                false);
        return new Alert(id, enterpriseId, name, district, industry, level, RiskLevel.NONE, score, 0, at,
                "HRSS:s-" + id, "v1", false, List.of(agencies), List.of(hit),
                List.of(new SignalSummary("s-" + id, SignalType.WAGE_ARREARS, at, 120_000.0, 25, 3)));
    }

    public static RiskSnapshot risk(String enterpriseId, String name, String district, String industry,
                                    double score, Instant asOf) {
        Hit hit = new Hit("WAGE-003", 30, "欠薪 3 个月, 涉及 25 人", List.of("s-1"), asOf,
                List.of(Agency.HRSS, Agency.UNION), false);
        return new RiskSnapshot(enterpriseId, name, district, industry, score, RiskLevel.forScore(score), asOf,
                List.of(hit), Map.of("wageArrearsMonthsMax", 3.0), "v1");
    }

    /** A complaint as the archive holds it, with the complainant's identity in its attributes. */
    public static Map.Entry<String, String> complaint(String id, String enterpriseId, Instant at, String complainant) {
        String json = "{\"id\":\"" + id + "\",\"type\":\"COMPLAINT\",\"enterpriseId\":\"" + enterpriseId
                + "\",\"source\":\"HOTLINE_12345\",\"occurredAt\":\"" + at + "\",\"workers\":3,"
                + "\"attributes\":{\"complainant\":\"" + complainant + "\",\"channel\":\"12345热线\"}}";
        return Map.entry("HOTLINE_12345:" + id, json);
    }

    public static Map.Entry<String, String> consultation(String id, String enterpriseId, Instant at) {
        String json = "{\"id\":\"" + id + "\",\"type\":\"CONSULTATION\",\"enterpriseId\":\"" + enterpriseId
                + "\",\"source\":\"UNION\",\"occurredAt\":\"" + at + "\"}";
        return Map.entry("UNION:" + id, json);
    }
}
