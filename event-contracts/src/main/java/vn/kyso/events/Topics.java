package vn.kyso.events;

import java.util.List;

/** Kafka topic names: one topic per aggregate, keyed by the aggregate id. */
public final class Topics {

    public static final String ACCOUNT_EVENTS = "kyso.account.events";
    /** Integrators (SPs) registered in account-service. */
    public static final String SERVICE_PROVIDER_EVENTS = "kyso.serviceprovider.events";
    public static final String ACTIVATION_EVENTS = "kyso.activation.events";
    public static final String CREDENTIAL_EVENTS = "kyso.credential.events";
    public static final String CERTIFICATE_EVENTS = "kyso.certificate.events";
    public static final String SIGNATURE_EVENTS = "kyso.signature.events";
    /** Every auditing service's trail anchors, kept forever: the copy of record beyond each database. */
    public static final String AUDIT_ANCHORS = "kyso.audit.anchors";
    /** Commands to notification-service; may carry sealed secrets, so only notification-service may read it. */
    public static final String NOTIFICATION_REQUESTS = "kyso.notification.requests";

    public static final List<String> ALL = List.of(ACCOUNT_EVENTS, SERVICE_PROVIDER_EVENTS, ACTIVATION_EVENTS, CREDENTIAL_EVENTS,
            CERTIFICATE_EVENTS, SIGNATURE_EVENTS, NOTIFICATION_REQUESTS, AUDIT_ANCHORS);

    private Topics() {
    }
}
