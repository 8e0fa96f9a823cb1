package org.laborwatch.api.cases;

import org.laborwatch.rules.risk.RiskLevel;

/** A queue's filters; any may be null. {@code overdue} is judged at the time of asking. */
record CaseFilter(CaseState state, RiskLevel level, String district, Boolean overdue, String enterpriseId,
                  int limit, int offset) {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    static final int MAX_OFFSET = 10_000;
}
