package org.laborwatch.engine.local;

import java.util.Properties;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.apache.flink.util.PortRange;

/**
 * {@code metrics.reporter.<name>.factory.class} for {@link LoopbackPrometheusReporter}; takes the same {@code port}
 * (a port or a range such as {@code 9249-9259}, the first free one is used) as Flink's Prometheus reporter. Found by
 * Flink through {@code META-INF/services}.
 */
public final class LoopbackPrometheusReporterFactory implements MetricReporterFactory {
    static final String PORT = "port";
    static final String DEFAULT_PORT = "9249";

    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        return new LoopbackPrometheusReporter(new PortRange(properties.getProperty(PORT, DEFAULT_PORT)));
    }
}
