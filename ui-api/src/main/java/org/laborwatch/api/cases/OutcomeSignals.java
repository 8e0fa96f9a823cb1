package org.laborwatch.api.cases;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.laborwatch.api.backend.Names;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.fact.SignalSource;
import org.laborwatch.rules.fact.SignalType;

/**
 * Sends a resolved case's outcome to {@code lw.signals} as a {@code CASE_OUTCOME} signal, so the engine judges it like
 * any other signal (the OUT- rules of the library decide what it does to the score). Its id is fixed by the case and
 * the resolution ({@code case-outcome:<case>:<n>}), so sending it again — after a failure, or by another instance —
 * is a duplicate the engine drops.
 */
@Singleton
class OutcomeSignals {
    static final String OUTCOME = "outcome";
    static final String CASE_ID = "caseId";
    static final String LEGAL_AID_CASES = "legalAidCases";

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final SignalCodec codec = SignalCodec.defaults();

    OutcomeSignals(KafkaProducer<byte[], byte[]> producer, Names names) {
        this.producer = producer;
        this.topic = names.signalsTopic();
    }

    static Signal signalOf(Case c) {
        Outcome o = c.outcome();
        return new Signal("case-outcome:" + c.id() + ":" + c.resolutions(), SignalType.CASE_OUTCOME,
                c.enterpriseId(), c.enterpriseName(), c.district(), c.industry(),
                SignalSource.valueOf(c.leadAgency().name()), c.resolvedAt(), o.amountRecovered(), o.workersHelped(),
                null, Map.of(OUTCOME, o.kind().name(), CASE_ID, c.id(), LEGAL_AID_CASES,
                        Integer.toString(o.legalAidCases())));
    }

    /** Sends and waits for Kafka's acknowledgement; throws when it does not come. */
    void send(Case c) throws Exception {
        Signal signal = signalOf(c);
        producer.send(new ProducerRecord<>(topic, c.enterpriseId().getBytes(StandardCharsets.UTF_8),
                codec.encode(signal).getBytes(StandardCharsets.UTF_8))).get(15, TimeUnit.SECONDS);
    }
}
