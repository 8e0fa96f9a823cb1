package org.laborwatch.api.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.laborwatch.api.support.Fixtures.BUILDER;
import static org.laborwatch.api.support.Fixtures.HOTEL;
import static org.laborwatch.api.support.Fixtures.MAKER;
import static org.laborwatch.api.support.Fixtures.alert;
import static org.laborwatch.api.support.Fixtures.day;
import static org.laborwatch.api.support.Fixtures.risk;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.laborwatch.api.support.Api;
import org.laborwatch.api.support.ApiStack;
import org.laborwatch.api.support.ServiceTest;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * Every role of every agency against every endpoint: what each may do it can, what it may not answers 403 (or 404 for
 * an alert routed elsewhere) with nothing of the data in the answer, and without a valid token everything is 401.
 */
@MicronautTest
class AuthorizationMatrixStackIT extends ServiceTest {
    private static final ApiStack STACK = new ApiStack("authz");
    private static final AtomicInteger NEW_USERS = new AtomicInteger();

    static final Alert TO_COURT = alert("a-court", BUILDER, "青岛某某建筑有限公司", "李沧区", "建筑业", RiskLevel.ORANGE,
            65, day(1), Agency.COURT, Agency.HRSS, Agency.JUSTICE);
    static final Alert TO_UNION = alert("a-union", MAKER, "青岛新德制造有限公司", "城阳区", "制造业", RiskLevel.YELLOW,
            45, day(2), Agency.UNION, Agency.HRSS);
    static final Alert TO_ALL = alert("a-all", HOTEL, "青岛海景酒店有限公司", "市南区", "住宿和餐饮业", RiskLevel.RED, 85,
            day(3), Agency.values());
    static final Alert TO_PROCURATORATE = alert("a-proc", BUILDER, "青岛某某建筑有限公司", "李沧区", "建筑业",
            RiskLevel.RED, 90, day(4), Agency.PROCURATORATE, Agency.HRSS, Agency.COURT);
    static final List<Alert> ALERTS = List.of(TO_COURT, TO_UNION, TO_ALL, TO_PROCURATORATE);

    AuthorizationMatrixStackIT() {
        super(STACK);
    }

    @BeforeAll
    void indexData() throws Exception {
        STACK.indexAlerts(ALERTS);
        STACK.indexRisk(List.of(risk(BUILDER, "青岛某某建筑有限公司", "李沧区", "建筑业", 90, day(4)),
                risk(MAKER, "青岛新德制造有限公司", "城阳区", "制造业", 45, day(2)),
                risk(HOTEL, "青岛海景酒店有限公司", "市南区", "住宿和餐饮业", 85, day(3))));
    }

    /** A demo user: its name, role and agency. */
    record Who(String username, Role role, Agency agency) {
        @Override
        public String toString() {
            return username;
        }
    }

    enum Endpoint {
        FEED, ALERT, ACK, STREAM_TICKET, SEARCH, ENTERPRISE, STATS, USERS, NEW_USER, DISABLE_USER,
        RULE_VERSIONS, RULE_VERSION, RULE_VALIDATE, RULE_ROLLBACK, RULE_JOB, RULE_JOB_STATUS
    }

    static Stream<Arguments> everyUserAndEndpoint() {
        List<Arguments> cases = new ArrayList<>();
        for (StartupUsers.Wanted w : StartupUsers.demo(ApiStack.DEMO_PASSWORD)) {
            for (Endpoint e : Endpoint.values()) {
                cases.add(Arguments.of(new Who(w.username(), w.role(), w.agency()), e));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyUserAndEndpoint")
    void shouldAllowExactlyWhatTheRoleMayDoWhenSignedIn(Who who, Endpoint endpoint) {
        Api.Response r = call(endpoint, api.token(who.username()));

        int expected = expectedStatus(who, endpoint);
        assertThat(r.status()).as(r.body()).isEqualTo(expected);
        if (expected == 403 || expected == 404) {
            assertCarriesNoData(r);
        } else {
            assertSeesOnlyItsShare(who, endpoint, r.json());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void shouldAnswer401WithoutAValidToken(Endpoint endpoint) {
        assertThat(call(endpoint, null).status()).isEqualTo(401);
        assertCarriesNoData(call(endpoint, null));
        assertThat(call(endpoint, "not.a.token").status()).isEqualTo(401);
        String forged = api.token("analyst").substring(0, api.token("analyst").length() - 4) + "AAAA";
        assertThat(call(endpoint, forged).status()).isEqualTo(401);
    }

    static Stream<Endpoint> endpoints() {
        return Stream.of(Endpoint.values());
    }

    @Test
    void shouldRefuseAStreamTicketAsABearerTokenElsewhere() {
        String ticket = api.post("/api/alerts/stream-tickets", api.token("court-handler"), null).json()
                .get("ticket").asText();

        assertThat(api.get("/api/alerts", ticket).status()).isEqualTo(401);
        assertThat(api.get("/api/alerts?ticket=" + ticket, null).status()).isEqualTo(401);
    }

    private Api.Response call(Endpoint endpoint, String token) {
        return switch (endpoint) {
            case FEED -> api.get("/api/alerts", token);
            case ALERT -> api.get("/api/alerts/" + TO_UNION.id(), token);
            case ACK -> api.post("/api/alerts/" + TO_ALL.id() + "/ack", token, null);
            case STREAM_TICKET -> api.post("/api/alerts/stream-tickets", token, null);
            case SEARCH -> api.get("/api/enterprises", token);
            case ENTERPRISE -> api.get("/api/enterprises/" + BUILDER, token);
            case STATS -> api.get("/api/stats?from=2025-01-01&to=2026-01-01", token);
            case USERS -> api.get("/api/users", token);
            case NEW_USER -> api.post("/api/users", token, "{\"username\":\"made-" + NEW_USERS.incrementAndGet()
                    + "\",\"role\":\"ANALYST\",\"password\":\"a-long-password\"}");
            case DISABLE_USER -> api.post("/api/users/no-such-user/disable", token, null);
            case RULE_VERSIONS -> api.get("/api/rules/versions", token);
            case RULE_VERSION -> api.get("/api/rules/versions/no-such-version", token);
            case RULE_VALIDATE -> api.post("/api/rules/validate", token, "{\"files\":{\"a.drl\":\"package x\"}}");
            case RULE_ROLLBACK -> api.post("/api/rules/rollback", token, "{\"version\":\"no-such-version\"}");
            case RULE_JOB -> api.post("/api/rules/jobs", token, "{\"kind\":\"SCENARIOS\",\"files\":{\"a.drl\":\"x\"},"
                    + "\"scenarios\":{\"a.yaml\":\"scenarios: []\"}}");
            case RULE_JOB_STATUS -> api.get("/api/rules/jobs/00000000-0000-0000-0000-000000000000", token);
        };
    }

    private static int expectedStatus(Who who, Endpoint endpoint) {
        boolean agencyRole = who.role().needsAgency();
        boolean feedRole = agencyRole || who.role() == Role.ANALYST || who.role() == Role.ADMIN;
        return switch (endpoint) {
            case FEED, STREAM_TICKET -> feedRole ? 200 : 403;
            case ALERT -> !feedRole ? 403 : agencyRole && !TO_UNION.agencies().contains(who.agency()) ? 404 : 200;
            case ACK -> agencyRole ? 200 : 403;
            case SEARCH, ENTERPRISE, STATS -> 200;
            case USERS -> who.role() == Role.ADMIN ? 200 : 403;
            case NEW_USER -> who.role() == Role.ADMIN ? 201 : 403;
            case DISABLE_USER -> who.role() == Role.ADMIN ? 404 : 403;
            case RULE_VERSIONS -> who.role() == Role.RULE_AUTHOR || who.role() == Role.ADMIN ? 200 : 403;
            case RULE_VERSION -> who.role() == Role.RULE_AUTHOR || who.role() == Role.ADMIN ? 404 : 403;
            case RULE_VALIDATE -> who.role() == Role.RULE_AUTHOR ? 200 : 403;
            case RULE_ROLLBACK -> who.role() == Role.RULE_AUTHOR ? 404 : 403;
            case RULE_JOB -> who.role() == Role.RULE_AUTHOR ? 202 : 403;
            case RULE_JOB_STATUS -> who.role() == Role.RULE_AUTHOR || who.role() == Role.ADMIN ? 404 : 403;
        };
    }

    private static void assertSeesOnlyItsShare(Who who, Endpoint endpoint, JsonNode body) {
        if (endpoint == Endpoint.FEED) {
            Set<String> ids = new HashSet<>();
            body.get("items").forEach(item -> ids.add(item.get("id").asText()));
            Set<String> expected = new HashSet<>();
            ALERTS.stream().filter(a -> who.agency() == null || a.agencies().contains(who.agency()))
                    .forEach(a -> expected.add(a.id()));
            assertThat(ids).isEqualTo(expected);
        }
        if (endpoint == Endpoint.ENTERPRISE) {
            Set<String> ids = new HashSet<>();
            body.get("alerts").forEach(item -> ids.add(item.get("id").asText()));
            Set<String> expected = new HashSet<>();
            ALERTS.stream().filter(a -> a.enterpriseId().equals(BUILDER))
                    .filter(a -> who.agency() == null || a.agencies().contains(who.agency()))
                    .forEach(a -> expected.add(a.id()));
            assertThat(ids).isEqualTo(expected);
        }
        if (endpoint == Endpoint.STATS) {
            if (who.agency() != null) {
                assertThat(body.get("agency").asText()).isEqualTo(who.agency().name());
                long routed = ALERTS.stream().filter(a -> a.agencies().contains(who.agency())).count();
                assertThat(body.get("alerts").asLong()).isEqualTo(routed);
                assertThat(body.get("alertsByAgency").size()).isEqualTo(1);
            } else {
                assertThat(body.get("alerts").asLong()).isEqualTo(ALERTS.size());
            }
        }
        if (endpoint == Endpoint.ACK) {
            Set<Agency> acked = EnumSet.noneOf(Agency.class);
            body.get("acknowledgements").forEach(a -> acked.add(Agency.valueOf(a.get("agency").asText())));
            assertThat(acked).contains(who.agency());
        }
    }

    private static void assertCarriesNoData(Api.Response r) {
        assertThat(r.contentType()).startsWith("application/problem+json");
        Set<String> fields = new HashSet<>();
        r.json().fieldNames().forEachRemaining(fields::add);
        assertThat(fields).isSubsetOf("type", "title", "status", "detail");
        for (Alert a : ALERTS) {
            assertThat(r.body()).doesNotContain(a.id()).doesNotContain(a.enterpriseName())
                    .doesNotContain(a.enterpriseId());
        }
    }
}
