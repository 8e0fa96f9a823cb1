package org.laborwatch.api.alert;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.laborwatch.api.problem.BadRequest;

/**
 * Where an alert stream stands: the next offset to read in each partition of {@code lw.alerts}, and of
 * {@code lw.cases.events} (the case notifications it carries too). It is the id of every event sent, so a client that
 * reconnects with {@code Last-Event-ID} resumes exactly after the last event it got: nothing before it again, nothing
 * after it lost. Written {@code 0-15.1-7.2-0~0-3.1-0} (partition-offset pairs of alerts, then {@code ~} and those of
 * case events); an id from before case events ({@code 0-15.1-7}) reads case events from their end.
 */
record StreamPosition(Map<Integer, Long> alerts, Map<Integer, Long> cases) {
    private static final String PAIRS = "\\d{1,4}-\\d{1,19}(\\.\\d{1,4}-\\d{1,19}){0,1023}";
    private static final Pattern FORMAT = Pattern.compile(PAIRS + "(~(" + PAIRS + ")?)?");

    StreamPosition {
        alerts = new TreeMap<>(alerts);
        cases = cases == null ? null : new TreeMap<>(cases);
    }

    String encode() {
        return encode(alerts) + (cases == null ? "" : "~" + encode(cases));
    }

    private static String encode(Map<Integer, Long> next) {
        StringBuilder out = new StringBuilder();
        next.forEach((p, o) -> out.append(out.isEmpty() ? "" : ".").append(p).append('-').append(o));
        return out.toString();
    }

    static StreamPosition decode(String id) {
        if (id == null || !FORMAT.matcher(id).matches()) {
            throw new BadRequest("Last-Event-ID: '" + id + "' is not an event id of this stream");
        }
        int tilde = id.indexOf('~');
        return tilde < 0 ? new StreamPosition(pairs(id), null)
                : new StreamPosition(pairs(id.substring(0, tilde)), pairs(id.substring(tilde + 1)));
    }

    private static Map<Integer, Long> pairs(String s) {
        Map<Integer, Long> next = new TreeMap<>();
        if (s.isEmpty()) {
            return next;
        }
        for (String pair : s.split("\\.")) {
            int dash = pair.indexOf('-');
            next.put(Integer.parseInt(pair.substring(0, dash)), Long.parseLong(pair.substring(dash + 1)));
        }
        return next;
    }
}
