package org.laborwatch.api.cases;

/**
 * Where a case stands (DESIGN.md): {@code OPEN → DISPATCHED → ACCEPTED → IN_PROGRESS → RESOLVED → CLOSED}, and
 * {@code REOPENED} from resolved or closed. An enterprise has at most one case that is still open.
 */
public enum CaseState {
    OPEN("待分派"),
    DISPATCHED("已分派"),
    ACCEPTED("已受理"),
    IN_PROGRESS("处置中"),
    RESOLVED("已化解"),
    CLOSED("已结案"),
    REOPENED("已重启");

    private final String label;

    CaseState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Still being worked on: new alerts of the enterprise join it, and its clocks run. */
    public boolean isOpen() {
        return this != RESOLVED && this != CLOSED;
    }
}
