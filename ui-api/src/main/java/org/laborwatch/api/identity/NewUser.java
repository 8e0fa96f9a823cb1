package org.laborwatch.api.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.laborwatch.rules.risk.Agency;

/** A user an admin adds. Agency roles need an agency; the others have none. */
@Serdeable
public record NewUser(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{1,31}",
                message = "2 to 32 lower-case letters, digits, '.', '_' or '-'") String username,
        @NotNull Role role,
        @Nullable Agency agency,
        @NotBlank @Size(min = Passwords.MIN_LENGTH, max = 128) String password) {

    @Override
    public String toString() {
        return "NewUser[" + username + ", " + role + ", " + agency + "]"; // never the password
    }
}
