package org.laborwatch.api.support;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import io.micronaut.test.support.TestPropertyProvider;
import java.io.IOException;
import java.io.StringReader;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.laborwatch.connectors.elasticsearch.ElasticsearchEndpoint;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.RiskSnapshot;

/**
 * The real Kafka and Elasticsearch of the test stack ({@code ./laborwatch test} starts it and names it in
 * {@code LW_KAFKA_BOOTSTRAP} and {@code LW_ES_URL}), and the indices and topic of one test class: each class works in
 * its own ({@code lw-alerts-<class>}, …), which the stack's index templates map like the real ones.
 */
public final class ApiStack {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final String DEMO_PASSWORD = "demo-password-for-tests";

    private final String suffix;
    private final int partitions;
    private boolean clean;

    public ApiStack(String testName) {
        this(testName, 1);
    }

    /** @param partitions of the class's alerts topic */
    public ApiStack(String testName, int partitions) {
        this.suffix = testName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        this.partitions = partitions;
    }

    public static String kafka() {
        return required("LW_KAFKA_BOOTSTRAP");
    }

    public static String elasticsearch() {
        return required("LW_ES_URL");
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run these tests with ./laborwatch test, "
                    + "which starts Kafka and Elasticsearch for them");
        }
        return value;
    }

    public String alertsIndex() {
        return "lw-alerts-" + suffix;
    }

    public String riskIndex() {
        return "lw-risk-" + suffix;
    }

    public String signalsIndex() {
        return "lw-signals-" + suffix;
    }

    public String usersIndex() {
        return "lw-users-" + suffix;
    }

    public String casesIndex() {
        return "lw-cases-" + suffix;
    }

    public String auditIndex() {
        return "lw-audit-" + suffix;
    }

    public String countersIndex() {
        return "lw-counters-" + suffix;
    }

    public String rulesetsIndex() {
        return "lw-rulesets-" + suffix;
    }

    public String rulePublicationsIndex() {
        return "lw-rule-publications-" + suffix;
    }

    public String ruleJobsIndex() {
        return "lw-rule-jobs-" + suffix;
    }

    public String rulesTopic() {
        return "lw.rules." + suffix;
    }

    public String ruleEventsTopic() {
        return "lw.rules.events." + suffix;
    }

    public String alertsTopic() {
        return "lw.alerts." + suffix;
    }

    public String signalsTopic() {
        return "lw.signals." + suffix;
    }

    public String caseEventsTopic() {
        return "lw.cases.events." + suffix;
    }

    /**
     * The service's settings for this class: its own indices and topic, the demo's users. The first call empties
     * them, before the service starts and creates its users (a rerun starts clean).
     */
    public synchronized Map<String, String> properties() {
        if (!clean) {
            try {
                reset(partitions);
            } catch (Exception e) {
                throw new IllegalStateException("cannot reset the test's indices and topic", e);
            }
            clean = true;
        }
        Map<String, String> p = new HashMap<>();
        p.put("laborwatch.elasticsearch.url", elasticsearch());
        p.put("laborwatch.kafka.bootstrap", kafka());
        p.put("laborwatch.names.alerts-index", alertsIndex());
        p.put("laborwatch.names.risk-index", riskIndex());
        p.put("laborwatch.names.signals-index", signalsIndex());
        p.put("laborwatch.names.users-index", usersIndex());
        p.put("laborwatch.names.cases-index", casesIndex());
        p.put("laborwatch.names.audit-index", auditIndex());
        p.put("laborwatch.names.counters-index", countersIndex());
        p.put("laborwatch.names.alerts-topic", alertsTopic());
        p.put("laborwatch.names.signals-topic", signalsTopic());
        p.put("laborwatch.names.case-events-topic", caseEventsTopic());
        p.put("laborwatch.names.rulesets-index", rulesetsIndex());
        p.put("laborwatch.names.rule-publications-index", rulePublicationsIndex());
        p.put("laborwatch.names.rules-topic", rulesTopic());
        p.put("laborwatch.names.rule-jobs-index", ruleJobsIndex());
        p.put("laborwatch.names.rule-events-topic", ruleEventsTopic());
        p.put("laborwatch.rules.verdict-wait", "2s");
        p.put("laborwatch.cases.consumer-group", "laborwatch-api-cases-" + suffix);
        p.put("laborwatch.demo.password", DEMO_PASSWORD);
        return p;
    }

    /** Deletes this class's indices (a rerun starts clean) and recreates its topic. */
    private void reset(int partitions) throws Exception {
        ElasticsearchClient es = es();
        try {
            es.indices().delete(d -> d.index(List.of(alertsIndex(), riskIndex(), signalsIndex(), usersIndex(),
                    casesIndex(), auditIndex(), countersIndex(), rulesetsIndex(), rulePublicationsIndex(),
                    ruleJobsIndex()))
                    .ignoreUnavailable(true));
        } finally {
            es._transport().close();
        }
        try (Admin admin = admin()) {
            for (String topic : List.of(alertsTopic(), signalsTopic(), caseEventsTopic(), rulesTopic(),
                    ruleEventsTopic())) {
                recreate(admin, topic, partitions);
            }
        }
    }

    private static void recreate(Admin admin, String topic, int partitions) throws Exception {
        if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            for (int i = 0; i < 100 && admin.listTopics().names().get().contains(topic); i++) {
                Thread.sleep(100);
            }
        }
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        // A new topic's partitions may not answer at once (KAFKA-15591): wait until they have leaders.
        for (int i = 0; i < 100; i++) {
            try {
                var described = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
                if (described.size() == partitions && described.stream().allMatch(p -> p.leader() != null)) {
                    break;
                }
            } catch (java.util.concurrent.ExecutionException notYet) {
                // the topic is still being created
            }
            Thread.sleep(100);
        }
    }

    public static ElasticsearchClient es() {
        return ElasticsearchEndpoint.of(elasticsearch())
                .client(new JacksonJsonpMapper(RecordCodec.objectMapper(ZONE)));
    }

    public static Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka());
        return Admin.create(p);
    }

    public static KafkaProducer<String, String> producer(String transactionalId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        if (transactionalId != null) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(p);
    }

    /** Indexes alerts as the index job does (the codec's JSON under the alert's id), visible at once. */
    public void indexAlerts(List<Alert> alerts) throws IOException {
        RecordCodec<Alert> codec = RecordCodec.alerts(ZONE);
        bulk(alertsIndex(), alerts.stream().map(a -> Map.entry(a.id(), codec.encode(a))).toList());
    }

    public void indexRisk(List<RiskSnapshot> risks) throws IOException {
        RecordCodec<RiskSnapshot> codec = RecordCodec.riskSnapshots(ZONE);
        bulk(riskIndex(), risks.stream().map(r -> Map.entry(r.enterpriseId(), codec.encode(r))).toList());
    }

    /** Signals as JSON lines, archived under {@code SOURCE:id}. */
    public void indexSignals(List<Map.Entry<String, String>> idAndJson) throws IOException {
        bulk(signalsIndex(), idAndJson);
    }

    private static void bulk(String index, List<Map.Entry<String, String>> documents) throws IOException {
        if (documents.isEmpty()) {
            return;
        }
        ElasticsearchClient es = es();
        try {
            BulkRequest.Builder bulk = new BulkRequest.Builder().refresh(Refresh.True);
            for (Map.Entry<String, String> doc : documents) {
                bulk.operations(o -> o.index(i -> i.index(index).id(doc.getKey())
                        .document(co.elastic.clients.json.JsonData.from(new StringReader(doc.getValue())))));
            }
            var response = es.bulk(bulk.build());
            if (response.errors()) {
                throw new IOException("bulk refused: " + response.items().stream()
                        .filter(i -> i.error() != null).map(i -> i.error().reason()).findFirst().orElse("?"));
            }
        } finally {
            es._transport().close();
        }
    }

    /** For test classes: the service's properties of the class. */
    public interface Provider extends TestPropertyProvider {
        ApiStack stack();

        @Override
        default Map<String, String> getProperties() {
            return stack().properties();
        }
    }
}
