package org.laborwatch.api.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import org.laborwatch.rules.risk.Agency;

/** A user as the API shows it: never its password hash. */
@Serdeable
public record UserView(String username, Role role, @Nullable Agency agency, @Nullable String agencyLabel,
                       boolean disabled, Instant createdAt, String createdBy) {

    static UserView of(User user) {
        return new UserView(user.username(), user.role(), user.agency(),
                user.agency() == null ? null : user.agency().label(), user.disabled(), user.createdAt(),
                user.createdBy());
    }
}
