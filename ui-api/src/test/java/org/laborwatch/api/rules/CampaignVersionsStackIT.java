package org.laborwatch.api.rules;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.laborwatch.api.support.Api;
import org.laborwatch.api.support.ApiStack;
import org.laborwatch.api.support.ServiceTest;
import org.laborwatch.connectors.rulesets.Publications;
import org.laborwatch.connectors.rulesets.RuleSetHistory;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSets;

/**
 * A seasonal campaign in the service's version list: shown with its days, and rolled back under its own name, never
 * under the base set's (which would push the base set out of the compacted rules topic).
 */
@MicronautTest
class CampaignVersionsStackIT extends ServiceTest {
    private static final ApiStack STACK = new ApiStack("rule-campaigns");
    private static final Path WINTER = Path.of("..", "rules", "examples", "campaigns", "winter-wage-campaign");
    private final ElasticsearchClient es = ApiStack.es();

    CampaignVersionsStackIT() {
        super(STACK);
    }

    @AfterAll
    void close() throws Exception {
        es._transport().close();
    }

    @Test
    void shouldListACampaignWithItsDaysAndRollItBackUnderItsName() throws Exception {
        RuleSet winter = RuleSets.fromDirectory(WINTER, null);
        publish(RuleSets.bundled(), "city");
        publish(winter, "2026冬季根治欠薪专项行动");
        String author = api.token("rule-author");

        JsonNode listed = api.get("/api/rules/versions", author).json();
        JsonNode files = api.get("/api/rules/versions/" + winter.version(), author).json();
        Api.Response rolledBack = api.post("/api/rules/rollback", author,
                "{\"version\":\"" + winter.version() + "\",\"note\":\"再发一次\"}");

        assertThat(listed).extracting(v -> v.get("version").asText())
                .containsExactly(winter.version(), RuleSets.bundled().version());
        JsonNode campaign = listed.get(0).get("campaign");
        assertThat(campaign.get("name").asText()).isEqualTo("2026冬季根治欠薪专项行动");
        assertThat(campaign.get("from").asText()).isEqualTo("2025-12-15");
        assertThat(campaign.get("until").asText()).isEqualTo("2026-02-17");
        JsonNode base = listed.get(1).get("campaign");
        assertThat(base == null || base.isNull()).as("the base set has no days").isTrue();
        assertThat(files.get("publications").get(0).get("campaign").get("from").asText()).isEqualTo("2025-12-15");
        assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
        assertThat(rolledBack.json().get("name").asText()).isEqualTo("2026冬季根治欠薪专项行动");
    }

    private void publish(RuleSet rules, String name) throws Exception {
        Publications.Outcome outcome = new Publications(ApiStack.kafka(), STACK.rulesTopic(),
                STACK.ruleEventsTopic(), () -> new RuleSetHistory(es, STACK.rulesetsIndex(),
                STACK.rulePublicationsIndex()), ApiStack.ZONE, Clock.systemUTC())
                .publish(rules, name, "cli-author", RuleSetHistory.Action.PUBLISH, null, Duration.ZERO);
        assertThat(outcome.notRecorded()).isNull();
        Thread.sleep(5); // publications are listed by time, then offset
    }
}
