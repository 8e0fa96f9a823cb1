package org.laborwatch.engine.stack;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.laborwatch.connectors.elasticsearch.Documents;
import org.laborwatch.connectors.kafka.TopicOffsets;
import org.laborwatch.connectors.kafka.Topics;
import org.laborwatch.engine.generate.SampleGenerator;
import org.laborwatch.rules.risk.Alert;

/**
 * Elasticsearch goes away in the middle of a run and comes back. The engine never waits for it: the alerts reach
 * Kafka while the node is down. The index job holds what it could not write (it slows, nothing is dropped, Kafka is
 * the buffer), and once the node is back every alert and every enterprise's risk is there.
 */
class ElasticsearchOutageStackIT {
    @TempDir
    Path dir;

    @Test
    void shouldPublishAlertsWhileElasticsearchIsDownAndIndexEverythingOnceItIsBack() throws Exception {
        var city = new SampleGenerator(new SampleGenerator.Options(3000, 365, 31, LocalDate.of(2025, 3, 1), 1,
                Stack.ZONE)).writeTo(dir.resolve("city"));
        Set<String> expected = Stack.embeddedAlertIds(city.files(), dir.resolve("embedded"));

        Map<TopicPartition, Long> alertsBefore = TopicOffsets.endOfLog(Stack.kafka(), Topics.ALERTS);
        Map<TopicPartition, Long> indexStart = Stack.indexStart();
        Stack.Range range = Stack.produce(city.files());
        StackRun.Options options = Stack.options("it-es-outage", range, dir.resolve("checkpoints"));
        JobClient engine = StackRun.start(options);

        stopElasticsearch();
        List<Alert> published;
        JobClient index;
        try {
            engine.getJobExecutionResult().get(5, TimeUnit.MINUTES); // the whole input judged with the node gone
            published = Stack.alerts(alertsBefore, TopicOffsets.end(Stack.kafka(), Topics.ALERTS));
            index = IndexRun.start(options, Stack.elasticsearch(),
                    IndexRun.Range.to(Stack.kafka(), indexStart, range.to()));
            Thread.sleep(5_000); // the index job reads, and cannot write, while the node is gone
            assertThat(index.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        } finally {
            startElasticsearch(); // also when the above fails: the tests after this one need the node
        }
        index.getJobExecutionResult().get(5, TimeUnit.MINUTES);
        assertThat(published).extracting(Alert::id).doesNotHaveDuplicates();
        assertThat(published.stream().map(Alert::id).collect(Collectors.toSet())).isEqualTo(expected);

        Set<String> enterprises = published.stream().map(Alert::enterpriseId).collect(Collectors.toSet());
        try (var transport = Stack.es()._transport()) {
            ElasticsearchClient es = new ElasticsearchClient(transport);
            es.indices().refresh(r -> r.index(Documents.ALERTS, Documents.RISK));
            assertThat(es.count(c -> c.index(Documents.ALERTS)
                    .query(q -> q.ids(i -> i.values(List.copyOf(expected))))).count()).isEqualTo(expected.size());
            assertThat(es.count(c -> c.index(Documents.RISK)
                    .query(q -> q.ids(i -> i.values(List.copyOf(enterprises))))).count())
                    .isEqualTo(enterprises.size());
        }
    }

    /** Stops the node the way a crash or an operator would: its process ends, its port closes. */
    private static void stopElasticsearch() throws Exception {
        Path pidFile = stackHome().resolve("run/elasticsearch.pid");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle node = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no Elasticsearch " + pid));
        node.destroy();
        node.onExit().get(60, TimeUnit.SECONDS);
        assertThat(portOpen()).as("Elasticsearch is down").isFalse();
    }

    /** The stack script starts what is not running, the way an operator brings the node back. */
    private static void startElasticsearch() throws Exception {
        Path script = Path.of("").toAbsolutePath().getParent().resolve("stack/stack.sh");
        Process up = new ProcessBuilder("bash", script.toString(), "up").inheritIO().start();
        assertThat(up.waitFor(180, TimeUnit.SECONDS)).as("stack up finished").isTrue();
        assertThat(up.exitValue()).as("stack up succeeded").isZero();
    }

    private static boolean portOpen() {
        URI es = URI.create(Stack.elasticsearch());
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(es.getHost(), es.getPort()), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static Path stackHome() {
        String home = System.getenv("LW_STACK_HOME");
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("LW_STACK_HOME is not set: run with ./laborwatch test");
        }
        return Path.of(home);
    }
}
