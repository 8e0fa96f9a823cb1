package org.laborwatch.api.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.laborwatch.api.support.Fixtures.BUILDER;
import static org.laborwatch.api.support.Fixtures.HOTEL;
import static org.laborwatch.api.support.Fixtures.MAKER;
import static org.laborwatch.api.support.Fixtures.alert;
import static org.laborwatch.api.support.Fixtures.day;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.laborwatch.api.support.Api;
import org.laborwatch.api.support.ApiStack;
import org.laborwatch.api.support.CaseDriver;
import org.laborwatch.api.support.ServiceTest;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * A case's whole life on the real Kafka and Elasticsearch: opened by a RED alert on lw.alerts, dispatched, accepted,
 * resolved with wages recovered (the outcome on lw.signals), closed; counted in the statistics, audited throughout.
 * Alerts read again open nothing twice; stale versions and moves the state no longer allows are refused with the case
 * as it is.
 */
@MicronautTest
class CaseWorkflowStackIT extends ServiceTest {
    private static final ApiStack STACK = new ApiStack("case-workflow");
    private CaseDriver cases;

    CaseWorkflowStackIT() {
        super(STACK);
    }

    @BeforeAll
    void driver() {
        cases = new CaseDriver(STACK, api);
    }

    @Test
    void shouldRunACaseFromItsAlertToWagesRecovered() throws Exception {
        cases.produce(alert("w-1", BUILDER, "青岛某某建筑有限公司", "李沧区", "建筑业", RiskLevel.RED, 88, day(10),
                Agency.HRSS, Agency.UNION, Agency.COURT, Agency.PROCURATORATE, Agency.JUSTICE));
        JsonNode opened = cases.awaitCases(BUILDER, 1).get(0);
        String id = opened.get("id").asText();
        assertThat(opened.get("state").asText()).isEqualTo("OPEN");
        assertThat(opened.get("level").asText()).isEqualTo("RED");
        assertThat(opened.get("leadAgency").asText()).isEqualTo("HRSS");

        Api.Response dispatched = cases.move("court-lead", id, "DISPATCHED", "法院牵头, 诉前调解");
        assertThat(dispatched.status()).as(dispatched.body()).isEqualTo(200);
        assertThat(dispatched.json().get("case").get("leadAgency").asText()).isEqualTo("COURT");
        assertThat(cases.move("court-handler", id, "ACCEPTED", "已受理").status()).isEqualTo(200);
        assertThat(cases.move("court-handler", id, "IN_PROGRESS", "组织调解").status()).isEqualTo(200);
        assertThat(api.post("/api/cases/" + id + "/feedback", api.token("union-handler"),
                "{\"text\":\"工会已约谈企业负责人\"}").status()).isEqualTo(200);
        assertThat(cases.note("hrss-handler", id, "劳动监察已调取工资台账").status()).isEqualTo(200);
        Api.Response resolved = cases.move("court-handler", id, "{\"to\":\"RESOLVED\",\"comment\":\"调解成功\","
                + "\"outcome\":{\"kind\":\"MEDIATED\",\"amountRecovered\":1280000,\"workersHelped\":46,"
                + "\"legalAidCases\":2}}");
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        assertThat(resolved.json().get("case").get("outcomeSignalled").asBoolean()).isTrue();
        assertThat(cases.move("court-lead", id, "CLOSED", "结案").status()).isEqualTo(200);

        JsonNode outcome = onlyOutcomeSignal();
        assertThat(outcome.get("id").asText()).isEqualTo("case-outcome:" + id + ":1");
        assertThat(outcome.get("type").asText()).isEqualTo("CASE_OUTCOME");
        assertThat(outcome.get("enterpriseId").asText()).isEqualTo(BUILDER);
        assertThat(outcome.get("source").asText()).isEqualTo("COURT");
        assertThat(outcome.get("amount").decimalValue()).isEqualByComparingTo("1280000");
        assertThat(outcome.get("workers").asInt()).isEqualTo(46);
        assertThat(outcome.get("attributes").get("outcome").asText()).isEqualTo("MEDIATED");

        JsonNode detail = cases.get("analyst", id).json();
        assertThat(detail.get("case").get("state").asText()).isEqualTo("CLOSED");
        assertThat(detail.get("case").get("feedback").get(0).get("agency").asText()).isEqualTo("UNION");
        assertThat(detail.get("alerts").get(0).get("id").asText()).isEqualTo("w-1");

        int year = Year.now(ApiStack.ZONE).getValue();
        JsonNode stats = api.get("/api/stats?from=" + year + "-01-01&to=" + (year + 1) + "-01-01",
                api.token("analyst")).json().get("cases");
        assertThat(stats.get("amountRecovered").decimalValue()).isEqualByComparingTo("1280000");
        assertThat(stats.get("workersHelped").asLong()).isEqualTo(46);
        assertThat(stats.get("legalAidCases").asLong()).isEqualTo(2);
        assertThat(stats.get("byState").get("CLOSED").asLong()).isEqualTo(1);
        assertThat(stats.get("sla").get("acceptedOnTime").asLong()).isEqualTo(1);

        JsonNode audit = cases.awaitAudit(id, null, 9); // opened, 5 moves, feedback, note, outcome sent
        List<String> actions = new ArrayList<>();
        audit.forEach(r -> actions.add(r.get("action").asText()));
        assertThat(actions).contains("OPENED", "FEEDBACK", "NOTE", "OUTCOME_SIGNALLED");
        assertThat(actions.stream().filter("TRANSITION"::equals)).hasSize(5);
        JsonNode resolving = find(audit, "TRANSITION", "RESOLVED");
        assertThat(resolving.get("by").asText()).isEqualTo("court-handler");
        assertThat(resolving.get("before").get("state").asText()).isEqualTo("IN_PROGRESS");
        assertThat(resolving.get("after").get("outcome").get("workersHelped").asInt()).isEqualTo(46);
    }

    @Test
    void shouldKeepTheAuditTrailOutOfReachOfChanges() {
        assertThat(api.get("/api/audit", api.token("court-lead")).status()).isEqualTo(403);
        for (String method : List.of("PUT", "DELETE", "PATCH", "POST")) {
            Api.Response r = api.send(api.request("/api/audit", api.token("admin"))
                    .method(method, HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type",
                            "application/json").build());
            assertThat(r.status()).as(method).isIn(404, 405);
        }
    }

    @Test
    void shouldOpenNothingTwiceWhenTheSameAlertsAreReadAgain() throws Exception {
        var yellow = alert("m-1", MAKER, "青岛某某机械制造有限公司", "城阳区", "制造业", RiskLevel.YELLOW, 45, day(20),
                Agency.HRSS, Agency.UNION);
        var orange = alert("m-2", MAKER, "青岛某某机械制造有限公司", "城阳区", "制造业", RiskLevel.ORANGE, 65, day(21),
                Agency.UNION, Agency.HRSS);
        cases.produce(yellow, orange);
        String id = cases.awaitCases(MAKER, 1).get(0).get("id").asText();
        cases.awaitAlerts(id, 2);

        cases.produce(yellow, orange, yellow); // a replay, a re-index, a redelivery
        Api.sleep(3000);

        JsonNode all = cases.awaitCases(MAKER, 1);
        assertThat(all).hasSize(1);
        JsonNode c = cases.get("analyst", id).json().get("case");
        assertThat(c.get("alertIds")).extracting(JsonNode::asText).containsExactly("m-1", "m-2");
        assertThat(c.get("level").asText()).as("the ORANGE alert raised the case").isEqualTo("ORANGE");
    }

    @Test
    void shouldRefuseAStaleVersionAndAMoveTheStateNoLongerAllows() throws Exception {
        cases.produce(alert("h-1", HOTEL, "青岛海景酒店有限公司", "市南区", "住宿和餐饮业", RiskLevel.ORANGE, 62, day(30),
                Agency.UNION, Agency.HRSS));
        String id = cases.awaitCases(HOTEL, 1).get(0).get("id").asText();
        Api.Response read = cases.get("union-handler", id);
        String etag = read.raw().headers().firstValue("ETag").orElseThrow();

        Api.Response first = api.send(api.request("/api/cases/" + id + "/notes", api.token("union-handler"))
                .header("Content-Type", "application/json").header("If-Match", etag)
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"first\"}")).build());
        Api.Response stale = api.send(api.request("/api/cases/" + id + "/notes", api.token("hrss-handler"))
                .header("Content-Type", "application/json").header("If-Match", etag)
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"second\"}")).build());
        Api.Response notNow = cases.move("union-handler", id, "ACCEPTED", "还没分派");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.raw().headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        assertThat(stale.raw().headers().firstValue("ETag")).isEqualTo(first.raw().headers().firstValue("ETag"));
        assertThat(notNow.status()).isEqualTo(409);
        assertThat(notNow.json().get("current").get("state").asText()).isEqualTo("OPEN");
        assertThat(notNow.json().get("detail").asText()).contains("DISPATCHED");
        assertThat(cases.get("analyst", id).json().get("case").get("notes")).hasSize(1);
    }

    @Test
    void shouldOpenACaseByHandFromAHotlineCallOnlyOnce() {
        String body = "{\"enterpriseId\":\"91370203MA3C8XTT4Y\",\"enterpriseName\":\"青岛某某物流有限公司\","
                + "\"district\":\"市北区\",\"channel\":\"HOTLINE\",\"description\":\"12345 来电: 拖欠 3 名司机 2 个月工资\"}";
        Api.Response opened = api.post("/api/cases", api.token("union-handler"), body);
        Api.Response again = api.post("/api/cases", api.token("union-lead"), body);
        Api.Response analyst = api.post("/api/cases", api.token("analyst"), body);

        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        JsonNode c = opened.json().get("case");
        assertThat(c.get("origin").asText()).isEqualTo("HOTLINE");
        assertThat(c.get("leadAgency").asText()).isEqualTo("UNION");
        assertThat(c.get("level").asText()).isEqualTo("YELLOW");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("current").get("id").asText()).isEqualTo(c.get("id").asText());
        assertThat(analyst.status()).isEqualTo(403);
    }

    private static JsonNode find(JsonNode audit, String action, String toState) {
        for (JsonNode r : audit) {
            if (r.get("action").asText().equals(action) && r.get("after").get("state").asText().equals(toState)) {
                return r;
            }
        }
        throw new AssertionError("no " + action + " to " + toState + " in " + audit);
    }

    private JsonNode onlyOutcomeSignal() throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", ApiStack.kafka());
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        List<JsonNode> outcomes = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(STACK.signalsTopic()).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    outcomes.add(new ObjectMapper().readTree(r.value()));
                }
                if (!outcomes.isEmpty() && consumer.assignment().stream().allMatch(tp ->
                        consumer.position(tp) >= consumer.endOffsets(List.of(tp)).get(tp))) {
                    break;
                }
            }
        }
        assertThat(outcomes).hasSize(1);
        return outcomes.get(0);
    }
}
