package vn.kyso.signing.credential.rest;

/**
 * The mailed code and the new device and PIN, as at activation step 2/4: a raw device key or a passkey made over a
 * challenge from {@code POST /api/v1/credentials/passkey-options}.
 */
public record CompleteRecoveryRequest(String code, String pin, String confirmPin, String deviceName,
        String devicePublicKey, CreateCredentialRequest.PasskeyRegistration passkey) {
}
