package org.laborwatch.api.identity;

import io.micronaut.serde.annotation.Serdeable;

/** A signed token to send as {@code Authorization: Bearer <accessToken>}, valid {@code expiresIn} seconds. */
@Serdeable
public record LoginResponse(String accessToken, String tokenType, int expiresIn, UserView user) {
}
