package org.laborwatch.api.cases;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import org.laborwatch.rules.risk.RiskLevel;

/** How long a case of each level may wait to be accepted and to be resolved (DESIGN.md defaults, configurable). */
@Singleton
public class Sla {
    private final Duration redAccept;
    private final Duration redResolve;
    private final Duration orangeAccept;
    private final Duration orangeResolve;
    private final Duration yellowAccept;
    private final Duration yellowResolve;

    Sla(@Value("${laborwatch.cases.sla.red-accept:4h}") Duration redAccept,
        @Value("${laborwatch.cases.sla.red-resolve:7d}") Duration redResolve,
        @Value("${laborwatch.cases.sla.orange-accept:24h}") Duration orangeAccept,
        @Value("${laborwatch.cases.sla.orange-resolve:15d}") Duration orangeResolve,
        @Value("${laborwatch.cases.sla.yellow-accept:72h}") Duration yellowAccept,
        @Value("${laborwatch.cases.sla.yellow-resolve:30d}") Duration yellowResolve) {
        this.redAccept = redAccept;
        this.redResolve = redResolve;
        this.orangeAccept = orangeAccept;
        this.orangeResolve = orangeResolve;
        this.yellowAccept = yellowAccept;
        this.yellowResolve = yellowResolve;
    }

    Instant acceptDue(RiskLevel level, Instant from) {
        return from.plus(switch (level) {
            case RED -> redAccept;
            case ORANGE -> orangeAccept;
            default -> yellowAccept;
        });
    }

    Instant resolveDue(RiskLevel level, Instant from) {
        return from.plus(switch (level) {
            case RED -> redResolve;
            case ORANGE -> orangeResolve;
            default -> yellowResolve;
        });
    }

    /** 3 for RED, 2 for ORANGE, 1 below; each missed deadline adds one. */
    static int basePriority(RiskLevel level) {
        return switch (level) {
            case RED -> 3;
            case ORANGE -> 2;
            default -> 1;
        };
    }
}
