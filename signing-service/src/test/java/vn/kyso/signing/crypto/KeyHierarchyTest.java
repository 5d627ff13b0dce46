package vn.kyso.signing.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Issue 18, "key hierarchy": signing-service's own keys come from a root of their own, not from the PIN pepper. */
class KeyHierarchyTest {

    private static final byte[] ROOT = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_ROOT = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PEPPER = "pepper-pepper-pepper".getBytes(StandardCharsets.US_ASCII);

    @Test
    void everyPurposeHasItsOwnKeyAndNoneIsThePeppers() {
        SealedSecrets sealed = new SealedSecrets(ROOT, PEPPER);
        SealedSecrets byPepper = new SealedSecrets(PEPPER);
        assertNotEquals(sealed.key("csc-token.v1"), sealed.key("csc-sad.v1"));
        assertNotEquals(byPepper.key("csc-token.v1"), sealed.key("csc-token.v1"), "the pepper is no longer the root");
        // Knowing the pepper (and every stored and published value) gives no webhook key.
        assertNotEquals(new WebhookSignatures(byPepper.key("webhook-signing.ed25519.v1").getEncoded()).keySet(),
                new WebhookSignatures(sealed.key("webhook-signing.ed25519.v1").getEncoded()).keySet());
        assertEquals(new WebhookSignatures(sealed.key("webhook-signing.ed25519.v1").getEncoded()).keySet(),
                new WebhookSignatures(new SealedSecrets(ROOT).key("webhook-signing.ed25519.v1").getEncoded()).keySet(),
                "the same root gives the same published key after a restart");
    }

    @Test
    void valuesSealedUnderThePepperStillOpenAndNewOnesAreSealedUnderTheRoot() {
        byte[] totp = "totp-seed-20-bytes!!".getBytes(StandardCharsets.US_ASCII);
        byte[] old = new SealedSecrets(PEPPER).seal("totp.v1", totp, "credential-1");
        SealedSecrets sealed = new SealedSecrets(ROOT, PEPPER);
        assertArrayEquals(totp, sealed.open("totp.v1", old, "credential-1"));
        byte[] fresh = sealed.seal("totp.v1", totp, "credential-1");
        assertThrows(IllegalStateException.class, () -> new SealedSecrets(PEPPER).open("totp.v1", fresh,
                "credential-1"), "a new value does not open with the pepper");
        assertThrows(IllegalStateException.class, () -> new SealedSecrets(OTHER_ROOT, PEPPER).open("totp.v1", fresh,
                "credential-1"));
        assertThrows(IllegalStateException.class, () -> sealed.open("totp.v1", old, "credential-2"),
                "bound to its credential");
    }
}
