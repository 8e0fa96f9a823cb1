package org.laborwatch.api.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A token outlives nothing: a user disabled by an admin is refused within {@link #RECHECK_MILLIS}, whatever tokens
 * they still hold. Runs before the role checks.
 */
@Singleton
final class DisabledUsers implements SecurityRule<HttpRequest<?>> {
    static final long RECHECK_MILLIS = 5_000;
    private final UserService users;
    private final ConcurrentHashMap<String, long[]> checkedAt = new ConcurrentHashMap<>();

    DisabledUsers(UserService users) {
        this.users = users;
    }

    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request,
                                               @Nullable Authentication authentication) {
        if (authentication == null) {
            return Mono.just(SecurityRuleResult.UNKNOWN);
        }
        String name = authentication.getName();
        long now = System.currentTimeMillis();
        long[] seen = checkedAt.get(name);
        if (seen != null && now - seen[0] < RECHECK_MILLIS) {
            return Mono.just(seen[1] == 1 ? SecurityRuleResult.REJECTED : SecurityRuleResult.UNKNOWN);
        }
        return Mono.fromCallable(() -> disabled(name, now))
                .subscribeOn(Schedulers.boundedElastic())
                .map(disabled -> disabled ? SecurityRuleResult.REJECTED : SecurityRuleResult.UNKNOWN);
    }

    private boolean disabled(String name, long now) {
        try {
            boolean disabled = users.isDisabled(name);
            checkedAt.put(name, new long[] {now, disabled ? 1 : 0});
            return disabled;
        } catch (IOException | RuntimeException e) {
            // Elasticsearch away: the user's requests fail on it anyway; do not lock everyone out for it.
            return false;
        }
    }

    @Override
    public int getOrder() {
        return -1000;
    }
}
