package org.laborwatch.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.rules.risk.Alert;

/** Drives cases the way agencies and the engine do: alerts into the class's lw.alerts, requests to the API. */
public final class CaseDriver {
    private final ApiStack stack;
    private final Api api;
    private final RecordCodec<Alert> codec = RecordCodec.alerts(ApiStack.ZONE);

    public CaseDriver(ApiStack stack, Api api) {
        this.stack = stack;
        this.api = api;
    }

    /** Produces alerts as the engine does (committed, keyed by enterprise) and indexes them as the index job does. */
    public void produce(Alert... alerts) throws Exception {
        stack.indexAlerts(java.util.List.of(alerts));
        try (KafkaProducer<String, String> producer = ApiStack.producer(null)) {
            for (Alert a : alerts) {
                producer.send(new ProducerRecord<>(stack.alertsTopic(), a.enterpriseId(), codec.encode(a)))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** The enterprise's cases as an analyst sees them, once {@code count} exist (waits up to 60 s). */
    public JsonNode awaitCases(String enterpriseId, int count) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            Api.Response r = api.get("/api/cases?enterpriseId=" + enterpriseId, api.token("analyst"));
            if (r.status() == 200 && r.json().get("items").size() >= count) {
                return r.json().get("items");
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no " + count + " case(s) of " + enterpriseId + ": " + r.body());
            }
            Api.sleep(200);
        }
    }

    /** Waits until the case holds {@code alerts} alerts. */
    public JsonNode awaitAlerts(String caseId, int alerts) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            JsonNode c = get("analyst", caseId).json();
            if (c.get("case").get("alertIds").size() >= alerts) {
                return c;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("case " + caseId + " has not " + alerts + " alerts: " + c);
            }
            Api.sleep(200);
        }
    }

    /**
     * The case's audit records (of one action, or all when null), once at least {@code count} are searchable: the
     * trail is written after each change and Elasticsearch shows new documents within a second.
     */
    public JsonNode awaitAudit(String caseId, String action, int count) {
        long deadline = System.currentTimeMillis() + 30_000;
        String query = "/api/audit?limit=200&caseId=" + caseId + (action == null ? "" : "&action=" + action);
        while (true) {
            JsonNode items = api.get(query, api.token("admin")).json().get("items");
            if (items.size() >= count) {
                return items;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not " + count + " audit records for " + caseId + ": " + items);
            }
            Api.sleep(200);
        }
    }

    public Api.Response get(String user, String caseId) {
        return api.get("/api/cases/" + caseId, api.token(user));
    }

    public Api.Response move(String user, String caseId, String to, String comment) {
        return move(user, caseId, "{\"to\":\"" + to + "\",\"comment\":\"" + comment + "\"}");
    }

    public Api.Response move(String user, String caseId, String body) {
        return api.post("/api/cases/" + caseId + "/transitions", api.token(user), body);
    }

    public Api.Response note(String user, String caseId, String text) {
        return api.post("/api/cases/" + caseId + "/notes", api.token(user), "{\"text\":\"" + text + "\"}");
    }
}
