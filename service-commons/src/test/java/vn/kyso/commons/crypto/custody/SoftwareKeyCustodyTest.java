package vn.kyso.commons.crypto.custody;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class SoftwareKeyCustodyTest {

    private static final byte[] DATA = "Biên bản nghiệm thu".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PIN_A = "pin-derived-a".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PIN_B = "pin-derived-b".getBytes(StandardCharsets.US_ASCII);

    private final SoftwareKeyCustody custody = new SoftwareKeyCustody(randomKey());

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"RSA_2048", "EC_P256", "EC_P384"})
    void signsInsideCustodyWithTheBindingAndTheSignatureVerifies(KeyAlgorithm algorithm) throws Exception {
        KeyCustody.GeneratedKey key = custody.generate(algorithm, "credential-1", PIN_A);
        byte[] signature = custody.open(key.reference(), PIN_A).sign(algorithm.signatureAlgorithm(), DATA);
        assertTrue(verify(key.publicKey(), algorithm.signatureAlgorithm(), DATA, signature));
        assertFalse(verify(key.publicKey(), algorithm.signatureAlgorithm(), "other".getBytes(), signature));
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"EC_P256", "EC_P384"})
    void ecdsaOverACallersDigestVerifiesWithTheJdkAsTheDataItWasComputedFrom(KeyAlgorithm algorithm) throws Exception {
        KeyCustody.GeneratedKey key = custody.generate(algorithm, "credential-1", PIN_A);
        String digestName = algorithm == KeyAlgorithm.EC_P256 ? "SHA-256" : "SHA-384";
        byte[] digest = java.security.MessageDigest.getInstance(digestName).digest(DATA);
        KeySigner signer = custody.open(key.reference(), PIN_A);
        // CSC signHash hands custody the digest; a verifier checks the signature against the document.
        byte[] signature = signer.sign("NONEwithECDSA", digest);
        assertTrue(verify(key.publicKey(), algorithm.signatureAlgorithm(), DATA, signature));
        // Random k: two signatures of the same digest differ, and both verify.
        byte[] again = signer.sign("NONEwithECDSA", digest);
        assertFalse(java.util.Arrays.equals(signature, again));
        assertTrue(verify(key.publicKey(), algorithm.signatureAlgorithm(), DATA, again));
        assertThrows(CustodyException.class, () -> signer.sign("SHA256withRSA", DATA));
    }

    @Test
    void aWrongBindingOrAnotherMasterKeyCannotOpenTheKey() {
        KeyCustody.GeneratedKey key = custody.generate(KeyAlgorithm.EC_P256, "credential-1", PIN_A);
        assertTrue(assertThrows(CustodyException.class, () -> custody.open(key.reference(), PIN_B)).isWrongBinding());
        SoftwareKeyCustody stolenDatabaseOtherKey = new SoftwareKeyCustody(randomKey());
        assertTrue(assertThrows(CustodyException.class, () -> stolenDatabaseOtherKey.open(key.reference(), PIN_A))
                .isWrongBinding());
    }

    @Test
    void rebindMovesTheKeyToTheNewBindingAndTheOldOneStopsWorking() throws Exception {
        KeyCustody.GeneratedKey key = custody.generate(KeyAlgorithm.EC_P256, "credential-1", PIN_A);
        String rebound = custody.rebind(key.reference(), PIN_A, PIN_B);
        assertNotEquals(key.reference(), rebound);
        byte[] signature = custody.open(rebound, PIN_B).sign("SHA256withECDSA", DATA);
        assertTrue(verify(key.publicKey(), "SHA256withECDSA", DATA, signature));
        assertTrue(assertThrows(CustodyException.class, () -> custody.open(rebound, PIN_A)).isWrongBinding());
        assertThrows(CustodyException.class, () -> custody.rebind(key.reference(), PIN_B, PIN_A));
    }

    @Test
    void tamperedOrForeignReferencesAreRefusedWithoutLeakingAnything() {
        KeyCustody.GeneratedKey key = custody.generate(KeyAlgorithm.EC_P256, "credential-1", PIN_A);
        String reference = key.reference();
        String swappedAlgorithm = reference.replace("EC-P256", "RSA-2048");
        assertThrows(CustodyException.class, () -> custody.open(swappedAlgorithm, PIN_A));
        char last = reference.charAt(reference.length() - 3);
        String flipped = reference.substring(0, reference.length() - 3) + (last == 'A' ? 'B' : 'A')
                + reference.substring(reference.length() - 2);
        assertThrows(CustodyException.class, () -> custody.open(flipped, PIN_A));
        CustodyException foreign = assertThrows(CustodyException.class, () -> custody.open("p11:abc", PIN_A));
        assertFalse(foreign.getMessage().contains("abc"));
        assertThrows(CustodyException.class, () -> custody.open("sw1:EC-P256:not base64!", PIN_A));
        assertThrows(IllegalArgumentException.class, () -> new SoftwareKeyCustody(new byte[16]));
    }

    static boolean verify(PublicKey key, String algorithm, byte[] data, byte[] signature)
            throws GeneralSecurityException {
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(key);
        verifier.update(data);
        return verifier.verify(signature);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getDecoder().decode(Base64.getEncoder().encode(key));
    }
}
