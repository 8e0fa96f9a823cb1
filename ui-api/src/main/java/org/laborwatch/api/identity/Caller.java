package org.laborwatch.api.identity;

import io.micronaut.security.authentication.Authentication;
import java.util.Map;
import org.laborwatch.rules.risk.Agency;

/** Who is asking: the signed-in user's name, role and, for agency roles, agency — read from the token. */
public record Caller(String username, Role role, Agency agency) {
    static final String AGENCY_CLAIM = "agency";

    public static Caller of(Authentication authentication) {
        Role role = authentication.getRoles().stream().map(Role::valueOf).findFirst()
                .orElseThrow(() -> new IllegalStateException("a token without a role"));
        Object agency = authentication.getAttributes().get(AGENCY_CLAIM);
        return new Caller(authentication.getName(), role, agency == null ? null : Agency.valueOf(agency.toString()));
    }

    static Map<String, Object> claimsOf(User user) {
        return user.agency() == null ? Map.of() : Map.of(AGENCY_CLAIM, user.agency().name());
    }

    /** Sees every agency's alerts: analysts and admins. */
    public boolean seesAllAgencies() {
        return role == Role.ANALYST || role == Role.ADMIN;
    }
}
