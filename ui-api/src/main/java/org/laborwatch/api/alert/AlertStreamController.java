package org.laborwatch.api.alert;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.laborwatch.api.identity.Caller;
import org.laborwatch.api.identity.Roles;
import org.laborwatch.api.identity.StreamTickets;
import org.reactivestreams.Publisher;

/**
 * {@code GET /api/alerts/stream}: new alerts for the caller's agency as Server-Sent Events. A browser's
 * {@code EventSource} cannot send a bearer header, so it first gets a one-minute ticket
 * ({@code POST /api/alerts/stream-tickets}) and opens the stream with {@code ?ticket=…}.
 */
@Controller("/api/alerts")
@Tag(name = "alerts")
class AlertStreamController {
    private final AlertStream stream;
    private final StreamTickets tickets;

    AlertStreamController(AlertStream stream, StreamTickets tickets) {
        this.stream = stream;
        this.tickets = tickets;
    }

    @Get(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM)
    @Secured({Roles.HANDLER, Roles.LEAD, Roles.ANALYST, Roles.ADMIN})
    @Operation(summary = "New alerts as Server-Sent Events (event 'alert'; 'heartbeat' every 15 s when quiet)",
            description = "Authenticate with the bearer header or `ticket` (from POST /api/alerts/stream-tickets). "
                    + "Each event's id is a resume point: reconnect with `Last-Event-ID` (or `lastEventId`) to get "
                    + "every alert after it, once.")
    Publisher<Event<?>> stream(@Nullable @Header("Last-Event-ID") String lastEventId,
                               @Nullable @QueryValue("lastEventId") String lastEventIdParameter,
                               @Nullable @QueryValue @Parameter(description = "a stream ticket") String ticket,
                               Authentication authentication) {
        Caller caller = Caller.of(authentication);
        String resume = lastEventId != null ? lastEventId : lastEventIdParameter;
        return stream.follow(caller.seesAllAgencies() ? null : caller.agency(),
                resume == null ? null : StreamPosition.decode(resume));
    }

    @Post("/stream-tickets")
    @Secured({Roles.HANDLER, Roles.LEAD, Roles.ANALYST, Roles.ADMIN})
    @Operation(summary = "A one-minute ticket that opens the alert stream from a browser's EventSource",
            description = "The ticket is good for GET /api/alerts/stream only; it is refused everywhere else.")
    StreamTickets.Ticket ticket(Authentication authentication) {
        return tickets.issue(authentication);
    }
}
