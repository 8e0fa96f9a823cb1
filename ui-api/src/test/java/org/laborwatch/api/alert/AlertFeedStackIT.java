package org.laborwatch.api.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.laborwatch.api.support.Fixtures.BUILDER;
import static org.laborwatch.api.support.Fixtures.HOTEL;
import static org.laborwatch.api.support.Fixtures.MAKER;
import static org.laborwatch.api.support.Fixtures.alert;
import static org.laborwatch.api.support.Fixtures.day;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.laborwatch.api.support.Api;
import org.laborwatch.api.support.ApiStack;
import org.laborwatch.api.support.ServiceTest;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.RiskLevel;

/** The feed's filters, order and pages, one alert's explanation, and acknowledging. */
@MicronautTest
class AlertFeedStackIT extends ServiceTest {
    private static final ApiStack STACK = new ApiStack("feed");
    static final Alert OLD_COURT = alert("f-1", BUILDER, "青岛某某建筑有限公司", "李沧区", "建筑业", RiskLevel.ORANGE, 65,
            day(1), Agency.COURT, Agency.HRSS);
    static final Alert UNION_ONLY = alert("f-2", MAKER, "青岛新德制造有限公司", "城阳区", "制造业", RiskLevel.YELLOW,
            45, day(2), Agency.UNION);
    static final Alert RED_ALL = alert("f-3", HOTEL, "青岛海景酒店有限公司", "市南区", "住宿和餐饮业", RiskLevel.RED, 85,
            day(3), Agency.values());
    static final Alert NEW_COURT = alert("f-4", BUILDER, "青岛某某建筑有限公司", "李沧区", "建筑业", RiskLevel.RED, 88,
            day(4), Agency.COURT, Agency.PROCURATORATE);

    AlertFeedStackIT() {
        super(STACK);
    }

    @BeforeAll
    void indexData() throws Exception {
        STACK.indexAlerts(List.of(OLD_COURT, UNION_ONLY, RED_ALL, NEW_COURT));
    }

    @Test
    void shouldListTheAgencysAlertsNewestFirst() {
        JsonNode page = api.get("/api/alerts", api.token("court-handler")).json();

        assertThat(ids(page)).containsExactly("f-4", "f-3", "f-1");
        assertThat(page.get("items").get(0).get("raisedAt").asText()).endsWith("+08:00");
        assertThat(page.get("items").get(0).get("levelLabel").asText()).isEqualTo("红色");
    }

    @Test
    void shouldFilterByLevelDistrictIndustryAndTime() {
        String analyst = api.token("analyst");

        assertThat(ids(api.get("/api/alerts?level=RED", analyst).json())).containsExactly("f-4", "f-3");
        assertThat(ids(api.get("/api/alerts?district=" + enc("李沧区"), analyst).json()))
                .containsExactly("f-4", "f-1");
        assertThat(ids(api.get("/api/alerts?industry=" + enc("制造业"), analyst).json())).containsExactly("f-2");
        String since = enc(day(2).atZone(ApiStack.ZONE).toOffsetDateTime().toString());
        assertThat(ids(api.get("/api/alerts?since=" + since
                + "&until=" + enc(day(4).atZone(ApiStack.ZONE).toOffsetDateTime().toString()), analyst).json()))
                .containsExactly("f-3", "f-2");
        // A date is the start of that day in the city: f-3 was raised at 10:00 on 2025-03-06, +08:00.
        assertThat(ids(api.get("/api/alerts?since=2025-03-06", analyst).json())).containsExactly("f-4", "f-3");
    }

    @Test
    void shouldShowTheWholeExplanationOfOneAlert() {
        JsonNode alert = api.get("/api/alerts/f-3", api.token("union-lead")).json();

        assertThat(alert.get("score").asDouble()).isEqualTo(85);
        assertThat(alert.get("previousScore").asDouble()).isEqualTo(0);
        assertThat(alert.get("hits").get(0).get("reason").asText()).isEqualTo("欠薪 3 个月, 涉及 25 人");
        assertThat(alert.get("hits").get(0).get("signalIds").get(0).asText()).isEqualTo("s-f-3");
        assertThat(alert.get("signals").get(0).get("amount").asDouble()).isEqualTo(120_000);
        assertThat(alert.get("agencies")).hasSize(5);
    }

    @Test
    void shouldRecordWhoAcknowledgedForWhichAgencyAndFilterByIt() {
        JsonNode acked = api.post("/api/alerts/f-1/ack", api.token("hrss-handler"), null).json();
        JsonNode again = api.post("/api/alerts/f-1/ack", api.token("hrss-lead"), null).json();

        assertThat(acked.get("acknowledgements")).hasSize(1);
        assertThat(acked.get("acknowledgements").get(0).get("agency").asText()).isEqualTo("HRSS");
        assertThat(acked.get("acknowledgements").get(0).get("by").asText()).isEqualTo("hrss-handler");
        assertThat(again.get("acknowledgements")).hasSize(1); // the first acknowledgement stands
        assertThat(ids(api.get("/api/alerts?acknowledged=true", api.token("hrss-lead")).json()))
                .contains("f-1");
        assertThat(ids(api.get("/api/alerts?acknowledged=false", api.token("hrss-lead")).json()))
                .doesNotContain("f-1");
        // HRSS having seen it says nothing of the court.
        assertThat(ids(api.get("/api/alerts?acknowledged=false", api.token("court-lead")).json()))
                .contains("f-1", "f-4");
    }

    @Test
    void shouldKeepEveryAgencysAcknowledgementWhenTheyAcknowledgeAtOnce() {
        List<CompletableFuture<Api.Response>> acks = new ArrayList<>();
        for (Agency agency : Agency.values()) {
            String token = api.token(agency.name().toLowerCase() + "-handler");
            acks.add(CompletableFuture.supplyAsync(() -> api.post("/api/alerts/f-3/ack", token, null)));
        }
        acks.forEach(f -> assertThat(f.join().status()).isEqualTo(200));

        JsonNode alert = api.get("/api/alerts/f-3", api.token("analyst")).json();
        Set<String> agencies = new HashSet<>();
        alert.get("acknowledgements").forEach(a -> agencies.add(a.get("agency").asText()));
        assertThat(agencies).containsExactlyInAnyOrder("UNION", "HRSS", "COURT", "PROCURATORATE", "JUSTICE");
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
