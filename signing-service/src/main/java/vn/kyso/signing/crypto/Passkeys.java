package vn.kyso.signing.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;

/**
 * WebAuthn passkeys as the bound device (webauthn4j): registration of a platform authenticator's credential and its
 * assertions over Kyso's challenges, user verification required both times. The WebAuthn challenge is the ASCII bytes
 * of the server's challenge string, so one challenge serves device keys and passkeys alike.
 */
public final class Passkeys {

    /** ES256 first (every platform authenticator has it), RS256 for Windows Hello. */
    public static final List<Long> ALGORITHMS = List.of(-7L, -257L);

    private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

    private final WebAuthnManager manager;
    private final AttestedCredentialDataConverter credentialData;
    private final String rpId;
    private final Set<Origin> origins;

    /**
     * @param credentialId the authenticator's credential id
     * @param data the attested credential data (AAGUID, credential id, COSE public key) as webauthn4j encodes it
     * @param publicKey the credential's public key as SubjectPublicKeyInfo DER
     */
    public record Registered(byte[] credentialId, byte[] data, long signCount, byte[] publicKey) {
    }

    /** A {@code navigator.credentials.get} answer, every field base64url as the browser gives it. */
    public record Assertion(String credentialId, String authenticatorData, String clientDataJSON, String signature) {
    }

    public Passkeys(String rpId, List<String> origins) {
        ObjectConverter converter = new ObjectConverter();
        this.manager = WebAuthnManager.createNonStrictWebAuthnManager(converter);
        this.credentialData = new AttestedCredentialDataConverter(converter);
        this.rpId = rpId;
        this.origins = origins.stream().map(Origin::new).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Verifies a {@code navigator.credentials.create} answer made over {@code challenge}: origin, RP id, user presence
     * and verification, an allowed algorithm. Attestation is not asked for ("none"): the PIN and the subscriber's
     * session already tie the passkey to the person; the authenticator's make is not the question.
     */
    public Optional<Registered> register(String attestationObject, String clientDataJSON, String challenge) {
        try {
            RegistrationData data = manager.verify(new RegistrationRequest(B64URL.decode(attestationObject),
                    B64URL.decode(clientDataJSON)), new RegistrationParameters(server(challenge), ALGORITHMS.stream()
                            .map(alg -> new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY,
                                    COSEAlgorithmIdentifier.create(alg))).toList(), true, true));
            var authenticatorData = data.getAttestationObject().getAuthenticatorData();
            AttestedCredentialData credential = authenticatorData.getAttestedCredentialData();
            return Optional.of(new Registered(credential.getCredentialId(), credentialData.convert(credential),
                    authenticatorData.getSignCount(), credential.getCOSEKey().getPublicKey().getEncoded()));
        } catch (RuntimeException e) {
            // webauthn4j reports every refusal (bad CBOR, wrong origin, no UV, ...) as an unchecked exception.
            return Optional.empty();
        }
    }

    /**
     * Verifies an assertion by the stored passkey over {@code challenge} (user verification required).
     *
     * @return the authenticator's new signature counter, or empty when the assertion does not hold
     */
    public OptionalLong verify(byte[] data, long signCount, String challenge, Assertion assertion) {
        if (assertion == null || challenge == null) {
            return OptionalLong.empty();
        }
        try {
            AttestedCredentialData credential = credentialData.convert(data);
            var record = new CredentialRecordImpl(new NoneAttestationStatement(), true, null, null, signCount,
                    credential, null, null, null, null);
            AuthenticationData verified = manager.verify(new AuthenticationRequest(
                    B64URL.decode(assertion.credentialId()), B64URL.decode(assertion.authenticatorData()),
                    B64URL.decode(assertion.clientDataJSON()), B64URL.decode(assertion.signature())),
                    new AuthenticationParameters(server(challenge), record, List.of(credential.getCredentialId()),
                            true, true));
            return OptionalLong.of(verified.getAuthenticatorData().getSignCount());
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    private ServerProperty server(String challenge) {
        return ServerProperty.builder().origins(origins).rpId(rpId)
                .challenge(new DefaultChallenge(challenge.getBytes(StandardCharsets.US_ASCII))).build();
    }
}
