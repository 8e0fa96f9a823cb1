package org.laborwatch.api.stats;

import io.micronaut.core.annotation.Nullable;
import com.fasterxml.jackson.annotation.JsonFormat;
import io.micronaut.serde.annotation.Serdeable;
import org.laborwatch.api.cases.CaseStats;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.laborwatch.rules.risk.Agency;

/**
 * The figures a city reports for a period: enterprises screened (with at least one signal), consultations answered,
 * alerts by level, agency, district and week, enterprises by level now, and the districts and industries most at
 * risk; and the response's cases — opened, by state and lead agency, SLA compliance, yuan recovered, workers helped,
 * legal-aid cases. For an agency's users the alert and case figures count only what is routed to their agency
 * ({@code agency}).
 */
@Serdeable
public record Stats(OffsetDateTime from, OffsetDateTime to, @Nullable Agency agency, long signals,
                    long enterprisesScreened, long consultationsAnswered, long alerts,
                    Map<String, Long> alertsByLevel, Map<String, Long> alertsByAgency,
                    Map<String, Long> alertsByDistrict, List<Week> alertsByWeek,
                    Map<String, Long> enterprisesByLevelNow, List<AtRisk> topDistricts, List<AtRisk> topIndustries,
                    CaseStats.Figures cases) {

    /** Alerts raised in the week starting {@code weekOf} (a Monday, city time; a date, not the service's time format). */
    @Serdeable
    public record Week(@JsonFormat(pattern = "yyyy-MM-dd") LocalDate weekOf, long alerts) {
    }

    /** Enterprises at YELLOW or above now in a district or industry, and their mean score. */
    @Serdeable
    public record AtRisk(String name, long enterprisesAtRisk, double meanScore) {
    }
}
