package org.laborwatch.api.identity;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.util.List;

/** {@code /api/users}: admins add users, list them, and disable or enable them. */
@Controller("/api/users")
@Secured(Roles.ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "identity")
class UsersController {
    private static final String USERNAME = "[a-z0-9][a-z0-9._-]{1,31}";
    private final UserService users;

    UsersController(UserService users) {
        this.users = users;
    }

    @Get
    @Operation(summary = "Every user, by name (admins only)")
    List<UserView> list() throws IOException {
        return users.all();
    }

    @Post
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Add a user (admins only)", description = "AGENCY_HANDLER and AGENCY_LEAD need an agency; "
            + "the password is stored as a bcrypt hash.")
    UserView create(@Body @Valid NewUser user, Authentication admin) throws IOException {
        return users.create(user, admin.getName());
    }

    @Post("/{username}/disable")
    @Operation(summary = "Disable a user: their sign-ins and tokens stop working (admins only)")
    UserView disable(@PathVariable @Pattern(regexp = USERNAME) String username, Authentication admin)
            throws IOException {
        return users.setDisabled(username, true, admin.getName());
    }

    @Post("/{username}/enable")
    @Operation(summary = "Enable a disabled user again (admins only)")
    UserView enable(@PathVariable @Pattern(regexp = USERNAME) String username, Authentication admin)
            throws IOException {
        return users.setDisabled(username, false, admin.getName());
    }
}
