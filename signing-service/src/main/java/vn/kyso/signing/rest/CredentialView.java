package vn.kyso.signing.rest;

import java.time.Instant;
import java.util.UUID;

import vn.kyso.commons.crypto.Pem;
import vn.kyso.signing.model.Credential;

/**
 * A credential as its owner sees it; the certificate (PEM) and serial appear once issued.
 *
 * @param deviceKind {@code PASSKEY} (WebAuthn) or {@code DEVICE_KEY}: what approvals must carry
 * @param passkeyId the passkey's credential id (base64url), for the browser's {@code allowCredentials}
 * @param pinLocked true after too many wrong PINs, until the PIN is reset
 */
public record CredentialView(UUID id, String status, String keyAlgorithm, String deviceName, String deviceKind,
        String passkeyId, boolean pinLocked,
        String serialNumber, Instant certificateNotAfter, String certificate, String failureReason,
        Instant createdAt) {

    static CredentialView of(Credential c) {
        return new CredentialView(c.id, c.status.name(), c.keyAlgorithm, c.deviceName,
                c.passkeyData != null ? "PASSKEY" : "DEVICE_KEY", c.passkeyCredentialId == null ? null
                        : java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(c.passkeyCredentialId),
                c.pinLockedAt != null,
                c.serialNumber, c.certificateNotAfter, c.certificate == null ? null : Pem.encode("CERTIFICATE",
                        c.certificate), c.failureReason, c.createdAt);
    }
}
