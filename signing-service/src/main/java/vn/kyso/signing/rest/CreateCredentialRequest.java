package vn.kyso.signing.rest;

/**
 * Wizard step 2/4: PIN twice and the device key that stands for the subscriber's biometric.
 *
 * @param devicePublicKey base64 of the device's EC P-256 SubjectPublicKeyInfo
 */
public record CreateCredentialRequest(String pin, String confirmPin, String deviceName, String devicePublicKey) {
}
