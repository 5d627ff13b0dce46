package vn.kyso.signing.credential.rest;

/**
 * Wizard step 2/4: PIN twice and the device that stands for the subscriber's biometric — a raw device key, or a
 * WebAuthn passkey made over a challenge from {@code POST /api/v1/credentials/passkey-options}.
 *
 * @param devicePublicKey base64 of the device's EC P-256 SubjectPublicKeyInfo
 * @param passkey the browser's {@code navigator.credentials.create} answer, instead of {@code devicePublicKey}
 */
public record CreateCredentialRequest(String pin, String confirmPin, String deviceName, String devicePublicKey,
        PasskeyRegistration passkey) {

    /**
     * @param challenge the challenge the options carried
     * @param attestationObject base64url, as the browser gives it
     * @param clientDataJSON base64url, as the browser gives it
     */
    public record PasskeyRegistration(String challenge, String attestationObject, String clientDataJSON) {
    }
}
