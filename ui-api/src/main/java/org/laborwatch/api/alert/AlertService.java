package org.laborwatch.api.alert;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.time.ZoneId;
import org.laborwatch.api.backend.CityTime;
import org.laborwatch.api.identity.Caller;
import org.laborwatch.api.problem.NotFound;
import org.laborwatch.rules.risk.Agency;

/**
 * The agencies' feeds: each agency's handlers and leads see the alerts routed to it, analysts and admins all of them.
 * An alert routed elsewhere answers 404, as if it did not exist.
 */
@Singleton
class AlertService {
    private final AlertRepository alerts;
    private final ZoneId zone;
    private final Clock clock = Clock.systemUTC();

    AlertService(AlertRepository alerts, CityTime cityTime) {
        this.alerts = alerts;
        this.zone = cityTime.zone();
    }

    Views.AlertPage feed(Caller caller, AlertFilter filter) throws IOException {
        List<StoredAlert> page = alerts.page(caller.seesAllAgencies() ? null : caller.agency(), filter);
        List<Views.AlertSummary> items = page.stream()
                .map(s -> Views.summary(s.alert(), s.acknowledgements(), zone)).toList();
        String next = null;
        if (page.size() == filter.limit()) {
            var last = page.get(page.size() - 1).alert();
            next = new AlertCursor(last.raisedAt().toEpochMilli(), last.id()).encode();
        }
        return new Views.AlertPage(items, next);
    }

    Views.AlertDetail detail(Caller caller, String id) throws IOException {
        StoredAlert stored = visible(caller, id);
        return Views.detail(stored.alert(), stored.acknowledgements(), zone);
    }

    /**
     * Records that the caller's agency has seen the alert. Acknowledging twice keeps the first; two agencies at once
     * both land, because a write made on a stale read is retried on a fresh one.
     */
    Views.AlertDetail acknowledge(Caller caller, String id) throws IOException {
        Agency agency = caller.agency();
        for (int attempt = 0; attempt < 10; attempt++) {
            StoredAlert stored = visible(caller, id);
            if (!stored.alert().agencies().contains(agency)) {
                throw new NotFound("no such alert for " + agency);
            }
            if (stored.acknowledgements().stream().anyMatch(a -> a.agency() == agency)) {
                return Views.detail(stored.alert(), stored.acknowledgements(), zone);
            }
            List<Acknowledgement> acks = new ArrayList<>(stored.acknowledgements());
            acks.add(new Acknowledgement(agency, caller.username(), Instant.now(clock)));
            if (alerts.saveAcknowledgements(stored, acks)) {
                return Views.detail(stored.alert(), acks, zone);
            }
        }
        throw new HttpStatusException(HttpStatus.CONFLICT, "alert " + id + " kept changing; try again");
    }

    private StoredAlert visible(Caller caller, String id) throws IOException {
        StoredAlert stored = alerts.find(id).orElseThrow(() -> new NotFound("no such alert"));
        if (!caller.seesAllAgencies() && !stored.alert().agencies().contains(caller.agency())) {
            throw new NotFound("no such alert");
        }
        return stored;
    }
}
