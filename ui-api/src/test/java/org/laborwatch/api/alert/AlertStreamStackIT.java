package org.laborwatch.api.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.laborwatch.api.support.Fixtures.BUILDER;
import static org.laborwatch.api.support.Fixtures.HOTEL;
import static org.laborwatch.api.support.Fixtures.MAKER;
import static org.laborwatch.api.support.Fixtures.alert;
import static org.laborwatch.api.support.Fixtures.day;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.laborwatch.api.support.Api;
import org.laborwatch.api.support.ApiStack;
import org.laborwatch.api.support.ServiceTest;
import org.laborwatch.api.support.SseReader;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * The SSE feed from {@code lw.alerts}: each agency gets its own alerts and no other's, only committed ones, and a
 * reconnect with {@code Last-Event-ID} resumes without loss or duplicates.
 */
@MicronautTest
class AlertStreamStackIT extends ServiceTest {
    private static final int PARTITIONS = 3;
    private static final ApiStack STACK = new ApiStack("stream", PARTITIONS);
    private static final String FROM_THE_START = "0-0.1-0.2-0";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final AtomicInteger IDS = new AtomicInteger();
    private final RecordCodec<Alert> codec = RecordCodec.alerts(ApiStack.ZONE);

    AlertStreamStackIT() {
        super(STACK);
    }

    @Test
    void shouldStreamEachAgencyItsOwnCommittedAlertsAndResumeExactly() throws Exception {
        Alert toCourt = next(BUILDER, Agency.COURT, Agency.HRSS);
        Alert toUnion = next(MAKER, Agency.UNION);
        Alert toAll = next(HOTEL, Agency.values());
        Alert aborted = next(BUILDER, Agency.COURT);
        Alert toCourtLater = next(MAKER, Agency.COURT, Agency.JUSTICE);
        try (KafkaProducer<String, String> producer = ApiStack.producer("stream-test-" + IDS.get())) {
            producer.initTransactions();
            send(producer, toCourt, toUnion, toAll);
            producer.beginTransaction();
            producer.send(record(aborted));
            producer.abortTransaction();
            send(producer, toCourtLater);
        }
        List<String> firstTwo = new ArrayList<>();
        String resumeAt;
        try (SseReader court = open("court-handler", FROM_THE_START);
             SseReader union = openWithTicket("union-lead", FROM_THE_START)) {
            assertThat(court.status).isEqualTo(200);
            assertThat(union.status).isEqualTo(200);
            SseReader.Event first = court.next("alert", WAIT);
            SseReader.Event second = court.next("alert", WAIT);
            firstTwo.add(idOf(first));
            firstTwo.add(idOf(second));
            resumeAt = second.id();

            assertThat(union.drain("alert", QUIET).stream().map(this::idOf))
                    .containsExactlyInAnyOrder(toUnion.id(), toAll.id());
        }
        Alert whileAway = next(HOTEL, Agency.COURT);
        Alert unionWhileAway = next(HOTEL, Agency.UNION);
        try (KafkaProducer<String, String> producer = ApiStack.producer("stream-test-" + IDS.get())) {
            producer.initTransactions();
            send(producer, whileAway, unionWhileAway);
        }

        List<String> afterResume;
        try (SseReader court = open("court-handler", resumeAt)) {
            afterResume = court.drain("alert", QUIET).stream().map(this::idOf).toList();
        }

        List<String> everything = new ArrayList<>(firstTwo);
        everything.addAll(afterResume);
        assertThat(everything).doesNotHaveDuplicates()
                .containsExactlyInAnyOrder(toCourt.id(), toAll.id(), toCourtLater.id(), whileAway.id());
        assertThat(afterResume).doesNotContainAnyElementsOf(firstTwo);
    }

    @Test
    void shouldStartAtTheEndOfTheTopicWithoutLastEventIdAndSayWhereAtOnce() throws Exception {
        Alert old = next(BUILDER, Agency.JUSTICE);
        try (KafkaProducer<String, String> producer = ApiStack.producer(null)) {
            producer.send(record(old)).get();
        }
        try (SseReader justice = open("justice-handler", null)) {
            SseReader.Event opened = justice.next("heartbeat", WAIT);
            assertThat(opened).as("a heartbeat as the stream opens").isNotNull();
            assertThat(opened.id()).isNotBlank();

            Alert fresh = next(MAKER, Agency.JUSTICE);
            try (KafkaProducer<String, String> producer = ApiStack.producer(null)) {
                producer.send(record(fresh)).get();
            }
            assertThat(idOf(justice.next("alert", WAIT))).isEqualTo(fresh.id());
        }
    }

    @Test
    void shouldLoseNothingRaisedWhileAwayWhenOnlyTheOpeningHeartbeatWasSeen() throws Exception {
        String resumeAt;
        try (SseReader procuratorate = open("procuratorate-handler", null)) {
            resumeAt = procuratorate.next("heartbeat", WAIT).id();
        }
        Alert whileAway = next(HOTEL, Agency.PROCURATORATE);
        try (KafkaProducer<String, String> producer = ApiStack.producer(null)) {
            producer.send(record(whileAway)).get();
        }
        try (SseReader procuratorate = open("procuratorate-handler", resumeAt)) {
            assertThat(idOf(procuratorate.next("alert", WAIT))).isEqualTo(whileAway.id());
        }
    }

    @Test
    void shouldRefuseAStreamWithoutCredentialsOrWithAForeignResumePoint() throws Exception {
        Api.Response noToken = api.get("/api/alerts/stream", null);
        Api.Response badId = api.send(api.request("/api/alerts/stream", api.token("court-handler"))
                .header("Last-Event-ID", "yesterday").GET().build());
        Api.Response ruleAuthor = api.get("/api/alerts/stream", api.token("rule-author"));

        assertThat(noToken.status()).isEqualTo(401);
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.contentType()).startsWith("application/problem+json");
        assertThat(ruleAuthor.status()).isEqualTo(403);
    }

    private SseReader open(String user, String lastEventId) throws Exception {
        HttpRequest.Builder request = api.request("/api/alerts/stream", api.token(user))
                .timeout(Duration.ofMinutes(2)).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new SseReader(api, request.GET().build());
    }

    /** As a browser's EventSource opens it: no header, a ticket in the URL. */
    private SseReader openWithTicket(String user, String lastEventId) throws Exception {
        String url = api.post("/api/alerts/stream-tickets", api.token(user), null).json().get("url").asText();
        return new SseReader(api, api.request(url + "&lastEventId=" + lastEventId, null)
                .timeout(Duration.ofMinutes(2)).header("Accept", "text/event-stream").GET().build());
    }

    private String idOf(SseReader.Event event) {
        assertThat(event).as("an alert event in time").isNotNull();
        try {
            return new ObjectMapper().readTree(event.data()).get("id").asText();
        } catch (Exception e) {
            throw new AssertionError(event.data(), e);
        }
    }

    private static Alert next(String enterprise, Agency... agencies) {
        int n = IDS.incrementAndGet();
        return alert("s-" + n, enterprise, "企业" + n, "市南区", "制造业", RiskLevel.RED, 80, day(n), agencies);
    }

    private void send(KafkaProducer<String, String> producer, Alert... alerts) {
        producer.beginTransaction();
        for (Alert a : alerts) {
            producer.send(record(a));
        }
        producer.commitTransaction();
    }

    private ProducerRecord<String, String> record(Alert alert) {
        return new ProducerRecord<>(STACK.alertsTopic(), alert.enterpriseId(), codec.encode(alert));
    }
}
