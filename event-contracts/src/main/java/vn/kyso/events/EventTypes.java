package vn.kyso.events;

import java.util.List;
import java.util.Optional;

import vn.kyso.events.account.AccountActivated;
import vn.kyso.events.account.AccountCreated;
import vn.kyso.events.activation.ActivationCodeIssued;
import vn.kyso.events.activation.ActivationCompleted;
import vn.kyso.events.certificate.CertificateIssued;
import vn.kyso.events.certificate.CertificateRequestRejected;
import vn.kyso.events.certificate.CertificateResumed;
import vn.kyso.events.certificate.CertificateRevoked;
import vn.kyso.events.certificate.CertificateSuspended;
import vn.kyso.events.audit.AuditAnchored;
import vn.kyso.events.credential.CertificateChangeRequested;
import vn.kyso.events.credential.CredentialRegistered;
import vn.kyso.events.credential.DelegationEnded;
import vn.kyso.events.credential.DeviceBound;
import vn.kyso.events.credential.DeviceRecoveryRequested;
import vn.kyso.events.credential.PinChanged;
import vn.kyso.events.credential.PinLocked;
import vn.kyso.events.credential.KeyPairActivated;
import vn.kyso.events.notification.ActivationEmailRequested;
import vn.kyso.events.notification.RecoveryCodeEmailRequested;
import vn.kyso.events.serviceprovider.ServiceProviderDisabled;
import vn.kyso.events.signature.SignatureCompleted;
import vn.kyso.events.signature.SignatureExpired;
import vn.kyso.events.signature.SignatureRejected;
import vn.kyso.events.signature.SignatureRequested;
import vn.kyso.events.serviceprovider.ServiceProviderRedirectUrisChanged;
import vn.kyso.events.serviceprovider.ServiceProviderRegistered;
import vn.kyso.events.serviceprovider.ServiceProviderSecretRotated;

/** The catalogue of every event type Kyso publishes. */
public final class EventTypes {

    public static final EventType<AccountCreated> ACCOUNT_CREATED =
            EventType.of("account", "AccountCreated", 1, Topics.ACCOUNT_EVENTS, AccountCreated.class);

    public static final EventType<AccountActivated> ACCOUNT_ACTIVATED =
            EventType.of("account", "AccountActivated", 1, Topics.ACCOUNT_EVENTS, AccountActivated.class);

    public static final EventType<ActivationCompleted> ACTIVATION_COMPLETED =
            EventType.of("activation", "ActivationCompleted", 1, Topics.ACTIVATION_EVENTS, ActivationCompleted.class);

    public static final EventType<ServiceProviderRegistered> SERVICE_PROVIDER_REGISTERED = EventType.of(
            "serviceprovider", "ServiceProviderRegistered", 1, Topics.SERVICE_PROVIDER_EVENTS,
            ServiceProviderRegistered.class);

    public static final EventType<ServiceProviderSecretRotated> SERVICE_PROVIDER_SECRET_ROTATED = EventType.of(
            "serviceprovider", "ServiceProviderSecretRotated", 1, Topics.SERVICE_PROVIDER_EVENTS,
            ServiceProviderSecretRotated.class);

    public static final EventType<ServiceProviderDisabled> SERVICE_PROVIDER_DISABLED = EventType.of(
            "serviceprovider", "ServiceProviderDisabled", 1, Topics.SERVICE_PROVIDER_EVENTS,
            ServiceProviderDisabled.class);

    public static final EventType<ServiceProviderRedirectUrisChanged> SERVICE_PROVIDER_REDIRECT_URIS_CHANGED =
            EventType.of("serviceprovider", "ServiceProviderRedirectUrisChanged", 1, Topics.SERVICE_PROVIDER_EVENTS,
                    ServiceProviderRedirectUrisChanged.class);

    public static final EventType<ActivationCodeIssued> ACTIVATION_CODE_ISSUED =
            EventType.of("activation", "ActivationCodeIssued", 1, Topics.ACTIVATION_EVENTS, ActivationCodeIssued.class);

    /** A command to notification-service, on the topic only it may read, because it carries a sealed secret. */
    public static final EventType<ActivationEmailRequested> ACTIVATION_EMAIL_REQUESTED = EventType.of("notification",
            "ActivationEmailRequested", 1, Topics.NOTIFICATION_REQUESTS, ActivationEmailRequested.class);

    public static final EventType<CredentialRegistered> CREDENTIAL_REGISTERED = EventType.of("credential",
            "CredentialRegistered", 1, Topics.CREDENTIAL_EVENTS, CredentialRegistered.class);

    public static final EventType<KeyPairActivated> KEY_PAIR_ACTIVATED =
            EventType.of("credential", "KeyPairActivated", 1, Topics.CREDENTIAL_EVENTS, KeyPairActivated.class);

    public static final EventType<DelegationEnded> DELEGATION_ENDED =
            EventType.of("credential", "DelegationEnded", 1, Topics.CREDENTIAL_EVENTS, DelegationEnded.class);
    public static final EventType<PinChanged> PIN_CHANGED =
            EventType.of("credential", "PinChanged", 1, Topics.CREDENTIAL_EVENTS, PinChanged.class);
    public static final EventType<PinLocked> PIN_LOCKED =
            EventType.of("credential", "PinLocked", 1, Topics.CREDENTIAL_EVENTS, PinLocked.class);

    public static final EventType<DeviceRecoveryRequested> DEVICE_RECOVERY_REQUESTED = EventType.of("credential",
            "DeviceRecoveryRequested", 1, Topics.CREDENTIAL_EVENTS, DeviceRecoveryRequested.class);
    public static final EventType<DeviceBound> DEVICE_BOUND =
            EventType.of("credential", "DeviceBound", 1, Topics.CREDENTIAL_EVENTS, DeviceBound.class);

    /** Like {@link #ACTIVATION_EMAIL_REQUESTED}: a sealed secret, on the topic only notification-service reads. */
    public static final EventType<RecoveryCodeEmailRequested> RECOVERY_CODE_EMAIL_REQUESTED = EventType.of(
            "notification", "RecoveryCodeEmailRequested", 1, Topics.NOTIFICATION_REQUESTS,
            RecoveryCodeEmailRequested.class);

    public static final EventType<CertificateChangeRequested> CERTIFICATE_CHANGE_REQUESTED = EventType.of("credential",
            "CertificateChangeRequested", 1, Topics.CREDENTIAL_EVENTS, CertificateChangeRequested.class);

    public static final EventType<AuditAnchored> AUDIT_ANCHORED =
            EventType.of("audit", "AuditAnchored", 1, Topics.AUDIT_ANCHORS, AuditAnchored.class);

    public static final EventType<CertificateIssued> CERTIFICATE_ISSUED =
            EventType.of("certificate", "CertificateIssued", 1, Topics.CERTIFICATE_EVENTS, CertificateIssued.class);

    public static final EventType<CertificateRequestRejected> CERTIFICATE_REQUEST_REJECTED = EventType.of(
            "certificate", "CertificateRequestRejected", 1, Topics.CERTIFICATE_EVENTS, CertificateRequestRejected.class);

    public static final EventType<CertificateRevoked> CERTIFICATE_REVOKED =
            EventType.of("certificate", "CertificateRevoked", 1, Topics.CERTIFICATE_EVENTS, CertificateRevoked.class);

    public static final EventType<CertificateSuspended> CERTIFICATE_SUSPENDED = EventType.of("certificate",
            "CertificateSuspended", 1, Topics.CERTIFICATE_EVENTS, CertificateSuspended.class);

    public static final EventType<CertificateResumed> CERTIFICATE_RESUMED =
            EventType.of("certificate", "CertificateResumed", 1, Topics.CERTIFICATE_EVENTS, CertificateResumed.class);

    public static final EventType<SignatureRequested> SIGNATURE_REQUESTED =
            EventType.of("signature", "SignatureRequested", 1, Topics.SIGNATURE_EVENTS, SignatureRequested.class);

    public static final EventType<SignatureCompleted> SIGNATURE_COMPLETED =
            EventType.of("signature", "SignatureCompleted", 1, Topics.SIGNATURE_EVENTS, SignatureCompleted.class);

    public static final EventType<SignatureRejected> SIGNATURE_REJECTED =
            EventType.of("signature", "SignatureRejected", 1, Topics.SIGNATURE_EVENTS, SignatureRejected.class);

    public static final EventType<SignatureExpired> SIGNATURE_EXPIRED =
            EventType.of("signature", "SignatureExpired", 1, Topics.SIGNATURE_EVENTS, SignatureExpired.class);

    public static final List<EventType<?>> ALL = List.of(ACCOUNT_CREATED, ACCOUNT_ACTIVATED,
            ACTIVATION_COMPLETED, SERVICE_PROVIDER_REGISTERED,
            SERVICE_PROVIDER_SECRET_ROTATED, SERVICE_PROVIDER_DISABLED, SERVICE_PROVIDER_REDIRECT_URIS_CHANGED,
            ACTIVATION_CODE_ISSUED,
            ACTIVATION_EMAIL_REQUESTED, CREDENTIAL_REGISTERED, KEY_PAIR_ACTIVATED, DELEGATION_ENDED, PIN_CHANGED, PIN_LOCKED,
            DEVICE_RECOVERY_REQUESTED, DEVICE_BOUND, RECOVERY_CODE_EMAIL_REQUESTED,
            CERTIFICATE_CHANGE_REQUESTED, CERTIFICATE_ISSUED,
            CERTIFICATE_REQUEST_REJECTED, CERTIFICATE_REVOKED, CERTIFICATE_SUSPENDED, CERTIFICATE_RESUMED,
            SIGNATURE_REQUESTED, SIGNATURE_COMPLETED,
            SIGNATURE_REJECTED, SIGNATURE_EXPIRED, AUDIT_ANCHORED);

    private EventTypes() {
    }

    public static Optional<EventType<?>> byType(String ceType) {
        return ALL.stream().filter(t -> t.type().equals(ceType)).findFirst();
    }
}
