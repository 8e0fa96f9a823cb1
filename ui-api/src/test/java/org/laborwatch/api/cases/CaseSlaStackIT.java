package org.laborwatch.api.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.laborwatch.api.support.Fixtures.BUILDER;
import static org.laborwatch.api.support.Fixtures.HOTEL;
import static org.laborwatch.api.support.Fixtures.MAKER;
import static org.laborwatch.api.support.Fixtures.alert;
import static org.laborwatch.api.support.Fixtures.day;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.laborwatch.api.support.ApiStack;
import org.laborwatch.api.support.CaseDriver;
import org.laborwatch.api.support.ServiceTest;
import org.laborwatch.api.support.SseReader;
import org.laborwatch.api.support.TestClock;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * A case's deadlines on a clock the test moves: an unaccepted RED case escalates after 4 hours (priority up, all five
 * agencies brought in, a notification on lw.cases.events and on the agencies' streams), once; an accepted one after
 * its resolve deadline. Silences and a case's level keep lower alerts off the streams while they still join the case.
 */
@MicronautTest
class CaseSlaStackIT extends ServiceTest {
    private static final ApiStack STACK = new ApiStack("case-sla");
    private static final TestClock CLOCK = new TestClock(Instant.now());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Escalations escalations;
    private CaseDriver cases;

    CaseSlaStackIT() {
        super(STACK);
    }

    @MockBean(Clock.class)
    Clock clock() {
        return CLOCK;
    }

    @BeforeAll
    void driver() {
        cases = new CaseDriver(STACK, api);
    }

    @Test
    void shouldEscalateMissedDeadlinesOnceEachAndBringInAllFiveAgencies() throws Exception {
        cases.produce(alert("s-1", MAKER, "青岛某某机械制造有限公司", "城阳区", "制造业", RiskLevel.RED, 85, day(40),
                Agency.HRSS, Agency.UNION));
        String id = cases.awaitCases(MAKER, 1).get(0).get("id").asText();
        assertThat(api.get("/api/cases/" + id, api.token("court-lead")).status()).as("not the court's yet")
                .isEqualTo(404);
        try (SseReader court = stream("court-lead")) {
            CLOCK.advance(Duration.ofHours(3));
            assertThat(escalations.pass()).isZero();
            CLOCK.advance(Duration.ofHours(2)); // 5 h: past RED's 4 h to accept

            assertThat(escalations.pass()).isPositive();
            assertThat(escalations.pass()).as("once per deadline").isZero();

            JsonNode notice = null;
            for (SseReader.Event e = court.next("case", Duration.ofSeconds(20)); e != null && notice == null;
                 e = court.next("case", Duration.ofSeconds(5))) {
                JsonNode n = JSON.readTree(e.data());
                notice = n.get("caseId").asText().equals(id) ? n : null; // another test's case may escalate too
            }
            assertThat(notice).as("the court hears of the escalation").isNotNull();
            assertThat(notice.get("action").asText()).isEqualTo("ESCALATED");
        }
        JsonNode c = cases.get("court-lead", id).json();
        assertThat(c.get("overdue").asBoolean()).isTrue();
        assertThat(c.get("case").get("priority").asInt()).isEqualTo(4);
        assertThat(c.get("case").get("agencies")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("HRSS", "UNION", "COURT", "PROCURATORATE", "JUSTICE");
        assertThat(c.get("case").get("escalations").get(0).get("clock").asText()).isEqualTo("ACCEPT");
        JsonNode overdueQueue = api.get("/api/cases?overdue=true", api.token("justice-handler")).json().get("items");
        assertThat(overdueQueue).extracting(n -> n.get("id").asText()).contains(id);

        assertThat(cases.move("hrss-lead", id, "DISPATCHED", "人社局牵头").status()).isEqualTo(200);
        assertThat(cases.move("hrss-handler", id, "ACCEPTED", "受理").status()).isEqualTo(200);
        assertThat(cases.get("analyst", id).json().get("overdue").asBoolean()).as("the resolve clock runs now")
                .isFalse();
        CLOCK.advance(Duration.ofDays(7));
        assertThat(escalations.pass()).isPositive();
        JsonNode late = cases.get("analyst", id).json().get("case");
        assertThat(late.get("priority").asInt()).isEqualTo(5);
        assertThat(late.get("escalations").get(1).get("clock").asText()).isEqualTo("RESOLVE");
        assertThat(late.get("acceptedOnTime").asBoolean()).isFalse();
    }

    @Test
    void shouldAttachQuietedAlertsWithoutSendingThemToTheStreams() throws Exception {
        cases.produce(alert("q-1", HOTEL, "青岛海景酒店有限公司", "市南区", "住宿和餐饮业", RiskLevel.RED, 82, day(50),
                Agency.values()));
        String id = cases.awaitCases(HOTEL, 1).get(0).get("id").asText();
        try (SseReader union = stream("union-lead")) {
            cases.produce(alert("q-2", HOTEL, "青岛海景酒店有限公司", "市南区", "住宿和餐饮业", RiskLevel.ORANGE, 70,
                    day(51), Agency.UNION, Agency.HRSS));
            cases.awaitAlerts(id, 2);
            assertThat(api.post("/api/cases/" + id + "/silences", api.token("union-lead"),
                    "{\"hours\":72,\"comment\":\"已约谈, 企业承诺一周内发放\"}").status()).isEqualTo(200);
            cases.produce(alert("q-3", HOTEL, "青岛海景酒店有限公司", "市南区", "住宿和餐饮业", RiskLevel.RED, 90,
                    day(52), Agency.UNION));
            cases.awaitAlerts(id, 3);
            cases.produce(alert("q-4", BUILDER, "青岛某某建筑有限公司", "李沧区", "建筑业", RiskLevel.YELLOW, 45,
                    day(52), Agency.UNION));

            SseReader.Event first = union.next("alert", Duration.ofSeconds(20));
            assertThat(first).isNotNull();
            assertThat(JSON.readTree(first.data()).get("id").asText()).as("the quieted ones never came")
                    .isEqualTo("q-4");
        }
        JsonNode timeline = cases.get("analyst", id).json().get("case").get("timeline");
        List<Boolean> notified = new java.util.ArrayList<>();
        timeline.forEach(e -> {
            if (e.get("action").asText().equals("ALERT_ATTACHED")) {
                notified.add(e.get("notified").asBoolean());
            }
        });
        assertThat(notified).containsExactly(false, false);
        assertThat(cases.move("union-lead", id, "DISPATCHED", "x").status()).isEqualTo(200);
        assertThat(api.post("/api/cases/" + id + "/silences", api.token("union-handler"),
                "{\"hours\":1,\"comment\":\"x\"}").status()).as("leads silence").isEqualTo(403);
    }

    private SseReader stream(String user) throws Exception {
        SseReader reader = new SseReader(api, api.request("/api/alerts/stream", api.token(user))
                .timeout(Duration.ofMinutes(2)).header("Accept", "text/event-stream").GET().build());
        assertThat(reader.next("heartbeat", Duration.ofSeconds(20))).as("the stream is open").isNotNull();
        return reader;
    }
}
