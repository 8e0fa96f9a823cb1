package org.laborwatch.engine.local;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;

/**
 * What a Flink cluster started inside this JVM (a file run, {@code run --stack}, the index job beside it, the bench)
 * may show, and to whom: this host only. Left to Flink's defaults, a local cluster serves its REST API and web UI on
 * every interface, accepts jar uploads and job submissions through them (anyone who reaches the port runs code in
 * this JVM), and its blob server and TaskManager data port listen on every interface too.
 *
 * <ul>
 *   <li>REST API and web UI, blob server, TaskManager data and RPC: bound to {@value #LOOPBACK};</li>
 *   <li>web submission ({@code web.submit.enable}) and cancelling from the web UI ({@code web.cancel.enable}) off:
 *       the command line that started the run is what stops it;</li>
 *   <li>Prometheus metrics, when asked for: {@link LoopbackPrometheusReporter}, since Flink's own reporter cannot be
 *       bound to an address.</li>
 * </ul>
 *
 * Production clusters (docker/) are configured in their own files; there the published ports decide.
 */
public final class LocalCluster {
    /** The address every listener of a local cluster is bound to. */
    public static final String LOOPBACK = "127.0.0.1";
    /** The reporter's name in {@code metrics.reporter.<name>.*}, as docker/ names Flink's own. */
    public static final String REPORTER = "prom";

    private LocalCluster() {
    }

    /** Binds every listener of a cluster in this JVM to the loopback address and turns web submission off. */
    public static Configuration hostOnly(Configuration conf) {
        conf.set(RestOptions.BIND_ADDRESS, LOOPBACK);
        conf.set(RestOptions.ADDRESS, LOOPBACK);
        conf.set(WebOptions.SUBMIT_ENABLE, false);
        conf.set(WebOptions.CANCEL_ENABLE, false);
        conf.set(JobManagerOptions.BIND_HOST, LOOPBACK);
        conf.set(JobManagerOptions.ADDRESS, LOOPBACK);
        conf.set(TaskManagerOptions.BIND_HOST, LOOPBACK);
        conf.set(TaskManagerOptions.HOST, LOOPBACK);
        return conf;
    }

    /** Prometheus metrics on the first free port of {@code ports} (e.g. {@code 9249-9259}), loopback only. */
    public static Configuration prometheus(Configuration conf, String ports) {
        conf.setString("metrics.reporter." + REPORTER + ".factory.class",
                LoopbackPrometheusReporterFactory.class.getName());
        conf.setString("metrics.reporter." + REPORTER + "." + LoopbackPrometheusReporterFactory.PORT, ports);
        return conf;
    }
}
