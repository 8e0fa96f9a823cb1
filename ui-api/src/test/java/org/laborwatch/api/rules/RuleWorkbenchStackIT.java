package org.laborwatch.api.rules;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.laborwatch.api.support.Api;
import org.laborwatch.api.support.ApiStack;
import org.laborwatch.api.support.ServiceTest;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import org.laborwatch.connectors.elasticsearch.ElasticsearchEndpoint;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.connectors.rulesets.Publications;
import org.laborwatch.connectors.rulesets.RuleJobs;
import org.laborwatch.connectors.rulesets.RuleSetHistory;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSets;

/** The rule workbench in the service: validating uploads, the version history, rolling back, who may do what. */
@MicronautTest
class RuleWorkbenchStackIT extends ServiceTest {
    private static final ApiStack STACK = new ApiStack("rule-workbench");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ElasticsearchClient es = ApiStack.es();
    /** Reads and writes jobs as the service and the worker do: with the records' codec. */
    private final ElasticsearchClient jobsClient = ElasticsearchEndpoint.of(ApiStack.elasticsearch()).client(
            new JacksonJsonpMapper(RecordCodec.objectMapper(ApiStack.ZONE)));

    RuleWorkbenchStackIT() {
        super(STACK);
    }

    @AfterAll
    void close() throws Exception {
        es._transport().close();
        jobsClient._transport().close();
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

    @Test
    void shouldQueueJobsForTheEngineSideAndShowWhatCameOfThem() throws Exception {
        String author = api.token("rule-author");
        Map<String, Object> scenarios = Map.of("kind", "SCENARIOS", "files", RuleSets.bundled().sources(),
                "scenarios", Map.of("mine.yaml", "scenarios: []\n"));

        Api.Response queued = api.post("/api/rules/jobs", author, JSON.writeValueAsString(scenarios));
        String id = queued.json().get("id").asText();
        Api.Response asked = api.get("/api/rules/jobs/" + id, author);
        Api.Response noReport = api.get("/api/rules/jobs/" + id + "/report", author);
        // What the workbench worker does with it (engine/.../workbench, tested there): claim it, write its end.
        RuleJobs jobs = new RuleJobs(es(), STACK.ruleJobsIndex(), Clock.systemUTC());
        RuleJobs.Claimed claimed = jobs.claimNext("it-worker").orElseThrow();
        while (!claimed.job().id().equals(id)) { // another test's job, queued earlier in this class's index
            jobs.finish(claimed, null, "not this test's job");
            claimed = jobs.claimNext("it-worker").orElseThrow();
        }
        jobs.finish(claimed, new RuleJobs.Result(true, "library-x", "0 scenarios", List.of(), List.of(
                new RuleJobs.ScenarioVerdict("mine.yaml: 一个场景", true, "PASSED mine.yaml: 一个场景\n")),
                "# 报告", "<html><body>报告</body></html>", null, null), null);
        Api.Response done = api.get("/api/rules/jobs/" + id, author);
        Api.Response report = api.get("/api/rules/jobs/" + id + "/report", author);

        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        assertThat(queued.json().get("state").asText()).isEqualTo("QUEUED");
        assertThat(queued.json().get("by").asText()).isEqualTo("rule-author");
        assertThat(asked.json().get("kind").asText()).isEqualTo("SCENARIOS");
        assertThat(noReport.status()).isEqualTo(404);
        assertThat(claimed.job().id()).isEqualTo(id);
        assertThat(done.json().get("state").asText()).isEqualTo("DONE");
        assertThat(done.json().get("passed").asBoolean()).isTrue();
        assertThat(done.json().get("hasReport").asBoolean()).isTrue();
        assertThat(done.json().get("scenarios").get(0).get("title").asText()).isEqualTo("mine.yaml: 一个场景");
        assertThat(done.body()).doesNotContain("<html>");
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.contentType()).startsWith("text/html");
        assertThat(report.body()).contains("报告");
    }

    @Test
    void shouldAuditAPublicationAskedForAndRefuseAJobItCannotRun() throws Exception {
        String author = api.token("rule-author");
        Api.Response publish = api.post("/api/rules/jobs", author, JSON.writeValueAsString(Map.of("kind", "PUBLISH",
                "files", RuleSets.bundled().sources(), "scenarios", Map.of("a.yaml", "scenarios: []\n"),
                "note", "请发布")));
        Api.Response backtest = api.post("/api/rules/jobs", author, JSON.writeValueAsString(Map.of("kind", "BACKTEST",
                "files", RuleSets.bundled().sources(), "from", "2025-09-01", "until", "2025-12-31",
                "campaigns", List.of("winter-2026-3bde764e14"))));
        Api.Response campaignsWithoutBacktest = api.post("/api/rules/jobs", author, JSON.writeValueAsString(Map.of(
                "kind", "SCENARIOS", "files", RuleSets.bundled().sources(), "scenarios", Map.of("a.yaml", "x"),
                "campaigns", List.of("winter-2026-3bde764e14"))));
        Api.Response noDays = api.post("/api/rules/jobs", author, JSON.writeValueAsString(Map.of("kind", "BACKTEST",
                "files", RuleSets.bundled().sources())));
        Api.Response noScenarios = api.post("/api/rules/jobs", author, JSON.writeValueAsString(Map.of(
                "kind", "PUBLISH", "files", RuleSets.bundled().sources())));
        Api.Response handler = api.post("/api/rules/jobs", api.token("hrss-handler"), JSON.writeValueAsString(
                Map.of("kind", "SCENARIOS", "files", Map.of("a.drl", "x"), "scenarios", Map.of("a.yaml", "x"))));

        assertThat(publish.status()).as(publish.body()).isEqualTo(202);
        assertThat(backtest.status()).as(backtest.body()).isEqualTo(202);
        assertThat(backtest.json().get("kind").asText()).isEqualTo("BACKTEST");
        assertThat(new RuleJobs(es(), STACK.ruleJobsIndex(), Clock.systemUTC())
                .get(backtest.json().get("id").asText()).orElseThrow().request().campaigns())
                .containsExactly("winter-2026-3bde764e14");
        assertThat(campaignsWithoutBacktest.status()).isEqualTo(400);
        assertThat(campaignsWithoutBacktest.body()).contains("only a backtest");
        assertThat(awaitAudit("RULES_PUBLISH_REQUESTED")).singleElement()
                .satisfies(r -> assertThat(r.get("by").asText()).isEqualTo("rule-author"));
        assertThat(noDays.status()).isEqualTo(400);
        assertThat(noDays.body()).contains("from, until");
        assertThat(noScenarios.status()).isEqualTo(400);
        assertThat(handler.status()).isEqualTo(403);
    }

    @Test
    void shouldGiveAJobAbandonedByItsWorkerToTheNextOne() throws Exception {
        String index = STACK.ruleJobsIndex() + "-abandoned";
        Instant now = Instant.now();
        RuleJobs first = new RuleJobs(es(), index, Clock.fixed(now, ApiStack.ZONE));
        String id = first.queue(new RuleJobs.Request(RuleJobs.Kind.SCENARIOS, "rule-author", Map.of("a.drl", "x"),
                Map.of("a.yaml", "scenarios: []"), null, null, null, null, null));

        RuleJobs.Claimed claimed = first.claimNext("worker-1").orElseThrow();
        var soon = new RuleJobs(es(), index, Clock.fixed(now.plus(Duration.ofMinutes(5)), ApiStack.ZONE))
                .claimNext("worker-2");
        var later = new RuleJobs(es(), index, Clock.fixed(now.plus(Duration.ofMinutes(31)), ApiStack.ZONE))
                .claimNext("worker-2");

        assertThat(claimed.job().id()).isEqualTo(id);
        assertThat(soon).isEmpty(); // still its first worker's
        assertThat(later).hasValueSatisfying(c -> {
            assertThat(c.job().id()).isEqualTo(id);
            assertThat(c.job().worker()).isEqualTo("worker-2");
        });
    }

    private ElasticsearchClient es() {
        return jobsClient;
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
