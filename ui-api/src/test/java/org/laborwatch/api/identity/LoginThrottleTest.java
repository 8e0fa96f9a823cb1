package org.laborwatch.api.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void shouldLetFiveFailuresPassThenMakeEachAttemptWaitLonger() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES - 1; i++) {
            throttle.failed("court-lead", "10.0.0.1");
        }
        assertThat(throttle.waitFor("court-lead", "10.0.0.1")).isZero();

        throttle.failed("court-lead", "10.0.0.1");
        assertThat(throttle.waitFor("court-lead", "10.0.0.9")).isEqualTo(Duration.ofSeconds(2));
        throttle.failed("court-lead", "10.0.0.1");
        assertThat(throttle.waitFor("court-lead", "10.0.0.9")).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void shouldNotSlowDownAnAddressForOnePersonsTypos() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed("court-lead", "10.0.0.8");
        }

        assertThat(throttle.waitFor("court-handler", "10.0.0.8")).isZero();
    }

    @Test
    void shouldSlowDownAnAddressThatTriesManyUsernames() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES_PER_ADDRESS; i++) {
            throttle.failed("user-" + i, "10.0.0.2");
        }

        assertThat(throttle.waitFor("someone-else", "10.0.0.2")).isPositive();
        assertThat(throttle.waitFor("someone-else", "10.0.0.3")).isZero();
    }

    @Test
    void shouldForgetAfterASuccessOrAnHour() {
        for (int i = 0; i < 8; i++) {
            throttle.failed("analyst", "10.0.0.4");
        }
        throttle.succeeded("analyst");
        assertThat(throttle.waitFor("analyst", "10.0.0.5")).isZero();

        clock.advance(LoginThrottle.MEMORY.plusSeconds(1));
        assertThat(throttle.waitFor("x", "10.0.0.4")).isZero();
    }

    @Test
    void shouldNeverWaitLongerThanFifteenMinutes() {
        for (int i = 0; i < 40; i++) {
            throttle.failed("admin", "10.0.0.6");
        }

        assertThat(throttle.waitFor("admin", "10.0.0.7")).isEqualTo(LoginThrottle.MAX_WAIT);
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-30T08:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
