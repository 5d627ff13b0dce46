package vn.kyso.signing.credential.rest;

import java.time.Instant;
import java.util.UUID;

import vn.kyso.commons.crypto.Pem;
import vn.kyso.signing.credential.model.Credential;

/**
 * A credential as its owner sees it; the certificate (PEM) and serial appear once issued.
 *
 * @param deviceKind {@code PASSKEY} (WebAuthn) or {@code DEVICE_KEY}: what approvals must carry
 * @param passkeyId the passkey's credential id (base64url), for the browser's {@code allowCredentials}
 * @param pinLocked true after too many wrong PINs, until the PIN is reset
 * @param delegation SmartCA TH signing with password + TOTP: whether it is on, and when and why it last ended
 */
public record CredentialView(UUID id, String status, String keyAlgorithm, String deviceName, String deviceKind,
        String passkeyId, boolean pinLocked,
        String serialNumber, Instant certificateNotAfter, String certificate, String failureReason,
        Instant createdAt, Delegation delegation, Renewal renewal) {

    /**
     * @param opensAt from when the certificate may be renewed (its window before expiry); null without a certificate
     * @param requestedAt when a renewal under way was asked; null when none is
     */
    public record Renewal(Instant opensAt, Instant requestedAt) {
    }

    /**
     * @param endReason {@code TURNED_OFF} (by the subscriber), {@code TOO_MANY_WRONG_CODES} (integrators sent 5 wrong
     *        TOTP codes in a row) or {@code NEW_KEY} (a PIN reset made a new key)
     */
    public record Delegation(boolean enabled, Instant enabledAt, Instant endedAt, String endReason) {
    }

    static CredentialView of(Credential c, java.time.Duration renewalWindow) {
        return new CredentialView(c.id, c.status.name(), c.keyAlgorithm, c.deviceName,
                c.passkeyData != null ? "PASSKEY" : "DEVICE_KEY", c.passkeyCredentialId == null ? null
                        : java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(c.passkeyCredentialId),
                c.pinLockedAt != null,
                c.serialNumber, c.certificateNotAfter, c.certificate == null ? null : Pem.encode("CERTIFICATE",
                        c.certificate), c.failureReason, c.createdAt, new Delegation(c.totpSecretSealed != null,
                c.totpEnabledAt, c.delegationEndedAt, c.delegationEndReason), new Renewal(c.certificateNotAfter == null
                        ? null : c.certificateNotAfter.minus(renewalWindow), c.renewalRequestedAt));
    }
}
