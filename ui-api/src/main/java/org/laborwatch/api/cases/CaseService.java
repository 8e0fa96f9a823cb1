package org.laborwatch.api.cases;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.laborwatch.api.alert.AlertLookup;
import org.laborwatch.api.alert.Views;
import org.laborwatch.api.audit.AuditRecord;
import org.laborwatch.api.audit.AuditTrail;
import org.laborwatch.api.backend.CityTime;
import org.laborwatch.api.enterprise.RiskLookup;
import org.laborwatch.api.identity.Caller;
import org.laborwatch.api.identity.Role;
import org.laborwatch.api.problem.BadRequest;
import org.laborwatch.api.problem.Forbidden;
import org.laborwatch.api.problem.NotFound;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.RiskLevel;
import org.laborwatch.rules.risk.RiskSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cases workflow: who sees and changes what (the {@link Workflow} table), every change made on the version read
 * (a concurrent change means reading again and deciding again, never overwriting), and every change audited.
 */
@Singleton
class CaseService {
    static final String SYSTEM = "system";
    private static final Logger LOG = LoggerFactory.getLogger(CaseService.class);
    /** A change that keeps meeting concurrent ones gives up after this many tries, with a 409. */
    private static final int ATTEMPTS = 20;

    private final CaseRepository cases;
    private final Sla sla;
    private final Clock clock;
    private final AuditTrail audit;
    private final CaseEvents events;
    private final OutcomeSignals outcomes;
    private final AlertLookup alerts;
    private final RiskLookup risks;
    private final CaseViews views;
    private final Quiet quiet;
    private final CityTime time;

    CaseService(CaseRepository cases, Sla sla, Clock clock, AuditTrail audit, CaseEvents events,
                OutcomeSignals outcomes, AlertLookup alerts, RiskLookup risks, CaseViews views, Quiet quiet,
                CityTime time) {
        this.cases = cases;
        this.sla = sla;
        this.clock = clock;
        this.audit = audit;
        this.events = events;
        this.outcomes = outcomes;
        this.alerts = alerts;
        this.risks = risks;
        this.views = views;
        this.quiet = quiet;
        this.time = time;
    }

    /** A change to a case as read; it throws when the case as read does not allow it. */
    @FunctionalInterface
    interface Change {
        Case apply(StoredCase read, Instant now) throws IOException;
    }

    /** What a change did, for the audit trail and the notification. */
    record Done(StoredCase before, StoredCase after) {
    }

    CaseViews.CasePage queue(Caller caller, CaseFilter filter) throws IOException {
        Agency agency = caller.seesAllAgencies() ? null : caller.agency();
        List<CaseViews.CaseSummary> items = cases.queue(agency, filter, clock.instant()).stream()
                .map(s -> views.summary(s.value())).toList();
        return new CaseViews.CasePage(items, filter.offset(), filter.limit());
    }

    /** The case, if the caller may see it; a case they may not is answered like one that does not exist. */
    StoredCase visible(Caller caller, String id) throws IOException {
        StoredCase stored = cases.find(id).orElseThrow(() -> new NotFound("no case " + id));
        if (!Workflow.sees(caller, stored.value())) {
            throw new NotFound("no case " + id);
        }
        return stored;
    }

    CaseViews.CaseDetail detail(StoredCase stored) throws IOException {
        Case c = stored.value();
        List<Views.AlertSummary> summaries = alerts.byIds(c.alertIds()).stream()
                .map(a -> Views.summary(a, List.of(), time.zone())).toList();
        RiskSnapshot risk = risks.current(c.enterpriseId()).orElse(null);
        return views.detail(c, summaries, risk);
    }

    // ---- opening ----

    /**
     * An alert opens a case for its enterprise, or joins the open one. An alert some case already holds changes
     * nothing, so reading lw.alerts again (a restart, a replay) opens nothing twice.
     */
    Optional<StoredCase> fromAlert(Alert alert) throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (cases.holdsAlert(alert.enterpriseId(), alert.id())) {
                return Optional.empty();
            }
            List<StoredCase> all = cases.ofEnterprise(alert.enterpriseId());
            Optional<StoredCase> open = all.stream().filter(s -> s.value().state().isOpen()).findFirst();
            Instant now = clock.instant();
            if (open.isPresent()) {
                Optional<StoredCase> joined = save(open.get(), attach(open.get().value(), alert, now), null,
                        CaseAction.ALERT_ATTACHED, alert.id());
                if (joined.isPresent()) {
                    return joined;
                }
                continue; // the case changed meanwhile: look again
            }
            if (alert.level().compareTo(RiskLevel.YELLOW) < 0) {
                return Optional.empty(); // BLUE alone opens nothing; it joins an open case only
            }
            Case opened = newCase(alert.enterpriseId() + "-" + (all.size() + 1), alert, now);
            Optional<StoredCase> created = cases.create(opened);
            if (created.isPresent()) {
                recordOpened(created.get(), null);
                return created;
            }
        }
        throw new IOException("case of " + alert.enterpriseId() + " kept changing while alert " + alert.id()
                + " joined it");
    }

    private Case newCase(String id, Alert alert, Instant now) {
        List<Agency> agencies = alert.agencies().isEmpty() ? List.of(Agency.HRSS) : alert.agencies();
        Instant acceptDue = sla.acceptDue(alert.level(), now);
        Instant resolveDue = sla.resolveDue(alert.level(), now);
        TimelineEntry opened = new TimelineEntry(now, SYSTEM, null, CaseAction.OPENED, null, CaseState.OPEN,
                alert.hits().isEmpty() ? null : alert.hits().get(0).reason(), alert.id(), true);
        return new Case(id, alert.enterpriseId(), alert.enterpriseName(), alert.district(), alert.industry(),
                alert.level(), Sla.basePriority(alert.level()), CaseState.OPEN, agencies.get(0), agencies,
                CaseOrigin.ALERT, null, List.of(alert.id()), now, SYSTEM, acceptDue, resolveDue, acceptDue, null,
                null, null, null, List.of(), List.of(), List.of(), List.of(), List.of(), null, 0, false,
                List.of(opened), now, null, null);
    }

    /**
     * Joins an alert to an open case. A higher level raises the case (its clocks shorten, counted from when it was
     * opened); an alert below the case's level, or one during a silence, is attached without notifying anyone.
     */
    private Case attach(Case c, Alert alert, Instant now) {
        boolean notify = Quiet.notifies(c, alert.level(), now);
        Case.Builder b = c.edit().involve(alert.agencies());
        b.alertIds.add(alert.id());
        if (alert.level().compareTo(c.level()) > 0) {
            b.level = alert.level();
            b.priority = Math.max(c.priority(), Sla.basePriority(alert.level()));
            b.acceptDueAt = earlier(c.acceptDueAt(), sla.acceptDue(alert.level(), c.openedAt()));
            b.resolveDueAt = earlier(c.resolveDueAt(), sla.resolveDue(alert.level(), c.openedAt()));
        }
        return b.log(new TimelineEntry(now, SYSTEM, null, CaseAction.ALERT_ATTACHED, null, null,
                alert.level().label() + "预警: " + (alert.hits().isEmpty() ? "" : alert.hits().get(0).reason()),
                alert.id(), notify)).build(now);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** A case opened by hand from a hotline call or a walk-in; the caller's agency leads it. */
    StoredCase openByHand(Caller caller, Requests.NewCase request) throws IOException {
        if (request.channel() == CaseOrigin.ALERT) {
            throw new BadRequest("channel: a case opened by hand comes from HOTLINE or WALK_IN");
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<StoredCase> all = cases.ofEnterprise(request.enterpriseId());
            Optional<StoredCase> open = all.stream().filter(s -> s.value().state().isOpen()).findFirst();
            if (open.isPresent()) {
                if (!Workflow.sees(caller, open.get().value())) {
                    // Another agency's case: add this one so the call is not lost, and say so in the timeline.
                    Optional<StoredCase> joined = save(open.get(), join(open.get().value(), caller, request,
                            clock.instant()), caller, CaseAction.OPENED, request.description());
                    if (joined.isPresent()) {
                        return joined.get();
                    }
                    continue;
                }
                throw CaseConflict.notAllowedNow("the enterprise already has an open case, " + open.get().value().id()
                        + ": add a note to it instead", open.get());
            }
            Instant now = clock.instant();
            RiskSnapshot risk = risks.current(request.enterpriseId()).orElse(null);
            RiskLevel level = risk != null && risk.level().compareTo(RiskLevel.YELLOW) >= 0 ? risk.level()
                    : RiskLevel.YELLOW;
            Instant acceptDue = sla.acceptDue(level, now);
            Instant resolveDue = sla.resolveDue(level, now);
            TimelineEntry opened = new TimelineEntry(now, caller.username(), caller.agency(), CaseAction.OPENED,
                    null, CaseState.OPEN, request.description(), null, null);
            Case c = new Case(request.enterpriseId() + "-" + (all.size() + 1), request.enterpriseId(),
                    firstOf(request.enterpriseName(), risk == null ? null : risk.enterpriseName()),
                    firstOf(request.district(), risk == null ? null : risk.district()),
                    firstOf(request.industry(), risk == null ? null : risk.industry()), level,
                    Sla.basePriority(level), CaseState.OPEN, caller.agency(), List.of(caller.agency()),
                    request.channel(), request.description(), List.of(), now, caller.username(), acceptDue,
                    resolveDue, acceptDue, null, null, null, null, List.of(), List.of(), List.of(), List.of(),
                    List.of(), null, 0, false, List.of(opened), now, null, null);
            Optional<StoredCase> created = cases.create(c);
            if (created.isPresent()) {
                recordOpened(created.get(), caller);
                return created.get();
            }
        }
        throw new IOException("the cases of " + request.enterpriseId() + " kept changing");
    }

    private static Case join(Case c, Caller caller, Requests.NewCase request, Instant now) {
        return c.edit().involve(List.of(caller.agency()))
                .log(new TimelineEntry(now, caller.username(), caller.agency(), CaseAction.OPENED, null, null,
                        request.channel() + ": " + request.description(), null, null)).build(now);
    }

    private static String firstOf(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private void recordOpened(StoredCase created, Caller caller) {
        Case c = created.value();
        audit.record(auditOf(caller, CaseAction.OPENED, null, created, c.description()));
        events.publish(eventOf(created, CaseAction.OPENED, c.description()));
        quiet.remember(c);
    }

    // ---- changes ----

    StoredCase transition(Caller caller, String id, String ifMatch, Requests.Transition request) throws IOException {
        StoredCase saved = change(caller, id, ifMatch, CaseAction.TRANSITION, request.comment(),
                (read, now) -> moved(caller, read, request, now));
        if (saved.value().state() == CaseState.RESOLVED && !saved.value().outcomeSignalled()) {
            saved = signalOutcome(saved).orElse(saved);
        }
        return saved;
    }

    private Case moved(Caller caller, StoredCase read, Requests.Transition request, Instant now) throws IOException {
        Case c = read.value();
        Workflow.Move move = Workflow.move(c.state(), request.to()).orElseThrow(() -> CaseConflict.notAllowedNow(
                "a case that is " + c.state() + " cannot go to " + request.to() + "; it can go to "
                        + Workflow.next(c.state()), read));
        if (!Workflow.may(caller, c, move.who())) {
            throw new Forbidden(describe(move));
        }
        Case.Builder b = c.edit();
        switch (request.to()) {
            case DISPATCHED -> {
                Agency lead = request.leadAgency() != null ? request.leadAgency() : caller.agency();
                b.lead(lead);
                b.dispatchedAt = now;
            }
            case ACCEPTED -> b.acceptedAt = now;
            case RESOLVED -> {
                if (request.outcome() == null) {
                    throw new BadRequest("outcome: resolving a case records its outcome (kind, amountRecovered, "
                            + "workersHelped)");
                }
                b.outcome = request.outcome();
                b.resolvedAt = now;
                b.resolutions = c.resolutions() + 1;
                b.outcomeSignalled = false;
            }
            case CLOSED -> b.closedAt = now;
            case REOPENED -> {
                Optional<StoredCase> other = cases.ofEnterprise(c.enterpriseId()).stream()
                        .filter(s -> s.value().state().isOpen() && !s.value().id().equals(c.id())).findFirst();
                if (other.isPresent()) {
                    throw CaseConflict.notAllowedNow("the enterprise has another open case, "
                            + other.get().value().id() + ": work on that one", read);
                }
                b.closedAt = null;
                b.resolveDueAt = sla.resolveDue(c.level(), now);
            }
            default -> {
            }
        }
        b.state = request.to();
        return b.log(new TimelineEntry(now, caller.username(), caller.agency(), CaseAction.TRANSITION, c.state(),
                request.to(), request.comment(), null, null)).build(now);
    }

    private static String describe(Workflow.Move move) {
        return switch (move.who()) {
            case LEAD_OF_CASE_AGENCY -> "only a lead of one of the case's agencies may move it to " + move.to();
            case LEAD_OF_LEAD_AGENCY -> "only a lead of the lead agency may move it to " + move.to();
            case STAFF_OF_LEAD_AGENCY -> "only the lead agency's handlers and leads may move it to " + move.to();
        };
    }

    StoredCase note(Caller caller, String id, String ifMatch, String text) throws IOException {
        return change(caller, id, ifMatch, CaseAction.NOTE, text, (read, now) -> {
            requireWorker(caller, read.value());
            Case.Builder b = read.value().edit();
            b.notes.add(new Note(now, caller.username(), caller.agency(), text));
            return b.log(TimelineEntry.of(now, caller.username(), caller.agency(), CaseAction.NOTE, text)).build(now);
        });
    }

    StoredCase feedback(Caller caller, String id, String ifMatch, String text) throws IOException {
        return change(caller, id, ifMatch, CaseAction.FEEDBACK, text, (read, now) -> {
            requireWorker(caller, read.value());
            Case.Builder b = read.value().edit();
            b.feedback.add(new Note(now, caller.username(), caller.agency(), text));
            return b.log(TimelineEntry.of(now, caller.username(), caller.agency(), CaseAction.FEEDBACK, text))
                    .build(now);
        });
    }

    StoredCase silence(Caller caller, String id, String ifMatch, Requests.SilenceFor request) throws IOException {
        StoredCase saved = change(caller, id, ifMatch, CaseAction.SILENCED, request.comment(), (read, now) -> {
            Case c = read.value();
            if (!(caller.role() == Role.AGENCY_LEAD && c.involves(caller.agency()))) {
                throw new Forbidden("only a lead of one of the case's agencies may silence its alerts");
            }
            if (!c.state().isOpen()) {
                throw CaseConflict.notAllowedNow("only an open case's alerts can be silenced", read);
            }
            Instant until = now.plus(Duration.ofHours(request.hours()));
            Case.Builder b = c.edit();
            b.silences.add(new Silence(now, caller.username(), until, request.comment()));
            return b.log(TimelineEntry.of(now, caller.username(), caller.agency(), CaseAction.SILENCED,
                    "静默至 " + until.atZone(time.zone()).toLocalDateTime() + ": " + request.comment())).build(now);
        });
        quiet.remember(saved.value());
        return saved;
    }

    private static void requireWorker(Caller caller, Case c) {
        if (!Workflow.worksOn(caller, c)) {
            throw new Forbidden("notes and feedback come from the staff of the case's agencies");
        }
    }

    /**
     * Applies a change to the case as it is now. With {@code ifMatch}, only to that version (412 otherwise); without,
     * a concurrent change makes it read the case again and decide again, so either both changes land or the later
     * one gets a 409 with the case as it then is — never a lost write.
     */
    StoredCase change(Caller caller, String id, String ifMatch, CaseAction action, String detail, Change change)
            throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            StoredCase read = visible(caller, id);
            if (ifMatch != null && !ifMatch.equals(read.etag())) {
                throw CaseConflict.stale(read);
            }
            Instant now = clock.instant();
            Optional<StoredCase> saved = save(read, change.apply(read, now), caller, action, detail);
            if (saved.isPresent()) {
                return saved.get();
            }
        }
        throw CaseConflict.notAllowedNow("the case kept changing while this change was made; read it again",
                visible(caller, id));
    }

    /** Writes the change if the case is still as read; audits and announces it. Empty on a concurrent change. */
    Optional<StoredCase> save(StoredCase read, Case after, Caller caller, CaseAction action, String detail)
            throws IOException {
        Optional<StoredCase> saved = cases.replace(read, after);
        saved.ifPresent(s -> {
            audit.record(auditOf(caller, action, read, s, detail));
            if (read.value().state() != s.value().state() || action == CaseAction.ESCALATED
                    || (action == CaseAction.ALERT_ATTACHED && s.value().level() != read.value().level())) {
                events.publish(eventOf(s, action, detail));
            }
            quiet.remember(s.value());
        });
        return saved;
    }

    /** Sends a resolved case's outcome to lw.signals and marks it sent; left for the next pass when Kafka is away. */
    Optional<StoredCase> signalOutcome(StoredCase resolved) throws IOException {
        try {
            outcomes.send(resolved.value());
        } catch (Exception e) {
            LOG.warn("The outcome of case {} is not on lw.signals yet ({}); the escalation pass sends it again",
                    resolved.value().id(), e.toString());
            return Optional.empty();
        }
        Instant now = clock.instant();
        Case.Builder b = resolved.value().edit().log(new TimelineEntry(now, SYSTEM, null,
                CaseAction.OUTCOME_SIGNALLED, null, null, OutcomeSignals.signalOf(resolved.value()).id(), null, null));
        b.outcomeSignalled = true;
        return save(resolved, b.build(now), null, CaseAction.OUTCOME_SIGNALLED, null);
    }

    // ---- audit and events ----

    private AuditRecord auditOf(Caller caller, CaseAction action, StoredCase before, StoredCase after,
                                String detail) {
        Case c = after.value();
        return new AuditRecord(c.id() + "@" + after.seqNo() + "-" + after.primaryTerm(), c.updatedAt(),
                caller == null ? SYSTEM : caller.username(), caller == null ? null : caller.role(),
                caller == null ? null : caller.agency(), action.name(), "case/" + c.id(), detail,
                before == null ? null : facts(before.value()), facts(c));
    }

    /** What the audit trail keeps of a case at each version: everything but the long lists, which it counts. */
    static Map<String, Object> facts(Case c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", c.state().name());
        m.put("level", c.level().name());
        m.put("priority", c.priority());
        m.put("leadAgency", c.leadAgency().name());
        m.put("agencies", c.agencies().stream().map(Enum::name).toList());
        m.put("nextDueAt", c.nextDueAt() == null ? null : c.nextDueAt().toString());
        m.put("alerts", c.alertIds().size());
        m.put("notes", c.notes().size());
        m.put("feedback", c.feedback().size());
        m.put("letters", c.letters().stream().map(Letter::number).toList());
        m.put("escalations", c.escalations().size());
        m.put("silences", c.silences().size());
        if (c.outcome() != null) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("kind", c.outcome().kind().name());
            o.put("amountRecovered", c.outcome().amountRecovered());
            o.put("workersHelped", c.outcome().workersHelped());
            o.put("legalAidCases", c.outcome().legalAidCases());
            m.put("outcome", o);
        }
        m.put("outcomeSignalled", c.outcomeSignalled());
        return m;
    }

    private static CaseEvent eventOf(StoredCase s, CaseAction action, String detail) {
        Case c = s.value();
        return new CaseEvent(c.id() + "@" + s.seqNo() + "-" + s.primaryTerm(), action, c.id(), c.enterpriseId(),
                c.enterpriseName(), c.level(), c.state(), new ArrayList<>(c.agencies()), c.updatedAt(), detail);
    }
}
