package vn.kyso.ca.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsrInspectorTest {

    @ParameterizedTest
    @ValueSource(strings = {"secp256r1", "secp384r1"})
    void anEcCsrProvesPossessionOnlyWhenItsOwnKeySignedIt(String curve) {
        KeyPair key = TestCsrs.ec(curve);
        CsrInspector.InspectedCsr honest = CsrInspector.inspect(TestCsrs.csr("CN=honest", key));
        assertTrue(honest.proofOfPossession());
        assertEquals(curve.equals("secp256r1") ? "EC-P256" : "EC-P384", honest.keyType());
        // Another key signed it: the request names a key its sender may not hold.
        assertFalse(CsrInspector.inspect(TestCsrs.csr("CN=forged", key, TestCsrs.ec(curve))).proofOfPossession());
        // One bit of the signature flipped (the last byte of the DER is inside the signature value).
        byte[] tampered = TestCsrs.csr("CN=honest", key);
        tampered[tampered.length - 1] ^= 1;
        assertFalse(CsrInspector.inspect(tampered).proofOfPossession());
        // A key of another type signed it.
        assertFalse(CsrInspector.inspect(TestCsrs.csr("CN=mixed", key, TestCsrs.rsa(2048))).proofOfPossession());
    }

    @ParameterizedTest
    @ValueSource(ints = {2048})
    void anRsaCsrStillGoesThroughTheJdk(int bits) {
        KeyPair key = TestCsrs.rsa(bits);
        assertTrue(CsrInspector.inspect(TestCsrs.csr("CN=rsa", key)).proofOfPossession());
        assertFalse(CsrInspector.inspect(TestCsrs.csr("CN=rsa", key, TestCsrs.rsa(bits))).proofOfPossession());
    }
}
