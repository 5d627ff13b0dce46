package vn.kyso.commons.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.kyso.events.EventCodec;
import vn.kyso.events.SealedSecret;

class SecretSealingTest {

    static KeyPair recipient;
    static KeyPair other;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(3072);
        recipient = g.generateKeyPair();
        other = g.generateKeyPair();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theRecipientOpensWhatWasSealedForIt() {
        SealedSecret sealed = SecretSealing.seal(bytes("246520"), bytes("activation-1"), recipient.getPublic(), "k1");
        assertEquals(SealedSecret.ALG, sealed.alg());
        assertArrayEquals(bytes("246520"), SecretSealing.open(sealed, bytes("activation-1"), recipient.getPrivate()));
        assertFalse(EventCodec.toJson(sealed).contains("246520"), "no clear text in the wire form");
        assertFalse(sealed.toString().contains(sealed.ciphertext()), "toString shows no key material");
    }

    @Test
    void sealingTwiceGivesDifferentCiphertexts() {
        SealedSecret a = SecretSealing.seal(bytes("246520"), bytes("x"), recipient.getPublic(), "k1");
        SealedSecret b = SecretSealing.seal(bytes("246520"), bytes("x"), recipient.getPublic(), "k1");
        assertNotEquals(a.ciphertext(), b.ciphertext());
        assertNotEquals(a.encryptedKey(), b.encryptedKey());
    }

    @Test
    void anotherKeyAnotherContextOrAnyTamperingCannotOpenIt() {
        SealedSecret sealed = SecretSealing.seal(bytes("246520"), bytes("activation-1"), recipient.getPublic(), "k1");
        assertThrows(SecretSealing.SealingException.class,
                () -> SecretSealing.open(sealed, bytes("activation-1"), other.getPrivate()));
        assertThrows(SecretSealing.SealingException.class,
                () -> SecretSealing.open(sealed, bytes("activation-2"), recipient.getPrivate()));
        SealedSecret relabelled = new SealedSecret(sealed.alg(), "k2", sealed.encryptedKey(), sealed.iv(),
                sealed.ciphertext());
        assertThrows(SecretSealing.SealingException.class,
                () -> SecretSealing.open(relabelled, bytes("activation-1"), recipient.getPrivate()));
        byte[] ct = Base64.getDecoder().decode(sealed.ciphertext());
        ct[0] ^= 1;
        SealedSecret flipped = new SealedSecret(sealed.alg(), sealed.kid(), sealed.encryptedKey(), sealed.iv(),
                Base64.getEncoder().encodeToString(ct));
        assertThrows(SecretSealing.SealingException.class,
                () -> SecretSealing.open(flipped, bytes("activation-1"), recipient.getPrivate()));
        SealedSecret garbage = new SealedSecret(sealed.alg(), "k1", "***", "***", "***");
        assertThrows(SecretSealing.SealingException.class,
                () -> SecretSealing.open(garbage, bytes("activation-1"), recipient.getPrivate()));
        assertThrows(SecretSealing.SealingException.class,
                () -> SecretSealing.open(new SealedSecret("none", "k1", "", "", ""), bytes("a"), recipient.getPrivate()));
    }
}
