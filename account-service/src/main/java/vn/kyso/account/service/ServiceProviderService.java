package vn.kyso.account.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import vn.kyso.account.config.AccountConfig;
import vn.kyso.account.model.ServiceProvider;
import vn.kyso.account.repository.ServiceProviderRepository;
import vn.kyso.commons.db.Constraints;
import vn.kyso.commons.audit.AuditLog;
import vn.kyso.commons.outbox.Outbox;
import vn.kyso.commons.outbox.OutboxRelay;
import vn.kyso.commons.problem.FieldValidator;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.commons.security.WebhookDestinations;
import vn.kyso.events.EventTypes;
import vn.kyso.events.serviceprovider.ServiceProviderDisabled;
import vn.kyso.events.serviceprovider.ServiceProviderRedirectUrisChanged;
import vn.kyso.events.serviceprovider.ServiceProviderRegistered;
import vn.kyso.events.serviceprovider.ServiceProviderSecretRotated;

/** The integrator (SP) registry: register, list, disable, rotate the secret — each change announced via the outbox. */
@ApplicationScoped
public class ServiceProviderService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServiceProviderRepository providers;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final AccountConfig config;
    private final AuditLog audit;

    public ServiceProviderService(ServiceProviderRepository providers, Outbox outbox, OutboxRelay relay,
            AccountConfig config, AuditLog audit) {
        this.config = config;
        this.audit = audit;
        this.providers = providers;
        this.outbox = outbox;
        this.relay = relay;
    }

    /** A registered SP with its secret, which exists in clear only in this answer. */
    public record WithSecret(ServiceProvider provider, String secret) {
    }

    public Uni<WithSecret> register(String rawName, String rawWebhookUrl, List<String> rawRedirectUris,
            String operator) {
        String name = rawName == null ? null : rawName.strip();
        String webhookUrl = rawWebhookUrl == null ? null : rawWebhookUrl.strip();
        List<String> redirectUris = rawRedirectUris == null ? List.of() : rawRedirectUris;
        FieldValidator validator = new FieldValidator()
                .require("name", name, 128)
                .require("webhookUrl", webhookUrl, 2048)
                .check("webhookUrl", webhookUrl == null || webhookUrl.isBlank() || validWebhook(webhookUrl),
                        "must be an absolute https URL to a public address (http only for loopback where allowed)");
        checkRedirectUris(validator, redirectUris).throwIfInvalid(AccountError.VALIDATION_FAILED);
        String secret = newSecret();
        ServiceProvider sp = new ServiceProvider();
        sp.id = UUID.randomUUID();
        sp.name = name;
        sp.webhookUrl = webhookUrl;
        sp.secretSha256 = sha256(secret);
        sp.redirectUris = String.join("\n", redirectUris);
        sp.status = ServiceProvider.ACTIVE;
        sp.createdAt = Instant.now();
        return Panache.withTransaction(() -> providers.count("lower(name) = ?1", name.toLowerCase(Locale.ROOT))
                .chain(n -> n > 0 ? Uni.createFrom().failure(nameTaken(name))
                        : providers.persist(sp).chain(() -> outbox.append(EventTypes.SERVICE_PROVIDER_REGISTERED,
                                sp.id, new ServiceProviderRegistered(sp.id, sp.name, sp.webhookUrl, sp.secretSha256,
                                        sp.createdAt, List.copyOf(redirectUris))))
                                .call(() -> audit.append("ServiceProviderRegistered", sp.id.toString(), operator,
                                        Map.of("name", sp.name, "webhookUrl", String.valueOf(sp.webhookUrl))))))
                .onFailure(Constraints::isUniqueViolation).transform(e -> nameTaken(name))
                .invoke(relay::wake)
                .replaceWith(new WithSecret(sp, secret));
    }

    public Uni<List<ServiceProvider>> list() {
        return Panache.withSession(() -> providers.list("order by createdAt"));
    }

    /** Replaces the redirect URIs; signing-service matches the authorization request's exactly against them. */
    public Uni<ServiceProvider> setRedirectUris(UUID id, List<String> redirectUris, String operator) {
        checkRedirectUris(new FieldValidator(), redirectUris).throwIfInvalid(AccountError.VALIDATION_FAILED);
        return Panache.withTransaction(() -> find(id).chain(sp -> {
            if (ServiceProvider.DISABLED.equals(sp.status)) {
                return Uni.createFrom().failure(new ProblemException(AccountError.SERVICE_PROVIDER_DISABLED,
                        "Service provider " + id + " is disabled"));
            }
            sp.redirectUris = String.join("\n", redirectUris);
            Instant now = Instant.now();
            return outbox.append(EventTypes.SERVICE_PROVIDER_REDIRECT_URIS_CHANGED, sp.id,
                    new ServiceProviderRedirectUrisChanged(sp.id, List.copyOf(redirectUris), now))
                    .call(() -> audit.append("ServiceProviderRedirectUrisChanged", sp.id.toString(), operator,
                            Map.of("redirectUris", sp.redirectUris)))
                    .replaceWith(sp);
        })).invoke(relay::wake);
    }

    /**
     * Redirect URIs as RFC 6749 §3.1.2 and RFC 8252 §7.3 allow them: absolute, no fragment, no user info; https, or
     * http only to a loopback address (an integrator's desktop or test app). At most ten, no duplicates.
     */
    private static FieldValidator checkRedirectUris(FieldValidator validator, List<String> uris) {
        validator.check("redirectUris", uris.size() <= 10, "at most 10 redirect URIs");
        validator.check("redirectUris", uris.stream().distinct().count() == uris.size(), "must not repeat a URI");
        for (int i = 0; i < uris.size(); i++) {
            validator.check("redirectUris[" + i + "]", validRedirect(uris.get(i)),
                    "must be an absolute https URL without fragment (http only to 127.0.0.1, [::1] or localhost)");
        }
        return validator;
    }

    private static boolean validRedirect(String value) {
        if (value == null || value.isEmpty() || value.length() > 2048 || !value.strip().equals(value)) {
            return false;
        }
        try {
            URI uri = new URI(value);
            String host = uri.getHost();
            if (!uri.isAbsolute() || host == null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                return false;
            }
            return "https".equals(uri.getScheme()) || "http".equals(uri.getScheme())
                    && List.of("127.0.0.1", "[::1]", "localhost").contains(host.toLowerCase(Locale.ROOT));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    public Uni<ServiceProvider> disable(UUID id, String operator) {
        return Panache.withTransaction(() -> find(id).chain(sp -> {
            if (ServiceProvider.DISABLED.equals(sp.status)) {
                return Uni.createFrom().item(sp);
            }
            sp.status = ServiceProvider.DISABLED;
            sp.disabledAt = Instant.now();
            return outbox.append(EventTypes.SERVICE_PROVIDER_DISABLED, sp.id,
                    new ServiceProviderDisabled(sp.id, sp.disabledAt))
                    .call(() -> audit.append("ServiceProviderDisabled", sp.id.toString(), operator, Map.of()))
                    .replaceWith(sp);
        })).invoke(relay::wake);
    }

    public Uni<WithSecret> rotateSecret(UUID id, String operator) {
        String secret = newSecret();
        return Panache.withTransaction(() -> find(id).chain(sp -> {
            if (ServiceProvider.DISABLED.equals(sp.status)) {
                return Uni.createFrom().failure(new ProblemException(AccountError.SERVICE_PROVIDER_DISABLED,
                        "Service provider " + id + " is disabled"));
            }
            sp.secretSha256 = sha256(secret);
            sp.secretRotatedAt = Instant.now();
            return outbox.append(EventTypes.SERVICE_PROVIDER_SECRET_ROTATED, sp.id,
                    new ServiceProviderSecretRotated(sp.id, sp.secretSha256, sp.secretRotatedAt))
                    .call(() -> audit.append("ServiceProviderSecretRotated", sp.id.toString(), operator, Map.of()))
                    .replaceWith(new WithSecret(sp, secret));
        })).invoke(relay::wake);
    }

    private Uni<ServiceProvider> find(UUID id) {
        return providers.findById(id).onItem().ifNull().failWith(() -> new ProblemException(
                AccountError.SERVICE_PROVIDER_NOT_FOUND, "No service provider " + id));
    }

    /**
     * An absolute https URL (http only to loopback, where the local stack allows it) whose host is not an address no
     * webhook may reach, in any spelling; names are judged again at every delivery, after DNS.
     */
    private boolean validWebhook(String url) {
        try {
            URI uri = new URI(url);
            String host = uri.getHost();
            if (!uri.isAbsolute() || host == null || uri.getUserInfo() != null
                    || WebhookDestinations.literalRefusal(uri, config.webhooksAllowLoopback()) != null) {
                return false;
            }
            return "https".equals(uri.getScheme()) || "http".equals(uri.getScheme())
                    && config.webhooksAllowLoopback() && WebhookDestinations.literalRefusal(uri, false) != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Hex SHA-256, the form signing-service compares an SP's presented secret with. */
    public static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProblemException nameTaken(String name) {
        return new ProblemException(AccountError.SERVICE_PROVIDER_NAME_TAKEN,
                "A service provider named '" + name + "' already exists");
    }
}
