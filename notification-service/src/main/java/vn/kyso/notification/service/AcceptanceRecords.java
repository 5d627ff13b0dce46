package vn.kyso.notification.service;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;
import vn.kyso.notification.client.KysoServicesClient;
import vn.kyso.notification.config.NotificationConfig;

/** Fetches a subscriber's signed acceptance record from activation-service with this service's own token. */
@ApplicationScoped
public class AcceptanceRecords {

    private final KysoServicesClient.Accounts accounts;
    private final KysoServicesClient.Activations activations;
    private final NotificationConfig config;
    private volatile KysoServicesClient.Token token;
    private volatile Instant tokenExpires = Instant.EPOCH;

    public AcceptanceRecords(@RestClient KysoServicesClient.Accounts accounts,
            @RestClient KysoServicesClient.Activations activations, NotificationConfig config) {
        this.accounts = accounts;
        this.activations = activations;
        this.config = config;
    }

    public Uni<byte[]> signedRecord(String accountId) {
        return bearer().chain(bearer -> activations.acceptanceRecord(bearer, accountId))
                .onFailure(WebApplicationException.class).invoke(e -> {
                    if (((WebApplicationException) e).getResponse().getStatus() == 401) {
                        token = null;
                    }
                });
    }

    private Uni<String> bearer() {
        KysoServicesClient.Token cached = token;
        if (cached != null && Instant.now().isBefore(tokenExpires)) {
            return Uni.createFrom().item("Bearer " + cached.accessToken());
        }
        String secret = config.serviceClient().secret().filter(s -> !s.isBlank()).orElse(null);
        if (secret == null) {
            return Uni.createFrom().failure(new IllegalStateException(
                    "notification-service has no service credential (kyso.notification.service-client.secret)"));
        }
        return accounts.serviceToken(new KysoServicesClient.ClientCredentials(config.serviceClient().id(), secret))
                .invoke(t -> {
                    token = t;
                    // Renewed a little early so a token never expires in flight.
                    tokenExpires = Instant.now().plus(Duration.ofSeconds(Math.max(0, t.expiresIn() - 30)));
                })
                .map(t -> "Bearer " + t.accessToken());
    }
}
