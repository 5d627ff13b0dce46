package vn.kyso.events.credential;

import java.time.Instant;
import java.util.UUID;

/**
 * A key pair was generated inside key custody for a credential (wizard step 3/4); the CSR is its proof of possession.
 *
 * @param keyAlgorithm {@code RSA-2048} or {@code EC-P256}
 * @param csr the PKCS#10 request, DER in base64, signed by the new key; its subject is {@code CN=<accountId>}
 */
public record KeyPairActivated(
        UUID accountId,
        UUID credentialId,
        String keyAlgorithm,
        String csr,
        Instant activatedAt) {
}
