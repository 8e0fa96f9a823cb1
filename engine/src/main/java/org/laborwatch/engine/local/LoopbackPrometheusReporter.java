package org.laborwatch.engine.local;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.HTTPServer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Iterator;
import org.apache.flink.metrics.prometheus.AbstractPrometheusReporter;
import org.apache.flink.util.PortRange;

/**
 * Flink's Prometheus reporter, served on the loopback address only. Flink 2.2's {@code PrometheusReporter} binds its
 * HTTP server to every interface ({@code new InetSocketAddress(port)}) and has no option for the address, so a local
 * run on a laptop or a shared machine would show its metrics (names of enterprises' districts, rule ids, throughput)
 * to the whole network. This reporter is the same exporter (Flink's metric names and labels, from Flink's own
 * {@link AbstractPrometheusReporter}) with the server bound to {@link InetAddress#getLoopbackAddress()}.
 *
 * <p>The exporter's registry is a package-private field of Flink's class, read once by reflection:
 * {@code LoopbackPrometheusReporterTest} fails if a Flink upgrade renames it. On a cluster (docker/) Flink's own
 * reporter runs, and the published port decides who may scrape it.
 */
public final class LoopbackPrometheusReporter extends AbstractPrometheusReporter {
    private final HTTPServer server;
    private final int port;

    LoopbackPrometheusReporter(PortRange ports) {
        CollectorRegistry registry = registry();
        Iterator<Integer> candidates = ports.getPortsIterator();
        HTTPServer started = null;
        int bound = -1;
        while (started == null && candidates.hasNext()) {
            int candidate = candidates.next();
            try {
                started = new HTTPServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), candidate), registry,
                        true);
                bound = started.getPort();
            } catch (IOException e) {
                log.debug("Port {} is taken; trying the next of {}.", candidate, ports);
            }
        }
        if (started == null) {
            throw new IllegalStateException("no free port for the Prometheus reporter in " + ports);
        }
        this.server = started;
        this.port = bound;
        log.info("Prometheus metrics at http://{}:{}/metrics (loopback only)",
                InetAddress.getLoopbackAddress().getHostAddress(), port);
    }

    /** The port the metrics are served on. */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.stop();
        super.close();
    }

    private CollectorRegistry registry() {
        try {
            Field field = AbstractPrometheusReporter.class.getDeclaredField("registry");
            field.setAccessible(true);
            return (CollectorRegistry) field.get(this);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("Flink's AbstractPrometheusReporter no longer keeps its metrics in a "
                    + "'registry' field; adapt LoopbackPrometheusReporter to this Flink version", e);
        }
    }
}
