package org.laborwatch.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.laborwatch.api.support.Api;
import org.laborwatch.api.support.ApiStack;
import org.laborwatch.api.support.ServiceTest;

/** Bad input on every endpoint: a 4xx problem that says what is wrong, never a 500. */
@MicronautTest
class BadInputStackIT extends ServiceTest {
    private static final ApiStack STACK = new ApiStack("bad-input");
    private static final String LONG = "x".repeat(100_000);

    BadInputStackIT() {
        super(STACK);
    }

    /** Name, user, method, path, body, the status expected and a word the detail must contain. */
    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("unknown level", "analyst", "GET", "/api/alerts?level=PURPLE", null, 400, "PURPLE"),
                Arguments.of("bad since", "analyst", "GET", "/api/alerts?since=yesterday", null, 400, "since"),
                Arguments.of("bad until", "analyst", "GET", "/api/alerts?until=2025-13-45", null, 400, "until"),
                Arguments.of("page too large", "analyst", "GET", "/api/alerts?limit=500", null, 400, "limit"),
                Arguments.of("page of zero", "analyst", "GET", "/api/alerts?limit=0", null, 400, "limit"),
                Arguments.of("not a boolean", "analyst", "GET", "/api/alerts?acknowledged=maybe", null, 400,
                        "acknowledged"),
                Arguments.of("forged cursor", "analyst", "GET", "/api/alerts?cursor=!!!", null, 400, "cursor"),
                Arguments.of("bad alert id", "analyst", "GET", "/api/alerts/a%20b", null, 400, "id"),
                Arguments.of("unknown alert", "analyst", "GET", "/api/alerts/no-such-alert", null, 404, "no such"),
                Arguments.of("ack unknown alert", "court-handler", "POST", "/api/alerts/nope/ack", null, 404,
                        "no such"),
                Arguments.of("short credit code", "analyst", "GET", "/api/enterprises/9137", null, 400,
                        "creditCode"),
                Arguments.of("credit code with O", "analyst", "GET", "/api/enterprises/91370213MA3C8XTTOQ", null,
                        400, "creditCode"),
                Arguments.of("unknown enterprise", "analyst", "GET", "/api/enterprises/91370213MA3C8XTT4Q", null,
                        404, "no enterprise"),
                Arguments.of("score out of range", "analyst", "GET", "/api/enterprises?minScore=-1", null, 400,
                        "minScore"),
                Arguments.of("scores crossed", "analyst", "GET", "/api/enterprises?minScore=80&maxScore=20", null,
                        400, "maxScore"),
                Arguments.of("size too large", "analyst", "GET", "/api/enterprises?size=1000", null, 400, "size"),
                Arguments.of("unknown sort", "analyst", "GET", "/api/enterprises?sort=age", null, 400, "age"),
                Arguments.of("not a score", "analyst", "GET", "/api/enterprises?minScore=high", null, 400,
                        "minScore"),
                Arguments.of("stats without dates", "analyst", "GET", "/api/stats", null, 400, "from"),
                Arguments.of("stats bad date", "analyst", "GET", "/api/stats?from=2025-01-01&to=soon", null, 400,
                        "to"),
                Arguments.of("stats backwards", "analyst", "GET", "/api/stats?from=2026-01-01&to=2025-01-01", null,
                        400, "before"),
                Arguments.of("login without body", null, "POST", "/api/login", null, 400, ""),
                Arguments.of("login malformed JSON", null, "POST", "/api/login", "{\"username\":", 400, ""),
                Arguments.of("login blank", null, "POST", "/api/login", "{\"username\":\"\",\"password\":\"\"}", 400,
                        "username"),
                Arguments.of("login oversize", null, "POST", "/api/login",
                        "{\"username\":\"a\",\"password\":\"" + LONG + "\"}", 413, ""),
                Arguments.of("user bad name", "admin", "POST", "/api/users",
                        "{\"username\":\"Bad Name\",\"role\":\"ANALYST\",\"password\":\"long-enough-1\"}", 400,
                        "username"),
                Arguments.of("user unknown role", "admin", "POST", "/api/users",
                        "{\"username\":\"someone\",\"role\":\"KING\",\"password\":\"long-enough-1\"}", 400, ""),
                Arguments.of("user short password", "admin", "POST", "/api/users",
                        "{\"username\":\"someone\",\"role\":\"ANALYST\",\"password\":\"short\"}", 400, "password"),
                Arguments.of("handler without agency", "admin", "POST", "/api/users",
                        "{\"username\":\"someone\",\"role\":\"AGENCY_HANDLER\",\"password\":\"long-enough-1\"}", 400,
                        "agency"),
                Arguments.of("analyst with agency", "admin", "POST", "/api/users",
                        "{\"username\":\"someone\",\"role\":\"ANALYST\",\"agency\":\"COURT\","
                                + "\"password\":\"long-enough-1\"}", 400, "agency"),
                Arguments.of("unknown agency", "admin", "POST", "/api/users",
                        "{\"username\":\"someone\",\"role\":\"AGENCY_LEAD\",\"agency\":\"ARMY\","
                                + "\"password\":\"long-enough-1\"}", 400, ""),
                Arguments.of("disable unknown user", "admin", "POST", "/api/users/ghost/disable", null, 404, ""),
                Arguments.of("disable oneself", "admin", "POST", "/api/users/admin/disable", null, 400, "themselves"),
                Arguments.of("bad resume point", "court-handler", "GET", "/api/alerts/stream?lastEventId=x", null,
                        400, "Last-Event-ID"),
                Arguments.of("no such route", "analyst", "GET", "/api/nothing", null, 404, ""),
                Arguments.of("wrong method", "analyst", "DELETE", "/api/alerts", null, 405, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void shouldAnswerAProblemWhenInputIsBad(String name, String user, String method, String path, String body,
                                            int status, String detailWord) {
        HttpRequest.Builder request = api.request(path, user == null ? null : api.token(user))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));

        Api.Response r = api.send(request.build());

        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.json().get("detail").asText()).containsIgnoringCase(detailWord);
    }
}
