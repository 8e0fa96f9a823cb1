package org.laborwatch.api.support;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Reads a Server-Sent-Events stream as a browser's EventSource would: events with id, name and data. */
public final class SseReader implements AutoCloseable {
    public record Event(String id, String name, String data) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Stream<String> lines;
    public final int status;

    public SseReader(Api api, HttpRequest request) throws Exception {
        HttpResponse<Stream<String>> response = api.client().send(request, HttpResponse.BodyHandlers.ofLines());
        this.status = response.statusCode();
        this.lines = response.body();
        Thread reader = new Thread(this::read, "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        String id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(id, name == null ? "message" : name, data.toString()));
                    }
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        } catch (RuntimeException e) {
            // closed
        }
    }

    /** The next event named {@code name} (others are skipped), or null after {@code wait}. */
    public Event next(String name, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Event e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null || e.name().equals(name)) {
                return e;
            }
        }
    }

    /** Every {@code name} event that arrives within {@code wait}. */
    public List<Event> drain(String name, Duration wait) throws InterruptedException {
        List<Event> all = new ArrayList<>();
        for (Event e = next(name, wait); e != null; e = next(name, wait)) {
            all.add(e);
        }
        return all;
    }

    @Override
    public void close() {
        lines.close();
    }
}
