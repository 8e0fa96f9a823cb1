package org.laborwatch.api.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.laborwatch.api.support.Fixtures.BUILDER;
import static org.laborwatch.api.support.Fixtures.alert;
import static org.laborwatch.api.support.Fixtures.day;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.laborwatch.api.support.Api;
import org.laborwatch.api.support.ApiStack;
import org.laborwatch.api.support.ServiceTest;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.RiskLevel;

/** Paging a feed while the index job keeps writing to it. */
@MicronautTest
class AlertPagesStackIT extends ServiceTest {
    private static final ApiStack STACK = new ApiStack("pages");

    AlertPagesStackIT() {
        super(STACK);
    }

    @Test
    void shouldReturnEveryAlertExactlyOnceAcrossPagesWhileNewOnesAreIndexed() throws Exception {
        List<Alert> existing = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            // Several alerts share a raise time: the id breaks the tie, so no page boundary splits them wrongly.
            existing.add(alert(String.format("p-%03d", i), BUILDER, "青岛某某建筑有限公司", "李沧区", "建筑业",
                    RiskLevel.RED, 80, day(10 + i / 3), Agency.COURT));
        }
        STACK.indexAlerts(existing);
        AtomicBoolean paging = new AtomicBoolean(true);
        CompletableFuture<Void> inserting = CompletableFuture.runAsync(() -> {
            for (int i = 0; paging.get() && i < 200; i++) {
                try {
                    // Newer than everything and older than everything, while the pages are read.
                    STACK.indexAlerts(List.of(
                            alert("n-" + i, BUILDER, "n", "李沧区", "建筑业", RiskLevel.RED, 80, day(500 + i),
                                    Agency.COURT),
                            alert("o-" + i, BUILDER, "o", "李沧区", "建筑业", RiskLevel.RED, 80, day(-500 - i),
                                    Agency.COURT)));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }
        });
        List<String> seen = new ArrayList<>();
        String token = api.token("court-handler");
        String next = null;
        do {
            JsonNode page = api.get("/api/alerts?limit=7" + (next == null ? "" : "&cursor=" + next), token).json();
            seen.addAll(ids(page));
            next = page.hasNonNull("next") ? page.get("next").asText() : null;
            Api.sleep(20);
        } while (next != null);
        paging.set(false);
        inserting.join();

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsAll(existing.stream().map(Alert::id).toList());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }
}
