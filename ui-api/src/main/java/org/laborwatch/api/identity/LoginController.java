package org.laborwatch.api.identity;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.jwt.generator.JwtTokenGenerator;
import io.micronaut.security.token.generator.AccessTokenConfiguration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.io.IOException;
import org.laborwatch.api.problem.TooManyRequests;
import java.time.Duration;
import java.util.List;

/** {@code POST /api/login}: a username and password in, a signed token (JWT) out. */
@Controller("/api/login")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "identity")
class LoginController {
    private final UserService users;
    private final LoginThrottle throttle;
    private final JwtTokenGenerator tokens;
    private final AccessTokenConfiguration tokenConfiguration;

    LoginController(UserService users, LoginThrottle throttle, JwtTokenGenerator tokens,
                    AccessTokenConfiguration tokenConfiguration) {
        this.users = users;
        this.throttle = throttle;
        this.tokens = tokens;
        this.tokenConfiguration = tokenConfiguration;
    }

    @Post
    @SecurityRequirements
    @Operation(summary = "Sign in", description = "Answers a bearer token for the other endpoints. After 5 failed "
            + "attempts for a username or from an address, further attempts wait (429 with Retry-After).")
    HttpResponse<LoginResponse> login(@Body @Valid LoginRequest credentials, HttpRequest<?> request)
            throws IOException {
        String address = request.getRemoteAddress().getAddress().getHostAddress();
        Duration wait = throttle.waitFor(credentials.username(), address);
        if (!wait.isZero()) {
            throw new TooManyRequests(wait, "too many failed sign-ins");
        }
        User user = users.authenticate(credentials.username(), credentials.password()).orElse(null);
        if (user == null) {
            throttle.failed(credentials.username(), address);
            throw new HttpStatusException(HttpStatus.UNAUTHORIZED, "wrong username or password, or the user is disabled");
        }
        throttle.succeeded(credentials.username());
        int expiresIn = tokenConfiguration.getExpiration();
        String token = tokens.generateToken(Authentication.build(user.username(), List.of(user.role().name()),
                        Caller.claimsOf(user)), expiresIn)
                .orElseThrow(() -> new IllegalStateException("no token generated"));
        return HttpResponse.ok(new LoginResponse(token, "Bearer", expiresIn, UserView.of(user)));
    }
}
