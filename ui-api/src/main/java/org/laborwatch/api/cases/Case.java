package org.laborwatch.api.cases;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * A case the agencies work on together: one enterprise's trouble, from the alerts (or the call) that opened it to its
 * outcome, with its whole timeline. Stored as one Elasticsearch document, written only if unchanged since it was read.
 *
 * <p>The clocks are timestamps ({@code acceptDueAt}, {@code resolveDueAt}); {@code nextDueAt} is the one that runs
 * now, so a queue sorts by it and "overdue" is a comparison with the time of asking, never a flag a missed job forgot.
 *
 * @param agencies     lead agency first, then the co-handling ones
 * @param priority     1 (YELLOW) to 3 (RED), plus one for each missed deadline
 * @param resolutions  how many times it was resolved (a reopened case can be resolved again)
 * @param outcomeSignalled whether the latest outcome is on {@code lw.signals} yet (sent again until it is)
 * @param acceptedOnTime   whether it was accepted by its deadline (derived; null until accepted)
 * @param resolvedOnTime   whether it was resolved by its deadline (derived; null until resolved)
 */
@Serdeable
public record Case(String id, String enterpriseId, @Nullable String enterpriseName, @Nullable String district,
                   @Nullable String industry, RiskLevel level, int priority, CaseState state, Agency leadAgency,
                   List<Agency> agencies, CaseOrigin origin, @Nullable String description, List<String> alertIds,
                   Instant openedAt, String openedBy, Instant acceptDueAt, Instant resolveDueAt,
                   @Nullable Instant nextDueAt, @Nullable Instant dispatchedAt, @Nullable Instant acceptedAt,
                   @Nullable Instant resolvedAt, @Nullable Instant closedAt, List<Escalation> escalations,
                   List<Silence> silences, List<Note> notes, List<Note> feedback, List<Letter> letters,
                   @Nullable Outcome outcome, int resolutions, boolean outcomeSignalled, List<TimelineEntry> timeline,
                   Instant updatedAt, @Nullable Boolean acceptedOnTime, @Nullable Boolean resolvedOnTime) {

    public Case {
        // Kept as fields (derived here, whatever was passed) so statistics count them without scripts.
        acceptedOnTime = acceptedAt == null ? null : !acceptedAt.isAfter(acceptDueAt);
        resolvedOnTime = resolvedAt == null ? null : !resolvedAt.isAfter(resolveDueAt);
        agencies = List.copyOf(agencies);
        alertIds = List.copyOf(alertIds);
        escalations = listOf(escalations);
        silences = listOf(silences);
        notes = listOf(notes);
        feedback = listOf(feedback);
        letters = listOf(letters);
        timeline = listOf(timeline);
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** The deadline that runs: accepting until accepted, then resolving until resolved; none once resolved. */
    static Instant nextDue(CaseState state, Instant acceptedAt, Instant acceptDueAt, Instant resolveDueAt) {
        if (!state.isOpen()) {
            return null;
        }
        return acceptedAt == null ? acceptDueAt : resolveDueAt;
    }

    public boolean overdueAt(Instant now) {
        return nextDueAt != null && now.isAfter(nextDueAt);
    }

    public boolean involves(Agency agency) {
        return agencies.contains(agency);
    }

    /** The silence in force at {@code now}, if any. */
    @Nullable
    public Silence silenceAt(Instant now) {
        return silences.stream().filter(s -> s.activeAt(now)).reduce((a, b) -> a.until().isAfter(b.until()) ? a : b)
                .orElse(null);
    }

    Builder edit() {
        return new Builder(this);
    }

    /** A changed copy: {@code case.edit().state(...).log(...).build()}. */
    static final class Builder {
        private final Case c;
        RiskLevel level;
        int priority;
        CaseState state;
        Agency leadAgency;
        List<Agency> agencies;
        List<String> alertIds;
        Instant acceptDueAt;
        Instant resolveDueAt;
        Instant dispatchedAt;
        Instant acceptedAt;
        Instant resolvedAt;
        Instant closedAt;
        final List<Escalation> escalations;
        final List<Silence> silences;
        final List<Note> notes;
        final List<Note> feedback;
        final List<Letter> letters;
        Outcome outcome;
        int resolutions;
        boolean outcomeSignalled;
        final List<TimelineEntry> timeline;

        private Builder(Case c) {
            this.c = c;
            level = c.level;
            priority = c.priority;
            state = c.state;
            leadAgency = c.leadAgency;
            agencies = new ArrayList<>(c.agencies);
            alertIds = new ArrayList<>(c.alertIds);
            acceptDueAt = c.acceptDueAt;
            resolveDueAt = c.resolveDueAt;
            dispatchedAt = c.dispatchedAt;
            acceptedAt = c.acceptedAt;
            resolvedAt = c.resolvedAt;
            closedAt = c.closedAt;
            escalations = new ArrayList<>(c.escalations);
            silences = new ArrayList<>(c.silences);
            notes = new ArrayList<>(c.notes);
            feedback = new ArrayList<>(c.feedback);
            letters = new ArrayList<>(c.letters);
            outcome = c.outcome;
            resolutions = c.resolutions;
            outcomeSignalled = c.outcomeSignalled;
            timeline = new ArrayList<>(c.timeline);
        }

        Builder log(TimelineEntry entry) {
            timeline.add(entry);
            return this;
        }

        /** Makes {@code agency} the lead (first), keeping the others as co-handlers. */
        Builder lead(Agency agency) {
            leadAgency = agency;
            agencies.remove(agency);
            agencies.add(0, agency);
            return this;
        }

        Builder involve(List<Agency> more) {
            for (Agency agency : more) {
                if (!agencies.contains(agency)) {
                    agencies.add(agency);
                }
            }
            return this;
        }

        Case build(Instant now) {
            return new Case(c.id, c.enterpriseId, c.enterpriseName, c.district, c.industry, level, priority, state,
                    leadAgency, agencies, c.origin, c.description, alertIds, c.openedAt, c.openedBy, acceptDueAt,
                    resolveDueAt, nextDue(state, acceptedAt, acceptDueAt, resolveDueAt), dispatchedAt, acceptedAt,
                    resolvedAt, closedAt, escalations, silences, notes, feedback, letters, outcome, resolutions,
                    outcomeSignalled, timeline, now, null, null);
        }
    }
}
