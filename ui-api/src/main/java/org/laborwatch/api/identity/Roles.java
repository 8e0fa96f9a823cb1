package org.laborwatch.api.identity;

/** Role names for {@code @Secured}, which takes strings. */
public final class Roles {
    public static final String HANDLER = "AGENCY_HANDLER";
    public static final String LEAD = "AGENCY_LEAD";
    public static final String ANALYST = "ANALYST";
    public static final String RULE_AUTHOR = "RULE_AUTHOR";
    public static final String ADMIN = "ADMIN";

    private Roles() {
    }
}
