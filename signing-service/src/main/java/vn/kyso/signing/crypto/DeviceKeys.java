package vn.kyso.signing.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** The bound device's key (stands for its biometric): EC P-256 only, and its signatures over server challenges. */
public final class DeviceKeys {

    private DeviceKeys() {
    }

    /** @return the SPKI DER when the text is base64 of an EC P-256 SubjectPublicKeyInfo, else empty */
    public static Optional<byte[]> parseP256(String base64) {
        try {
            byte[] der = Base64.getDecoder().decode(base64.strip());
            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(der);
            if (!X9ObjectIdentifiers.id_ecPublicKey.equals(info.getAlgorithm().getAlgorithm())
                    || !(info.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve)
                    || !SECObjectIdentifiers.secp256r1.equals(curve)) {
                return Optional.empty();
            }
            KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
            return Optional.of(der);
        } catch (IllegalArgumentException | GeneralSecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** SHA256withECDSA over the ASCII bytes of the challenge; {@code signature} is base64 of the DER signature. */
    public static boolean verify(byte[] spki, String challenge, String signature) {
        if (challenge == null || signature == null) {
            return false;
        }
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(challenge.getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(Base64.getDecoder().decode(signature.strip()));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}
