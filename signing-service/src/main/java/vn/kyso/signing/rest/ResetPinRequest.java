package vn.kyso.signing.rest;

/** @param deviceSignature base64 DER SHA256withECDSA signature over the ASCII challenge, by the bound device key */
public record ResetPinRequest(String newPin, String confirmPin, String challenge, String deviceSignature) {
}
