package org.laborwatch.api.identity;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Serdeable
public record LoginRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 128) String password) {

    @Override
    public String toString() {
        return "LoginRequest[" + username + "]"; // never the password
    }
}
