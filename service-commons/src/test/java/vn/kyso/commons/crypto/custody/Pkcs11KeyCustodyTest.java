package vn.kyso.commons.crypto.custody;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.kyso.testsupport.SoftHsm;
import vn.kyso.testsupport.SoftHsmTestResource;

/** Against a real SoftHSM2 token: keys are generated, kept and used inside it and survive a new provider instance. */
class Pkcs11KeyCustodyTest {

    private static SoftHsm.Token token;

    @BeforeAll
    static void token() {
        Assumptions.assumeFalse(SoftHsmTestResource.unavailable(), SoftHsm.unavailableReason());
        token = SoftHsm.initToken("custody");
    }

    private static Pkcs11KeyCustody custody() {
        return new Pkcs11KeyCustody("kyso-test", SoftHsm.LIBRARY, token.slot(), 0, token.pin().toCharArray());
    }

    @Test
    void generatesAndSignsInsideTheTokenForBothKeyTypes() throws Exception {
        Pkcs11KeyCustody custody = custody();
        byte[] data = "hợp đồng".getBytes(StandardCharsets.UTF_8);
        for (KeyAlgorithm algorithm : new KeyAlgorithm[] {KeyAlgorithm.RSA_2048, KeyAlgorithm.EC_P256}) {
            KeyCustody.GeneratedKey key = custody.generate(algorithm, "credential", new byte[0]);
            assertTrue(key.reference().startsWith("p11:credential."));
            byte[] signature = custody.open(key.reference(), new byte[0]).sign(algorithm.signatureAlgorithm(), data);
            assertTrue(SoftwareKeyCustodyTest.verify(key.publicKey(), algorithm.signatureAlgorithm(), data, signature),
                    algorithm.wireName());
        }
    }

    @Test
    void aKeyIsFoundAgainAfterARestartAndIsGoneAfterDestroy() throws Exception {
        KeyCustody.GeneratedKey key = custody().generate(KeyAlgorithm.EC_P256, "ca-issuing", new byte[0]);
        Pkcs11KeyCustody restarted = custody();
        byte[] signature = restarted.open(key.reference(), new byte[0]).sign("SHA256withECDSA", new byte[] {1, 2});
        assertTrue(SoftwareKeyCustodyTest.verify(key.publicKey(), "SHA256withECDSA", new byte[] {1, 2}, signature));
        assertEquals(key.reference(), restarted.rebind(key.reference(), new byte[] {1}, new byte[] {2}));
        restarted.destroy(key.reference());
        CustodyException gone = assertThrows(CustodyException.class,
                () -> custody().open(key.reference(), new byte[0]));
        assertFalse(gone.isWrongBinding());
    }

    @Test
    void aSecretKeyIsMadeInsideTheTokenUsedThereAndNeverReadOut() throws Exception {
        Pkcs11KeyCustody custody = custody();
        String reference = custody.generateSecret("kyso-signing-root");
        assertTrue(reference.startsWith("p11:kyso-signing-root."));
        byte[] data = "kyso.signing.delegation.v1".getBytes(StandardCharsets.UTF_8);
        byte[] mac = custody.hmac(reference, data);
        assertEquals(32, mac.length);
        assertTrue(java.util.Arrays.equals(mac, custody().hmac(reference, data)), "the same key after a restart");
        assertFalse(java.util.Arrays.equals(mac, custody.hmac(custody.generateSecret("kyso-signing-root"), data)),
                "another key, another MAC");
        // What any other PKCS#11 client of the token sees: a token object that is sensitive and cannot be extracted.
        java.security.Provider provider = java.security.Security.getProvider("SunPKCS11").configure("--name = peek\n"
                + "library = " + SoftHsm.LIBRARY + "\nslot = " + token.slot() + "\n");
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS11", provider);
        store.load(null, token.pin().toCharArray());
        java.security.Key key = store.getKey(reference.substring("p11:".length()), null);
        assertTrue(key instanceof javax.crypto.SecretKey, String.valueOf(key));
        assertEquals(null, key.getEncoded(), "the key's value never leaves the token");
        assertTrue(key.toString().contains("sensitive, unextractable"), key.toString());
        assertThrows(CustodyException.class, () -> new SoftwareKeyCustody(new byte[32]).generateSecret("x"),
                "software custody keeps no secret keys");
    }

    @Test
    void aWrongTokenPinIsAClearError() {
        // A token nobody in this JVM has logged in to yet (PKCS#11 login state is per process and token).
        SoftHsm.Token fresh = SoftHsm.initToken("locked");
        CustodyException e = assertThrows(CustodyException.class,
                () -> new Pkcs11KeyCustody("kyso-bad", SoftHsm.LIBRARY, fresh.slot(), 0, "000000".toCharArray()));
        assertFalse(e.getMessage().contains("000000"));
    }
}
