package org.laborwatch.api.rules;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.laborwatch.api.support.Api;
import org.laborwatch.api.support.ApiStack;
import org.laborwatch.api.support.ServiceTest;
import org.laborwatch.connectors.rulesets.Publications;
import org.laborwatch.connectors.rulesets.RuleSetHistory;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSets;

/** The rule workbench in the service: validating uploads, the version history, rolling back, who may do what. */
@MicronautTest
class RuleWorkbenchStackIT extends ServiceTest {
    private static final ApiStack STACK = new ApiStack("rule-workbench");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ElasticsearchClient es = ApiStack.es();

    RuleWorkbenchStackIT() {
        super(STACK);
    }

    @AfterAll
    void close() throws Exception {
        es._transport().close();
    }

    @Test
    void shouldValidateALibraryAndNameTheFileLineAndColumnOfAHostileRule() throws Exception {
        String author = api.token("rule-author");

        Api.Response library = api.post("/api/rules/validate", author, upload(RuleSets.bundled().sources()));
        Api.Response hostile = api.post("/api/rules/validate", author, upload(Map.of("bad.drl", """
                package laborwatch.bad
                import java.io.File
                rule "x" when then end
                """)));

        assertThat(library.status()).as(library.body()).isEqualTo(200);
        assertThat(library.json().get("valid").asBoolean()).isTrue();
        assertThat(library.json().get("rules")).hasSize(24);
        assertThat(hostile.status()).isEqualTo(200);
        assertThat(hostile.json().get("valid").asBoolean()).isFalse();
        JsonNode problem = hostile.json().get("problems").get(0);
        assertThat(problem.get("file").asText()).isEqualTo("bad.drl");
        assertThat(problem.get("line").asInt()).isEqualTo(2);
        assertThat(problem.get("column").asInt()).isEqualTo(1);
        assertThat(problem.get("message").asText()).contains("'import java.io.File' is not allowed");
    }

    @Test
    void shouldLetRuleAuthorsWorkAndAdminsOnlyRead() throws Exception {
        String body = upload(RuleSets.bundled().sources());
        for (String user : List.of("court-handler", "union-lead", "analyst")) {
            String token = api.token(user);
            assertThat(api.get("/api/rules/versions", token).status()).as(user).isEqualTo(403);
            assertThat(api.post("/api/rules/validate", token, body).status()).as(user).isEqualTo(403);
        }
        String admin = api.token("admin");
        assertThat(api.get("/api/rules/versions", admin).status()).isEqualTo(200);
        assertThat(api.post("/api/rules/validate", admin, body).status()).isEqualTo(403);
        assertThat(api.post("/api/rules/rollback", admin, "{\"version\":\"v1\"}").status()).isEqualTo(403);
    }

    @Test
    void shouldListPublishedVersionsAndRollBackAuditedInTheAuthorsName() throws Exception {
        RuleSet v1 = RuleSets.fromFiles("workbench-v1", RuleSets.bundled().sources());
        Map<String, String> raised = new HashMap<>(v1.sources());
        raised.put("points.csv", "RulePoints,分值\n编号,分值\nPAY-001,30,试行\n");
        RuleSet v2 = RuleSets.fromFiles("workbench-v2", raised);
        publish(v1, "第一版");
        publish(v2, "工资延发加分");
        String author = api.token("rule-author");

        JsonNode listed = api.get("/api/rules/versions", author).json();
        JsonNode files = api.get("/api/rules/versions/" + v1.version(), author).json();
        Api.Response rolledBack = api.post("/api/rules/rollback", author,
                "{\"version\":\"" + v1.version() + "\",\"note\":\"回到第一版\"}");
        JsonNode after = api.get("/api/rules/versions", author).json();
        JsonNode audit = awaitAudit("RULES_ROLLBACK");

        assertThat(listed).extracting(v -> v.get("version").asText()).containsExactly(v2.version(), v1.version());
        assertThat(listed.get(0).get("by").asText()).isEqualTo("cli-author");
        assertThat(listed.get(0).get("note").asText()).isEqualTo("工资延发加分");
        assertThat(listed.get(0).get("verdict").asText()).isEqualTo("NO_REPORT"); // no job runs in this test
        assertThat(files.get("files").get("arrears.drl").asText()).isEqualTo(v1.sources().get("arrears.drl"));
        assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
        assertThat(rolledBack.json().get("version").asText()).isEqualTo(v1.version());
        assertThat(after.get(0).get("action").asText()).isEqualTo("ROLLBACK");
        assertThat(after.get(0).get("by").asText()).isEqualTo("rule-author");
        assertThat(audit).singleElement().satisfies(r -> {
            assertThat(r.get("by").asText()).isEqualTo("rule-author");
            assertThat(r.get("subject").asText()).isEqualTo("ruleset/city");
        });
        assertThat(api.get("/api/rules/versions/no-such-version", author).status()).isEqualTo(404);
    }

    private void publish(RuleSet rules, String note) throws Exception {
        Publications.Outcome outcome = new Publications(ApiStack.kafka(), STACK.rulesTopic(),
                STACK.ruleEventsTopic(), () -> new RuleSetHistory(es, STACK.rulesetsIndex(),
                STACK.rulePublicationsIndex()), ApiStack.ZONE, Clock.systemUTC())
                .publish(rules, "city", "cli-author", RuleSetHistory.Action.PUBLISH, note, Duration.ZERO);
        assertThat(outcome.notRecorded()).isNull();
        Thread.sleep(5); // publications are listed by time, then offset
    }

    /** The audit records of an action once there are some: Elasticsearch shows new documents within a second. */
    private JsonNode awaitAudit(String action) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            JsonNode items = api.get("/api/audit?action=" + action, api.token("admin")).json().get("items");
            if (!items.isEmpty() || System.currentTimeMillis() > deadline) {
                return items;
            }
            Api.sleep(200);
        }
    }

    private static String upload(Map<String, String> files) throws Exception {
        return JSON.writeValueAsString(Map.of("files", files));
    }
}
