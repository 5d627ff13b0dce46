package vn.kyso.commons.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * A service's own bearer token from account-service (client credentials), kept until shortly before it expires, so a
 * caller of the internal API asks for one every few minutes rather than with every call.
 */
public final class ServiceTokenCache {

    /** A token as account-service issued it. */
    public record Issued(String accessToken, long expiresInSeconds) {

        @Override
        public String toString() {
            return "Issued[expiresIn=" + expiresInSeconds + "]";
        }
    }

    private final Supplier<Uni<Issued>> issue;
    private final Clock clock;
    private volatile Issued token;
    private volatile Instant expires = Instant.EPOCH;

    /** @param issue asks account-service for a new token (fails when the service has no credential) */
    public ServiceTokenCache(Supplier<Uni<Issued>> issue, Clock clock) {
        this.issue = issue;
        this.clock = clock;
    }

    /** {@code Bearer <token>}, from the cache or freshly issued. */
    public Uni<String> bearer() {
        Issued cached = token;
        if (cached != null && clock.instant().isBefore(expires)) {
            return Uni.createFrom().item("Bearer " + cached.accessToken());
        }
        return issue.get().invoke(t -> {
            token = t;
            // Renewed a little early so a token never expires in flight.
            expires = clock.instant().plus(Duration.ofSeconds(Math.max(0, t.expiresInSeconds() - 30)));
        }).map(t -> "Bearer " + t.accessToken());
    }

    /** A 401 from a callee: the token may have been revoked or keys rotated; fetch a new one next time. */
    public void forget() {
        token = null;
    }
}
