package org.laborwatch.api.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import org.laborwatch.rules.risk.Agency;

/**
 * A user as stored in Elasticsearch. The password is kept only as its bcrypt hash, which never leaves the service
 * ({@link UserView} is what the API shows).
 */
@Serdeable
public record User(String username, Role role, @Nullable Agency agency, String passwordHash, boolean disabled,
                   Instant createdAt, String createdBy) {

    public User disabled(boolean disabled) {
        return new User(username, role, agency, passwordHash, disabled, createdAt, createdBy);
    }

    public User withPasswordHash(String hash) {
        return new User(username, role, agency, hash, disabled, createdAt, createdBy);
    }
}
