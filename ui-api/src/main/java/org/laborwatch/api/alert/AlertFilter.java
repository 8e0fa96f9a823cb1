package org.laborwatch.api.alert;

import java.time.Instant;
import org.laborwatch.rules.risk.RiskLevel;

/** What a feed request asks for; null means no condition. */
record AlertFilter(RiskLevel level, String district, String industry, Instant since, Instant until,
                   Boolean acknowledged, int limit, AlertCursor after) {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
}
