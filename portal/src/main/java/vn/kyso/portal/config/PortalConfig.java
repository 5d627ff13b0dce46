package vn.kyso.portal.config;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The services the portal fronts and how it keeps the subscriber's session. */
@ConfigMapping(prefix = "kyso.portal")
public interface PortalConfig {

    /** account-service (login, the subscriber's account). */
    @WithDefault("http://127.0.0.1:8081")
    URI accountUrl();

    /** activation-service (the activation wizard). */
    @WithDefault("http://127.0.0.1:8082")
    URI activationUrl();

    /** signing-service (credentials, passkeys, transactions). */
    @WithDefault("http://127.0.0.1:8084")
    URI signingUrl();

    /** notification-service (push subscriptions, notice preferences). */
    URI notificationUrl();

    /** How long one backend call may take. */
    @WithDefault("PT15S")
    Duration backendTimeout();

    /** The session cookie. */
    Session session();

    /** The session cookie: the access token sealed (AES-256-GCM) so the browser's script never sees it. */
    interface Session {

        /** Secret the sealing key is derived from (a Kubernetes Secret; at least 32 characters). */
        String secret();

        /** Mark cookies {@code Secure}: on everywhere but plain-http localhost development. */
        @WithDefault("false")
        boolean secureCookies();
    }
}
