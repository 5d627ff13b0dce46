package vn.kyso.signing.credential.rest;

import vn.kyso.signing.crypto.Passkeys;
import vn.kyso.signing.credential.service.DeviceProof;

/**
 * Approve (with the PIN) or reject (PIN not needed) a transaction.
 *
 * @param deviceSignature base64 DER SHA256withECDSA over the ASCII challenge, by the bound device key
 * @param passkey instead of {@code deviceSignature} when the bound device is a passkey: its assertion over the
 *     challenge
 */
public record ApprovalRequest(String pin, String challenge, String deviceSignature, Passkeys.Assertion passkey) {

    public DeviceProof device() {
        return DeviceProof.of(deviceSignature, passkey);
    }
}
