package org.laborwatch.api.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.generator.JwtTokenGenerator;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import io.micronaut.security.token.reader.TokenReader;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tickets for the alert stream. A browser's {@code EventSource} sends no headers, so the token travels in the URL,
 * where proxies and logs may keep it: a ticket is therefore a token of its own kind — a minute long, and accepted
 * only on {@link #STREAM_PATH}, never as a bearer token elsewhere. The stream it opens stays open past the minute.
 */
@Singleton
public class StreamTickets {
    public static final String STREAM_PATH = "/api/alerts/stream";
    static final String PURPOSE_CLAIM = "purpose";
    static final String PURPOSE = "alert-stream";
    static final int SECONDS = 60;

    private final JwtTokenGenerator tokens;

    StreamTickets(JwtTokenGenerator tokens) {
        this.tokens = tokens;
    }

    @Serdeable
    public record Ticket(String ticket, int expiresIn, String url) {
    }

    public Ticket issue(Authentication caller) {
        Map<String, Object> claims = new HashMap<>(caller.getAttributes());
        claims.keySet().retainAll(java.util.Set.of(Caller.AGENCY_CLAIM));
        claims.put(PURPOSE_CLAIM, PURPOSE);
        String ticket = tokens.generateToken(Authentication.build(caller.getName(), caller.getRoles(), claims),
                SECONDS).orElseThrow(() -> new IllegalStateException("no ticket generated"));
        return new Ticket(ticket, SECONDS, STREAM_PATH + "?ticket=" + ticket);
    }

    /** Reads {@code ?ticket=} on the stream's path only. */
    @Singleton
    static final class Reader implements TokenReader<HttpRequest<?>> {
        @Override
        public Optional<String> findToken(HttpRequest<?> request) {
            if (!STREAM_PATH.equals(request.getPath())) {
                return Optional.empty();
            }
            return request.getParameters().getFirst("ticket");
        }
    }

    /** A ticket is no bearer token: refused on every path but the stream's; ordinary tokens pass. */
    @Singleton
    static final class OnlyForTheStream implements GenericJwtClaimsValidator<HttpRequest<?>> {
        @Override
        public boolean validate(Claims claims, @Nullable HttpRequest<?> request) {
            if (!PURPOSE.equals(claims.get(PURPOSE_CLAIM))) {
                return true;
            }
            return request != null && STREAM_PATH.equals(request.getPath());
        }
    }
}
