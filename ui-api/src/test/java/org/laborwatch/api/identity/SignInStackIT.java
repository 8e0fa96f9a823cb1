package org.laborwatch.api.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.laborwatch.api.support.Api;
import org.laborwatch.api.support.ApiStack;
import org.laborwatch.api.support.ServiceTest;

/** Signing in, guessing slowed down, users an admin adds and disables. */
@MicronautTest
class SignInStackIT extends ServiceTest {
    private static final ApiStack STACK = new ApiStack("sign-in");

    SignInStackIT() {
        super(STACK);
    }

    @Test
    void shouldAnswerATokenWithTheUsersRoleAndAgency() {
        api.token("court-handler");

        Api.Response r = login("court-handler", ApiStack.DEMO_PASSWORD);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(r.json().get("expiresIn").asInt()).isEqualTo(28_800);
        assertThat(r.json().get("user").get("agency").asText()).isEqualTo("COURT");
        assertThat(r.body()).doesNotContain("passwordHash").doesNotContain("$2a$");
    }

    @Test
    void shouldSlowDownRepeatedFailedSignIns() {
        api.token("justice-lead");
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertThat(login("justice-lead", "wrong-password-" + i).status()).isEqualTo(401);
        }

        Api.Response throttled = login("justice-lead", ApiStack.DEMO_PASSWORD);

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(throttled.contentType()).startsWith("application/problem+json");
    }

    @Test
    void shouldLetAnAdminAddAUserWhoCanSignInAndDisableThem() {
        String admin = api.token("admin");
        Api.Response created = api.post("/api/users", admin,
                "{\"username\":\"wang.li\",\"role\":\"AGENCY_HANDLER\",\"agency\":\"HRSS\","
                        + "\"password\":\"a-good-long-password\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Api.Response signedIn = login("wang.li", "a-good-long-password");
        String token = signedIn.json().get("accessToken").asText();
        assertThat(api.get("/api/alerts", token).status()).isEqualTo(200);

        assertThat(api.post("/api/users/wang.li/disable", admin, null).status()).isEqualTo(200);

        assertThat(login("wang.li", "a-good-long-password").status()).isEqualTo(401);
        // The token they still hold stops working within the recheck interval.
        Api.sleep(DisabledUsers.RECHECK_MILLIS + 500);
        assertThat(api.get("/api/alerts", token).status()).isEqualTo(403);
        assertThat(api.get("/api/users", admin).body()).contains("wang.li").doesNotContain("a-good-long-password");
        assertThat(api.post("/api/users", admin, "{\"username\":\"wang.li\",\"role\":\"ANALYST\","
                + "\"password\":\"another-long-one\"}").status()).isEqualTo(409);

        String audit = api.get("/api/audit?subject=user/wang.li", admin).body();
        assertThat(audit).contains("USER_CREATED", "USER_DISABLED").contains("\"by\":\"admin\"")
                .doesNotContain("passwordHash").doesNotContain("a-good-long-password");
    }

    private Api.Response login(String user, String password) {
        return api.post("/api/login", null, "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
    }
}
