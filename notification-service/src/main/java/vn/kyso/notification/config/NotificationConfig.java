package vn.kyso.notification.config;

import java.time.Duration;
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

    /** Link shown in emails where the subscriber activates the account. */
    @WithDefault("http://localhost:8080")
    String portalUrl();
}
