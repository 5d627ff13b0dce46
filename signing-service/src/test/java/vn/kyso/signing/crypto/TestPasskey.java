package vn.kyso.signing.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;

/**
 * A platform authenticator for tests, built from the WebAuthn wire format (CBOR via webauthn4j): makes a passkey and
 * answers assertions the way a browser hands them to the page, with user verification on or off.
 */
public final class TestPasskey {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectConverter CONVERTER = new ObjectConverter();

    private final KeyPair pair = TestDevice.generate("EC", new ECGenParameterSpec("secp256r1"));
    private final byte[] credentialId = new byte[32];
    private final String rpId;
    private final String origin;
    private long counter;

    public TestPasskey(String rpId, String origin) {
        new SecureRandom().nextBytes(credentialId);
        this.rpId = rpId;
        this.origin = origin;
    }

    /** Kyso's defaults: the portal at http://localhost:8080. */
    public TestPasskey() {
        this("localhost", "http://localhost:8080");
    }

    /** The {@code passkey} object of a create-credential request, made over the options' challenge. */
    public Map<String, String> register(String challenge, boolean userVerified) {
        byte flags = (byte) (AuthenticatorData.BIT_UP | AuthenticatorData.BIT_AT
                | (userVerified ? AuthenticatorData.BIT_UV : 0));
        AttestedCredentialData credential = new AttestedCredentialData(AAGUID.ZERO, credentialId,
                EC2COSEKey.create((ECPublicKey) pair.getPublic(), COSEAlgorithmIdentifier.ES256));
        AuthenticatorData<com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput> data =
                new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)), flags, counter, credential);
        byte[] attestation = new AttestationObjectConverter(CONVERTER).convertToBytes(new AttestationObject(data,
                new NoneAttestationStatement()));
        return Map.of("challenge", challenge, "attestationObject", B64URL.encodeToString(attestation),
                "clientDataJSON", B64URL.encodeToString(clientData("webauthn.create", challenge, origin)));
    }

    /** The {@code passkey} object of an approval: an assertion over Kyso's challenge. */
    public Map<String, String> assertion(String challenge, boolean userVerified) {
        return assertion(challenge, userVerified, origin);
    }

    /** The same as a page on {@code pageOrigin} would get it (a phishing site's origin, say). */
    public Map<String, String> assertion(String challenge, boolean userVerified, String pageOrigin) {
        counter++;
        byte flags = (byte) (AuthenticatorData.BIT_UP | (userVerified ? AuthenticatorData.BIT_UV : 0));
        byte[] authenticatorData = new AuthenticatorDataConverter(CONVERTER).convert(new AuthenticatorData<>(
                sha256(rpId.getBytes(StandardCharsets.UTF_8)), flags, counter));
        byte[] clientData = clientData("webauthn.get", challenge, pageOrigin);
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(pair.getPrivate());
            ByteArrayOutputStream signed = new ByteArrayOutputStream();
            signed.writeBytes(authenticatorData);
            signed.writeBytes(sha256(clientData));
            signature.update(signed.toByteArray());
            return Map.of("credentialId", B64URL.encodeToString(credentialId), "authenticatorData",
                    B64URL.encodeToString(authenticatorData), "clientDataJSON", B64URL.encodeToString(clientData),
                    "signature", B64URL.encodeToString(signature.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] clientData(String type, String challenge, String origin) {
        return ("{\"type\":\"" + type + "\",\"challenge\":\"" + B64URL.encodeToString(challenge.getBytes(
                StandardCharsets.US_ASCII)) + "\",\"origin\":\"" + origin + "\",\"crossOrigin\":false}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
