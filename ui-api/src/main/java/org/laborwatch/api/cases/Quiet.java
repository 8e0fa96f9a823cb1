package org.laborwatch.api.cases;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.RiskLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which new alerts the agencies' streams keep quiet, the way Alertmanager's silences and inhibitions work: an alert
 * of an enterprise whose open case a lead has silenced, and an alert below the level of the enterprise's open case
 * (the case already has the agencies' attention). Such alerts still join the case and stay in the feeds.
 *
 * <p>The streams ask for every alert, so the open cases are held here: changed at once by this instance's writes and
 * read again from Elasticsearch every few seconds for the other instances'.
 */
@Singleton
public class Quiet {
    private static final Logger LOG = LoggerFactory.getLogger(Quiet.class);
    static final Duration RELOAD = Duration.ofSeconds(5);
    private static final int MAX_OPEN_CASES = 10_000;

    private final CaseRepository cases;
    private final Clock clock;
    private final Map<String, Hold> byEnterprise = new ConcurrentHashMap<>();
    private volatile Instant loadedAt = Instant.MIN;

    /** What an enterprise's open case holds back: alerts below its level, and any until the silence ends. */
    record Hold(RiskLevel level, Instant silencedUntil) {
    }

    Quiet(CaseRepository cases, Clock clock) {
        this.cases = cases;
        this.clock = clock;
    }

    /** Whether an alert of this level, joining this case now, should reach the agencies. */
    static boolean notifies(Case c, RiskLevel alertLevel, Instant now) {
        return c.silenceAt(now) == null && alertLevel.compareTo(c.level()) >= 0;
    }

    /** True when the streams should not announce this alert. */
    public boolean quiets(Alert alert) {
        Instant now = clock.instant();
        reloadIfStale(now);
        Hold hold = byEnterprise.get(alert.enterpriseId());
        if (hold == null) {
            return false;
        }
        return (hold.silencedUntil() != null && now.isBefore(hold.silencedUntil()))
                || alert.level().compareTo(hold.level()) < 0;
    }

    void remember(Case c) {
        if (c.state().isOpen()) {
            byEnterprise.put(c.enterpriseId(), holdOf(c));
        } else {
            byEnterprise.remove(c.enterpriseId());
        }
    }

    private static Hold holdOf(Case c) {
        Instant until = c.silences().stream().map(Silence::until).max(Instant::compareTo).orElse(null);
        return new Hold(c.level(), until);
    }

    private void reloadIfStale(Instant now) {
        if (now.isBefore(loadedAt.plus(RELOAD)) && !now.isBefore(loadedAt)) {
            return;
        }
        loadedAt = now;
        try {
            Map<String, Hold> fresh = new java.util.HashMap<>();
            for (StoredCase s : cases.open(MAX_OPEN_CASES)) {
                fresh.put(s.value().enterpriseId(), holdOf(s.value()));
            }
            byEnterprise.keySet().retainAll(fresh.keySet());
            byEnterprise.putAll(fresh);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Open cases not reloaded ({}); streams quiet alerts by what was known", e.toString());
        }
    }
}
