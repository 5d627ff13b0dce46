package vn.kyso.signing.credential.rest;

import vn.kyso.signing.credential.service.DeviceProof;
import vn.kyso.signing.crypto.Passkeys;

/**
 * The subscriber's own revocation: the RFC 5280 reason, the PIN, and the device's proof over a fresh challenge.
 *
 * @param reason {@code keyCompromise}, {@code affiliationChanged}, {@code cessationOfOperation} or {@code unspecified}
 * @param deviceSignature base64 DER SHA256withECDSA signature over the ASCII challenge, by the bound device key
 * @param passkey instead of {@code deviceSignature} when the bound device is a passkey: its assertion over the
 *     challenge
 */
public record RevokeRequest(String reason, String pin, String challenge, String deviceSignature,
        Passkeys.Assertion passkey) {

    public DeviceProof device() {
        return DeviceProof.of(deviceSignature, passkey);
    }
}
