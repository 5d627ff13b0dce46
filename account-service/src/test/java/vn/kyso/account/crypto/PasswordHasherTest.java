package vn.kyso.account.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void aHashVerifiesItsPasswordOnlyAndCarriesItsParameters() {
        String hash = hasher.hash("Mật-khẩu-1!");
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertTrue(hasher.verify("Mật-khẩu-1!", hash));
        assertFalse(hasher.verify("Mật-khẩu-2!", hash));
        assertFalse(hasher.verify("Mật-khẩu-1!", "$argon2id$v=19$m=19456$broken"));
        assertFalse(hasher.verify("Mật-khẩu-1!", null));
    }

    @Test
    void theDecoyNeverMatchesAndIsAWellFormedHashWithTheCurrentCost() {
        assertFalse(hasher.verifyDecoy("anything"));
        assertFalse(hasher.verifyDecoy(""));
        // verifyDecoy must burn one real Argon2id run: a decoy that did not parse would return at once and let answer
        // times tell unknown usernames apart. Same parameters as a fresh hash, a 16-byte salt and a 32-byte hash.
        String[] decoy = PasswordHasher.DECOY.split("\\$");
        String[] fresh = hasher.hash("x").split("\\$");
        assertEquals(6, decoy.length);
        assertEquals(fresh[1] + fresh[2] + fresh[3], decoy[1] + decoy[2] + decoy[3]);
        assertEquals(16, Base64.getDecoder().decode(decoy[4]).length);
        assertEquals(32, Base64.getDecoder().decode(decoy[5]).length);
    }
}
