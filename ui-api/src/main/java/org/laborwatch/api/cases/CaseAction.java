package org.laborwatch.api.cases;

/** What happened to a case, as its timeline and the audit trail name it. */
public enum CaseAction {
    OPENED,
    ALERT_ATTACHED,
    TRANSITION,
    NOTE,
    FEEDBACK,
    SILENCED,
    ESCALATED,
    LETTER_ISSUED,
    OUTCOME_SIGNALLED
}
