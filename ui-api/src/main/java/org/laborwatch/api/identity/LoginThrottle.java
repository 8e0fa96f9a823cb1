package org.laborwatch.api.identity;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows guessing down: after {@link #FREE_FAILURES} failed sign-ins in a row for one username, or
 * {@link #FREE_FAILURES_PER_ADDRESS} from one address (an office behind one NAT shares it, and one person's typos must
 * not lock out the rest), each further attempt must wait, twice as long each time, up to {@link #MAX_WAIT}. A success
 * clears the username.
 * Kept in memory: a restart forgets it, which costs an attacker a restart of ours, not a bypass.
 */
@Singleton
class LoginThrottle {
    static final int FREE_FAILURES = 5;
    static final int FREE_FAILURES_PER_ADDRESS = 20;
    static final Duration FIRST_WAIT = Duration.ofSeconds(2);
    static final Duration MAX_WAIT = Duration.ofMinutes(15);
    /** Failures older than this are forgotten. */
    static final Duration MEMORY = Duration.ofHours(1);
    private static final int MAX_KEYS = 100_000;

    private record Failures(int count, long lastMillis) {
    }

    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle() {
        this(Clock.systemUTC());
    }

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the caller must still wait before trying again; zero when it may try now. */
    Duration waitFor(String username, String address) {
        return max(remaining("user:" + username, FREE_FAILURES),
                remaining("addr:" + address, FREE_FAILURES_PER_ADDRESS));
    }

    void failed(String username, String address) {
        if (failures.size() > MAX_KEYS) {
            forgetOld();
        }
        long now = clock.millis();
        for (String key : new String[] {"user:" + username, "addr:" + address}) {
            failures.merge(key, new Failures(1, now), (old, one) ->
                    new Failures(expired(old, now) ? 1 : old.count() + 1, now));
        }
    }

    void succeeded(String username) {
        failures.remove("user:" + username);
    }

    private Duration remaining(String key, int free) {
        Failures f = failures.get(key);
        long now = clock.millis();
        if (f == null || f.count() < free || expired(f, now)) {
            return Duration.ZERO;
        }
        int doublings = Math.min(f.count() - free, 20);
        long wait = Math.min(MAX_WAIT.toMillis(), FIRST_WAIT.toMillis() << doublings);
        long left = f.lastMillis() + wait - now;
        return left > 0 ? Duration.ofMillis(left) : Duration.ZERO;
    }

    private boolean expired(Failures f, long now) {
        return now - f.lastMillis() > MEMORY.toMillis();
    }

    private void forgetOld() {
        long now = clock.millis();
        failures.values().removeIf(f -> expired(f, now));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
