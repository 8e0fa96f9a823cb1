package org.laborwatch.api.cases;

/** How a case came to be: from the engine's alert, or opened by hand from a hotline call or a walk-in. */
public enum CaseOrigin {
    ALERT,
    HOTLINE,
    WALK_IN
}
