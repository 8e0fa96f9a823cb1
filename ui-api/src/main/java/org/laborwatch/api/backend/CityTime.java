package org.laborwatch.api.backend;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.ZoneId;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.rules.risk.Alert;

/** The city's time zone, in which the agencies read times, and the codec of the alerts on Kafka. */
@Singleton
public class CityTime {
    private final ZoneId zone;
    private final RecordCodec<Alert> alerts;

    CityTime(@Value("${laborwatch.zone}") String zone) {
        this.zone = ZoneId.of(zone);
        this.alerts = RecordCodec.alerts(this.zone);
    }

    public ZoneId zone() {
        return zone;
    }

    public RecordCodec<Alert> alertCodec() {
        return alerts;
    }
}
