package org.laborwatch.api.cases;

import co.elastic.clients.elasticsearch._types.FieldValue;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.RiskLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The escalation pass: finds open cases whose running deadline has passed and escalates each once per deadline —
 * priority up one, an unaccepted RED case re-routed to all five agencies, a timeline entry, an audit record and a
 * notification. Deadlines are timestamps in the cases, so a pass that runs late (or on another instance) escalates
 * the same cases, only later; it also sends outcomes that did not reach lw.signals when the case was resolved.
 */
@Singleton
public class Escalations {
    private static final Logger LOG = LoggerFactory.getLogger(Escalations.class);
    private static final int PAGE = 100;
    static final int MAX_PRIORITY = 9;

    private final CaseRepository cases;
    private final CaseService service;
    private final Clock clock;

    Escalations(CaseRepository cases, CaseService service, Clock clock) {
        this.cases = cases;
        this.service = service;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${laborwatch.cases.escalation-interval:1m}", initialDelay = "10s")
    void scheduled() {
        try {
            pass();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Escalation pass stopped early ({}); the next one picks up where it left", e.toString());
        }
    }

    /** One pass at the clock's time; answers how many cases it escalated. */
    public int pass() throws IOException {
        Instant now = clock.instant();
        int escalated = 0;
        List<FieldValue> after = null;
        while (true) {
            List<StoredCase> page = cases.overdue(now, PAGE, after);
            for (StoredCase s : page) {
                if (escalate(s, now)) {
                    escalated++;
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            Case last = page.get(page.size() - 1).value();
            after = List.of(FieldValue.of(last.nextDueAt().toEpochMilli()), FieldValue.of(last.id()));
        }
        for (StoredCase resolved : cases.outcomesToSignal(PAGE)) {
            service.signalOutcome(resolved);
        }
        return escalated;
    }

    private boolean escalate(StoredCase read, Instant now) throws IOException {
        for (StoredCase s = read; s != null; s = cases.find(read.value().id()).orElse(null)) {
            Case c = s.value();
            if (!c.overdueAt(now)) {
                return false;
            }
            Escalation.Clock which = c.acceptedAt() == null ? Escalation.Clock.ACCEPT : Escalation.Clock.RESOLVE;
            boolean done = c.escalations().stream().anyMatch(e -> e.clock() == which && e.dueAt().equals(c.nextDueAt()));
            if (done) {
                return false;
            }
            if (service.save(s, escalated(c, which, now), null, CaseAction.ESCALATED, reason(c, which)).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static Case escalated(Case c, Escalation.Clock which, Instant now) {
        Case.Builder b = c.edit();
        List<Agency> added = new ArrayList<>();
        if (which == Escalation.Clock.ACCEPT && c.level() == RiskLevel.RED) {
            for (Agency agency : Agency.values()) {
                if (!c.involves(agency)) {
                    added.add(agency);
                }
            }
            b.involve(added);
        }
        b.priority = Math.min(MAX_PRIORITY, c.priority() + 1);
        b.escalations.add(new Escalation(which, c.nextDueAt(), now, added));
        return b.log(TimelineEntry.of(now, CaseService.SYSTEM, null, CaseAction.ESCALATED, reason(c, which)))
                .build(now);
    }

    private static String reason(Case c, Escalation.Clock which) {
        String late = Duration.between(c.openedAt(), c.nextDueAt()).toHours() + " 小时";
        return which == Escalation.Clock.ACCEPT
                ? c.level().label() + "案件超过受理时限(" + late + ")未受理,已升级"
                + (c.level() == RiskLevel.RED ? "并通知五方联动单位" : "")
                : c.level().label() + "案件超过办结时限(" + late + ")未化解,已升级";
    }
}
