package org.laborwatch.api.alert;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.laborwatch.api.problem.BadRequest;

/**
 * Where an alert stream stands in {@code lw.alerts}: the next offset to read in each partition. It is the id of every
 * event sent, so a client that reconnects with {@code Last-Event-ID} resumes exactly after the last event it got:
 * nothing before it again, nothing after it lost. Written {@code 0-15.1-7.2-0} (partition-offset pairs).
 */
record StreamPosition(Map<Integer, Long> next) {
    private static final Pattern FORMAT = Pattern.compile("\\d{1,4}-\\d{1,19}(\\.\\d{1,4}-\\d{1,19}){0,1023}");

    StreamPosition {
        next = new TreeMap<>(next);
    }

    String encode() {
        StringBuilder out = new StringBuilder();
        next.forEach((p, o) -> out.append(out.isEmpty() ? "" : ".").append(p).append('-').append(o));
        return out.toString();
    }

    static StreamPosition decode(String id) {
        if (id == null || !FORMAT.matcher(id).matches()) {
            throw new BadRequest("Last-Event-ID: '" + id + "' is not an event id of this stream");
        }
        Map<Integer, Long> next = new TreeMap<>();
        for (String pair : id.split("\\.")) {
            int dash = pair.indexOf('-');
            next.put(Integer.parseInt(pair.substring(0, dash)), Long.parseLong(pair.substring(dash + 1)));
        }
        return new StreamPosition(next);
    }
}
