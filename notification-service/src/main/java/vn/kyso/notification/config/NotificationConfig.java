package vn.kyso.notification.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of notification-service. */
@ConfigMapping(prefix = "kyso.notification")
public interface NotificationConfig {

    /** Mails sent at once (SMTP sessions) by this instance, each claimed and recorded in its own transaction. */
    @WithDefault("4")
    int senders();

    /**
     * How long a sender holds a mail it is sending; a mail whose sender died (after SMTP may have accepted it) is sent
     * again once this ends. Longer than any SMTP send plus database outage you want to ride out without a duplicate.
     */
    @WithDefault("5m")
    Duration sendLease();

    /** Wait before the first retry of a failed send; doubles per attempt. */
    @WithDefault("1s")
    Duration retryInitialBackoff();

    /** Longest wait between retries; a mail is retried until the SMTP server takes it. */
    @WithDefault("60s")
    Duration retryMaxBackoff();

    /** Opening of secrets sealed to this service. */
    Sealing sealing();

    /** This service's sealing key. */
    interface Sealing {

        /** PEM file (path or {@code file:} URL) of the RSA private key that opens sealed secrets. */
        String privateKeyLocation();
    }

    /** notification-service's client credentials at account-service, for reading the signed acceptance record. */
    ServiceClient serviceClient();

    /** Client credentials for other Kyso services' internal APIs. */
    interface ServiceClient {

        /** Client id registered at account-service. */
        @WithDefault("notification-service")
        String id();

        /** Its secret (a Secret shared with account-service); without it the "activated" mail waits and retries. */
        Optional<String> secret();
    }

    /** How often certificates are checked for a coming expiry to announce (30, 7 and 1 days before). */
    @WithDefault("15m")
    Duration expiryCheck();

    /** Web Push to subscribers' browsers. */
    Push push();

    /** Web Push settings. */
    interface Push {

        /**
         * PEM file (path or {@code file:} URL) of the VAPID EC P-256 private key (PKCS#8); browsers subscribe with its
         * public half, so changing it orphans every subscription. Unset: push is off and only mail is sent.
         */
        Optional<String> vapidPrivateKeyLocation();

        /**
         * Push services a subscription's endpoint may name (host, or {@code *.domain} for its subdomains): the browsers'
         * own services only, so a subscription cannot make this service POST anywhere else.
         */
        @WithDefault("fcm.googleapis.com,*.push.services.mozilla.com,*.notify.windows.com,*.push.apple.com")
        List<String> hosts();

        /** The contact push services may reach the sender at (RFC 8292 {@code sub}): a mailto: or https: URL. */
        @WithDefault("mailto:no-reply@kyso.vn")
        String subject();

        /** Accept loopback endpoints over plain HTTP (a local test push service); never in production. */
        @WithDefault("false")
        boolean allowLoopback();

        /** Attempts per push before it is given up (a push is worth little late; the mail, if chosen, still goes). */
        @WithDefault("5")
        int attempts();

        /** Time allowed for one push service request. */
        @WithDefault("10s")
        Duration timeout();

        /** Subscriptions kept per account (browsers, installed apps); a new one beyond this replaces the oldest. */
        @WithDefault("10")
        int maxPerAccount();
    }

    /** Link shown in emails where the subscriber activates the account. */
    @WithDefault("http://localhost:8080")
    String portalUrl();
}
