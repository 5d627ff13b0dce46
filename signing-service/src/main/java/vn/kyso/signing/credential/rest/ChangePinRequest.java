package vn.kyso.signing.credential.rest;

import vn.kyso.signing.crypto.Passkeys;
import vn.kyso.signing.credential.service.DeviceProof;

/**
 * PIN change: current PIN, new PIN twice, and the device's proof over a fresh challenge.
 *
 * @param deviceSignature base64 DER SHA256withECDSA signature over the ASCII challenge, by the bound device key
 * @param passkey instead of {@code deviceSignature} when the bound device is a passkey: its assertion over the
 *     challenge
 */
public record ChangePinRequest(String currentPin, String newPin, String confirmPin, String challenge,
        String deviceSignature, Passkeys.Assertion passkey) {

    public DeviceProof device() {
        return DeviceProof.of(deviceSignature, passkey);
    }
}
