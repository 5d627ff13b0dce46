package vn.kyso.signing.rest;

/**
 * Approve (with the PIN) or reject (PIN not needed) a transaction.
 *
 * @param deviceSignature base64 DER SHA256withECDSA over the ASCII challenge, by the bound device key
 */
public record ApprovalRequest(String pin, String challenge, String deviceSignature) {
}
