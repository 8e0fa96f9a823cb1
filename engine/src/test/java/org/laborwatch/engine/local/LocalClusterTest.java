package org.laborwatch.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.prometheus.PrometheusReporterFactory;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.junit.jupiter.api.Test;

/** A cluster in this JVM answers this host only: checked on the sockets the process really listens on. */
class LocalClusterTest {

    @Test
    void shouldBindEveryListenerToLoopbackAndTakeNoJobsFromTheWeb() {
        Configuration conf = LocalCluster.hostOnly(new Configuration());

        assertThat(conf.get(RestOptions.BIND_ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(conf.get(RestOptions.ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(conf.get(WebOptions.SUBMIT_ENABLE)).isFalse();
        assertThat(conf.get(WebOptions.CANCEL_ENABLE)).isFalse();
        assertThat(conf.get(JobManagerOptions.BIND_HOST)).isEqualTo("127.0.0.1");
        assertThat(conf.get(TaskManagerOptions.BIND_HOST)).isEqualTo("127.0.0.1");
    }

    /** The check below must be able to fail: Flink's own Prometheus reporter listens on every interface. */
    @Test
    void shouldSeeThatFlinksOwnReporterListensOnEveryInterface() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/self/net/tcp")), "needs Linux's /proc");
        MetricConfig props = new MetricConfig();
        props.setProperty("port", "0");
        MetricReporter flinks = new PrometheusReporterFactory().createMetricReporter(props);
        try {
            assertThat(listening()).anyMatch(a -> a.getAddress().isAnyLocalAddress());
        } finally {
            flinks.close();
        }
    }

    @Test
    void shouldServeMetricsOnLoopbackOnly() throws Exception {
        MetricConfig props = new MetricConfig();
        props.setProperty("port", "0");
        LoopbackPrometheusReporter reporter =
                (LoopbackPrometheusReporter) new LoopbackPrometheusReporterFactory().createMetricReporter(props);
        try {
            assertThat(get(reporter.port(), "/metrics")).isNotNull();
            if (Files.isReadable(Path.of("/proc/self/net/tcp"))) {
                assertThat(listening()).filteredOn(a -> a.getPort() == reporter.port()).isNotEmpty()
                        .allMatch(a -> a.getAddress().isLoopbackAddress());
            }
        } finally {
            reporter.close();
        }
    }

    /**
     * A cluster as a local run starts it (REST API and web UI, blob server, TaskManager, metrics): every socket this
     * JVM listens on is on the loopback address, and the REST API refuses jar uploads.
     */
    @Test
    void shouldListenOnLoopbackOnlyWhenALocalClusterRuns() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/net/tcp")), "needs Linux's /proc");
        Configuration conf = LocalCluster.prometheus(LocalCluster.hostOnly(new Configuration()), "0");
        conf.set(RestOptions.BIND_PORT, "0");
        try (MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(1).build())) {
            cluster.start();
            int rest = cluster.getRestAddress().get().getPort();

            List<InetSocketAddress> listening = listening();
            assertThat(listening).extracting(InetSocketAddress::getPort).contains(rest);
            assertThat(listening).as("sockets this JVM listens on").isNotEmpty()
                    .allMatch(a -> a.getAddress().isLoopbackAddress());

            assertThat(get(rest, "/config")).contains("\"web-submit\":false", "\"web-cancel\":false");
            // Flink's metrics, with Flink's names, from the loopback reporter on one of those sockets.
            // (Not the blob server's port: it logs an error for a request it cannot read.)
            int blob = cluster.getClusterInformation().getBlobServerPort();
            List<String> metrics = new ArrayList<>();
            for (InetSocketAddress a : listening) {
                String body = a.getPort() == rest || a.getPort() == blob ? null : get(a.getPort(), "/metrics");
                if (body != null) {
                    metrics.add(body);
                }
            }
            assertThat(metrics).anyMatch(m -> m.contains("flink_jobmanager_numRegisteredTaskManagers"));
        }
    }

    /** The body of a GET on 127.0.0.1, or null if the port does not answer it with 200 (not HTTP, say). */
    private static String get(int port, String path) {
        try {
            var http = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
            http.setConnectTimeout(1000);
            http.setReadTimeout(2000);
            if (http.getResponseCode() != 200) {
                return null;
            }
            return new String(http.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /** The TCP sockets this process listens on, from /proc (IPv4 and IPv6, IPv4-mapped addresses as IPv4). */
    static List<InetSocketAddress> listening() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        List<InetSocketAddress> result = new ArrayList<>();
        for (String table : new String[] {"/proc/self/net/tcp", "/proc/self/net/tcp6"}) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                String[] f = line.trim().split("\\s+");
                if (!"0A".equals(f[3]) || !inodes.contains(f[9])) { // 0A: LISTEN
                    continue;
                }
                String[] local = f[1].split(":");
                result.add(new InetSocketAddress(address(local[0]), Integer.parseInt(local[1], 16)));
            }
        }
        return result;
    }

    /** /proc prints each 32-bit word of an address in host (little-endian) order. */
    private static InetAddress address(String hex) throws IOException {
        byte[] raw = HexFormat.of().parseHex(hex);
        byte[] bytes = new byte[raw.length];
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                bytes[word + i] = raw[word + 3 - i];
            }
        }
        return InetAddress.getByAddress(bytes);
    }
}
