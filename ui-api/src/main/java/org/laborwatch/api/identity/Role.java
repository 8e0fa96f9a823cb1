package org.laborwatch.api.identity;

/** What a user may do (DESIGN.md). An agency role belongs to exactly one agency; the others to none. */
public enum Role {
    AGENCY_HANDLER,
    AGENCY_LEAD,
    ANALYST,
    RULE_AUTHOR,
    ADMIN;

    public boolean needsAgency() {
        return this == AGENCY_HANDLER || this == AGENCY_LEAD;
    }
}
