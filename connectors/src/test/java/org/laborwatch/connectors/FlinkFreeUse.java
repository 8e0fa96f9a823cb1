package org.laborwatch.connectors;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.laborwatch.connectors.elasticsearch.Documents;
import org.laborwatch.connectors.elasticsearch.ElasticsearchEndpoint;
import org.laborwatch.connectors.json.Decoded;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.connectors.kafka.KafkaClients;
import org.laborwatch.connectors.kafka.RuleSetPublisher;
import org.laborwatch.connectors.kafka.SignalReplay;
import org.laborwatch.connectors.kafka.Topics;
import org.laborwatch.rules.feature.FeatureSummary;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetEvent;

/**
 * What a module without Flink (the service) does with connectors: codecs, topic and index names, Kafka clients,
 * rule-set publishing and replay. {@link FlinkFreeApiTest} runs it in a class loader that has no Flink; what it
 * returns says each step worked. Nothing here reaches a server: no broker listens on port 1, and no record is sent.
 */
public final class FlinkFreeUse implements Supplier<List<String>> {
    private static final String NOWHERE = "127.0.0.1:1";

    @Override
    public List<String> get() {
        List<String> done = new ArrayList<>();
        ZoneId zone = SignalCodec.defaults().zone();

        RecordCodec<RuleSet> ruleSets = RecordCodec.ruleSets(zone);
        RuleSet rules = new RuleSet("v1", Map.of("a.drl", "package a"));
        done.add("rule set " + ruleSets.decode(ruleSets.encode(rules)).version());

        RecordCodec<RuleSetEvent> events = RecordCodec.ruleSetEvents(zone);
        RuleSetEvent event = new RuleSetEvent("v1", false, List.of("a.drl:1 nonsense"));
        done.add("event " + events.decode(events.encode(event)).problems());

        Decoded decoded = SignalCodec.defaults().decode("{\"id\":1}", "probe:1");
        done.add("signal " + decoded.getClass().getSimpleName());

        done.add("topics " + Topics.DEFAULT.all().size() + " " + Topics.RULES);
        done.add("index " + Documents.RISK);
        done.add("features " + FeatureSummary.NAMES.size());
        done.add("acks " + KafkaClients.producer(NOWHERE).get("acks"));

        try (RuleSetPublisher publisher = new RuleSetPublisher(NOWHERE, Topics.RULES, zone)) {
            done.add("publisher " + publisher.getClass().getSimpleName());
        }
        SignalReplay replay = new SignalReplay(ElasticsearchEndpoint.of("http://" + NOWHERE), NOWHERE,
                Topics.SIGNALS, SignalCodec.defaults());
        done.add("replay " + replay.getClass().getSimpleName() + " " + Instant.EPOCH);
        return done;
    }
}
