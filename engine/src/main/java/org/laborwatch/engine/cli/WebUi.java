package org.laborwatch.engine.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;
import org.laborwatch.engine.stack.StackRun;

/** Where a local cluster's Flink web UI answers for a job: the first free port of a range, found by asking. */
final class WebUi {
    static final int FIRST_PORT = 8081;
    static final int PORTS = StackRun.WEB_UI_PORTS;

    private WebUi() {
    }

    /** The port of {@link #FIRST_PORT} and the few after it that knows {@code jobId}, asking for a few seconds. */
    static OptionalInt portOf(String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (int port = FIRST_PORT; port < FIRST_PORT + PORTS; port++) {
                if (answers(port, jobId)) {
                    return OptionalInt.of(port);
                }
            }
            Thread.sleep(500); // the local cluster's REST endpoint may still be starting
        }
        return OptionalInt.empty();
    }

    static String jobPage(int port, String jobId) {
        return "http://127.0.0.1:" + port + "/#/job/running/" + jobId + "/overview";
    }

    /** Whether the cluster on {@code port} has the job: its job list (asking for a job it lacks logs an error). */
    private static boolean answers(int port, String jobId) {
        try {
            var http = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/jobs").toURL().openConnection();
            http.setConnectTimeout(300);
            http.setReadTimeout(1000);
            if (http.getResponseCode() != 200) {
                return false;
            }
            try (InputStream in = http.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("\"" + jobId + "\"");
            }
        } catch (IOException e) {
            return false; // not this port, or not yet
        }
    }
}
