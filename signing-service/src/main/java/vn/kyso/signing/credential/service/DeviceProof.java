package vn.kyso.signing.credential.service;

import vn.kyso.signing.crypto.Passkeys;

/**
 * Proof that the bound device (the subscriber's biometric) answered a challenge: a raw device key's signature, or a
 * WebAuthn passkey assertion; the credential's kind decides which one counts.
 *
 * @param signature base64 DER SHA256withECDSA over the ASCII challenge by a device key
 * @param passkey a passkey assertion whose WebAuthn challenge is the ASCII challenge
 */
public record DeviceProof(String signature, Passkeys.Assertion passkey) {

    public static DeviceProof of(String signature, Passkeys.Assertion passkey) {
        return new DeviceProof(signature, passkey);
    }
}
