package org.laborwatch.api.cases;

import java.util.List;
import java.util.Optional;
import org.laborwatch.api.identity.Caller;
import org.laborwatch.api.identity.Role;

/**
 * Which transitions exist and who may make them (DESIGN.md): leads dispatch, close and reopen; the lead agency's
 * staff accept, start and resolve; everybody else of the case's agencies adds notes and feedback; analysts and admins
 * read. The table is the whole workflow: nothing else moves a case.
 */
final class Workflow {

    /** Who may make a move. */
    enum Actor {
        /** an AGENCY_LEAD of any of the case's agencies */
        LEAD_OF_CASE_AGENCY,
        /** an AGENCY_LEAD of the lead agency */
        LEAD_OF_LEAD_AGENCY,
        /** an AGENCY_HANDLER or AGENCY_LEAD of the lead agency */
        STAFF_OF_LEAD_AGENCY
    }

    record Move(CaseState from, CaseState to, Actor who) {
    }

    static final List<Move> MOVES = List.of(
            new Move(CaseState.OPEN, CaseState.DISPATCHED, Actor.LEAD_OF_CASE_AGENCY),
            new Move(CaseState.REOPENED, CaseState.DISPATCHED, Actor.LEAD_OF_CASE_AGENCY),
            new Move(CaseState.DISPATCHED, CaseState.ACCEPTED, Actor.STAFF_OF_LEAD_AGENCY),
            new Move(CaseState.ACCEPTED, CaseState.IN_PROGRESS, Actor.STAFF_OF_LEAD_AGENCY),
            new Move(CaseState.REOPENED, CaseState.IN_PROGRESS, Actor.STAFF_OF_LEAD_AGENCY),
            new Move(CaseState.IN_PROGRESS, CaseState.RESOLVED, Actor.STAFF_OF_LEAD_AGENCY),
            new Move(CaseState.RESOLVED, CaseState.CLOSED, Actor.LEAD_OF_LEAD_AGENCY),
            new Move(CaseState.RESOLVED, CaseState.REOPENED, Actor.LEAD_OF_CASE_AGENCY),
            new Move(CaseState.CLOSED, CaseState.REOPENED, Actor.LEAD_OF_CASE_AGENCY));

    private Workflow() {
    }

    static Optional<Move> move(CaseState from, CaseState to) {
        return MOVES.stream().filter(m -> m.from() == from && m.to() == to).findFirst();
    }

    /** The states a case in {@code from} can go to next. */
    static List<CaseState> next(CaseState from) {
        return MOVES.stream().filter(m -> m.from() == from).map(Move::to).toList();
    }

    /** Sees the case at all: its agencies' staff, analysts and admins. Nobody else learns it exists. */
    static boolean sees(Caller caller, Case c) {
        return caller.seesAllAgencies() || (caller.role().needsAgency() && c.involves(caller.agency()));
    }

    /** Works on the case (notes, feedback): the staff of its agencies. */
    static boolean worksOn(Caller caller, Case c) {
        return caller.role().needsAgency() && c.involves(caller.agency());
    }

    static boolean may(Caller caller, Case c, Actor who) {
        boolean lead = caller.role() == Role.AGENCY_LEAD;
        return switch (who) {
            case LEAD_OF_CASE_AGENCY -> lead && c.involves(caller.agency());
            case LEAD_OF_LEAD_AGENCY -> lead && caller.agency() == c.leadAgency();
            case STAFF_OF_LEAD_AGENCY -> caller.role().needsAgency() && caller.agency() == c.leadAgency();
        };
    }
}
