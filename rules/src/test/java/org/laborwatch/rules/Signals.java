package org.laborwatch.rules;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.laborwatch.rules.fact.CreditCode;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.fact.SignalSource;
import org.laborwatch.rules.fact.SignalType;

/** Test signals with named instants, in the manner of flink-training's LongRidesTestBase. */
public final class Signals {
    public static final String E1 = CreditCode.withCheckCharacter("91370211MA3C00001");
    public static final String E2 = CreditCode.withCheckCharacter("91370202MA3C00002");
    public static final Instant DAY_0 = Instant.parse("2025-06-02T02:00:00Z");
    private static final AtomicLong IDS = new AtomicLong();

    private Signals() {
    }

    public static Instant day(int n) {
        return DAY_0.plus(Duration.ofDays(n));
    }

    public static Signal signal(SignalType type, String enterprise, Instant at, Long amount, Integer workers,
                                Integer months, Map<String, String> attributes) {
        return new Signal("T-" + IDS.incrementAndGet(), type, enterprise, "青岛测试建筑工程有限公司", "黄岛区", "建筑业",
                SignalSource.HRSS, at, amount == null ? null : BigDecimal.valueOf(amount), workers, months, attributes);
    }

    public static Signal wageArrears(String e, int months, int workers, long amount, Instant at) {
        return signal(SignalType.WAGE_ARREARS, e, at, amount, workers, months, Map.of());
    }

    public static Signal complaint(String e, String complainant, Instant at) {
        return signal(SignalType.COMPLAINT, e, at, null, 1, null, Map.of("complainant", complainant));
    }

    public static Signal consultation(String e, Instant at) {
        return signal(SignalType.CONSULTATION, e, at, null, null, null, Map.of());
    }

    public static Signal arrears(SignalType type, String e, int months, Instant at) {
        return signal(type, e, at, 10_000L, null, months, Map.of());
    }

    public static Signal of(SignalType type, String e, Instant at) {
        return signal(type, e, at, null, null, null, Map.of());
    }

    public static Signal withWorkers(SignalType type, String e, int workers, Instant at) {
        return signal(type, e, at, null, workers, null, Map.of());
    }

    public static Signal status(String e, String status, Instant at) {
        return signal(SignalType.ENTERPRISE_STATUS, e, at, null, null, null, Map.of("status", status));
    }

    /** The same signal as reported by another source. */
    public static Signal from(SignalSource source, Signal s) {
        return new Signal(s.id(), s.type(), s.enterpriseId(), s.enterpriseName(), s.district(), s.industry(), source,
                s.occurredAt(), s.amount(), s.workers(), s.months(), s.attributes());
    }

    public static Signal outcome(String e, String outcome, Instant at) {
        return signal(SignalType.CASE_OUTCOME, e, at, 0L, null, null, Map.of("outcome", outcome));
    }

    /**
     * A case outcome as the service sends it when an agency resolves a case: a deterministic id, the lead agency as
     * source, the wages recovered as amount, the workers helped, the outcome, the case and its legal-aid cases.
     */
    public static Signal caseOutcome(String e, String outcome, long recovered, Instant at) {
        long n = IDS.incrementAndGet();
        return new Signal("case-outcome:C-" + n + ":1", SignalType.CASE_OUTCOME, e, "青岛测试建筑工程有限公司", "黄岛区",
                "建筑业", SignalSource.UNION, at, BigDecimal.valueOf(recovered), 12, null,
                Map.of("outcome", outcome, "caseId", "C-" + n, "legalAidCases", "2"));
    }
}
