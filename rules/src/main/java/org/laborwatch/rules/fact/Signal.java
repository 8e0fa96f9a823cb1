package org.laborwatch.rules.fact;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * One enterprise signal, already validated (see the JSON codec in connectors for the rejection reasons).
 *
 * <p>{@code occurredAt} is the event time; the offset it arrived with is not kept because every output renders times
 * in the city's zone. Optional numbers are {@code null} when the source did not say, which is different from zero.
 */
public record Signal(
        String id,
        SignalType type,
        String enterpriseId,
        String enterpriseName,
        String district,
        String industry,
        SignalSource source,
        Instant occurredAt,
        BigDecimal amount,
        Integer workers,
        Integer months,
        Map<String, String> attributes) {

    public Signal {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /**
     * The dedupe key: ids are unique per source, so the same id from two sources is two signals. The separator cannot
     * occur in a source name, so no id can imitate another source's key.
     */
    public String dedupeKey() {
        return (source == null ? "" : source.name()) + '\u0001' + id;
    }

    public long occurredAtMillis() {
        return occurredAt.toEpochMilli();
    }

    public String attribute(String key) {
        return attributes.get(key);
    }

    public int workersOrZero() {
        return workers == null ? 0 : workers;
    }

    public int monthsOrZero() {
        return months == null ? 0 : months;
    }

    public double amountYuan() {
        return amount == null ? 0.0 : amount.doubleValue();
    }
}
