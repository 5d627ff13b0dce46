package vn.kyso.signing.integrator.csc;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The CSC API v2.0.0.2 messages, named and typed as the specification names them; the resource reads requests into
 * these records and writes these records out, so the OpenAPI document describes exactly what is on the wire.
 */
public final class CscMessages {

    private CscMessages() {
    }

    /** {@code info} input. */
    public record InfoRequest(String lang) {
    }

    /** {@code info} output (§11.1). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InfoResponse(String specs, String name, String logo, String region, String lang, String description,
            List<String> authType, String oauth2, String oauth2Issuer, Boolean asynchronousOperationMode,
            List<String> methods, Boolean validationInfo, SignAlgorithms signAlgorithms,
            @JsonProperty("signature_formats") SignatureFormats signatureFormats,
            @JsonProperty("conformance_levels") List<String> conformanceLevels) {
    }

    /** Signature algorithm OIDs the service signs with. */
    public record SignAlgorithms(List<String> algos) {
    }

    /** AdES formats {@code signatures/signDoc} produces, with each format's envelope properties. */
    public record SignatureFormats(List<String> formats,
            @JsonProperty("envelope_properties") List<List<String>> envelopeProperties) {
    }

    /** {@code credentials/list} input (§11.4). */
    public record ListRequest(String userID, Boolean credentialInfo, String certificates, Boolean certInfo,
            Boolean authInfo, Boolean onlyValid, String lang, String clientData) {
    }

    /** {@code credentials/list} output. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListResponse(List<String> credentialIDs, List<CredentialInfo> credentialInfos, Boolean onlyValid) {
    }

    /** {@code credentials/info} input (§11.5). */
    public record InfoOfCredentialRequest(String credentialID, String certificates, Boolean certInfo, Boolean authInfo,
            String lang, String clientData) {
    }

    /** A credential as {@code credentials/info} and {@code credentials/list} describe it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CredentialInfo(String credentialID, String description, String signatureQualifier, Key key,
            Cert cert, Auth auth, @JsonProperty("SCAL") String scal, int multisign, String lang) {

        CredentialInfo withId(String id) {
            return new CredentialInfo(id, description, signatureQualifier, key, cert, auth, scal, multisign, lang);
        }
    }

    /** The signing key: {@code enabled} or {@code disabled}, algorithm OIDs, length in bits, EC curve OID. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Key(String status, List<String> algo, int len, String curve) {
    }

    /** The certificate: status, base64 DER certificates, and with {@code certInfo} its names, serial and validity. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cert(String status, List<String> certificates, String issuerDN, String serialNumber,
            String subjectDN, String validFrom, String validTo) {
    }

    /** How an authorisation is given (§8.3): {@code explicit}, with the authentication objects it takes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Auth(String mode, String expression, List<AuthObjectType> objects) {
    }

    /** One authentication object type. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuthObjectType(String type, String id, String format, String label, String description,
            String generator) {
    }

    /** One authentication object in {@code authData}: for an out-of-band type, its id alone. */
    public record AuthData(String id, String value) {
    }

    /** {@code credentials/authorize} input (§11.6). */
    public record AuthorizeRequest(String credentialID, Integer numSignatures, List<String> hashes,
            String hashAlgorithmOID, List<AuthData> authData, String description, String clientData) {
    }

    /** A SAD and its lifetime in seconds (HTTP 200). */
    public record SadResponse(@JsonProperty("SAD") String sad, long expiresIn) {
    }

    /** Authorisation under way (HTTP 202): poll {@code credentials/authorizeCheck} with the handle. */
    public record HandleResponse(String handle) {
    }

    /** {@code credentials/authorizeCheck} input (§11.7). */
    public record AuthorizeCheckRequest(String handle, String clientData) {
    }

    /** {@code credentials/extendTransaction} input (§11.9). */
    public record ExtendTransactionRequest(String credentialID, List<String> hashes, String hashAlgorithmOID,
            @JsonProperty("SAD") String sad, String clientData) {
    }

    /** {@code signatures/signHash} input (§11.10). */
    public record SignHashRequest(String credentialID, @JsonProperty("SAD") String sad, List<String> hashes,
            String hashAlgorithmOID, String signAlgo, String signAlgoParams, String operationMode,
            @JsonProperty("validity_period") Long validityPeriod, @JsonProperty("response_uri") String responseUri,
            String clientData) {
    }

    /** {@code signatures/signHash} output: the signatures (synchronous) or the response's id (asynchronous). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SignHashResponse(List<String> signatures, String responseID) {
    }

    /** {@code signatures/signPolling} input (§11.12). */
    public record SignPollingRequest(String requestID, String userID, String clientData) {
    }

    /** {@code signatures/signDoc} input (§11.11). */
    public record SignDocRequest(String credentialID, String signatureQualifier, @JsonProperty("SAD") String sad,
            List<DocumentDigest> documentDigests, List<Document> documents, String operationMode,
            @JsonProperty("validity_period") Long validityPeriod, @JsonProperty("response_uri") String responseUri,
            String clientData, Boolean returnValidationInfo) {
    }

    /** Digests of one document to sign as an AdES signature. */
    public record DocumentDigest(List<String> hashes, String hashAlgorithmOID,
            @JsonProperty("signature_format") String signatureFormat,
            @JsonProperty("conformance_level") String conformanceLevel, String signAlgo, String signAlgoParams,
            @JsonProperty("signed_props") List<SignedProperty> signedProps,
            @JsonProperty("signed_envelope_property") String signedEnvelopeProperty) {
    }

    /** One whole document to sign. */
    public record Document(String document, @JsonProperty("signature_format") String signatureFormat,
            @JsonProperty("conformance_level") String conformanceLevel, String signAlgo, String signAlgoParams,
            @JsonProperty("signed_props") List<SignedProperty> signedProps,
            @JsonProperty("signed_envelope_property") String signedEnvelopeProperty) {
    }

    /** A signed attribute or property to include. */
    public record SignedProperty(@JsonProperty("attribute_name") String attributeName,
            @JsonProperty("attribute_value") String attributeValue) {
    }

    /** {@code signatures/signDoc} output. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SignDocResponse(@JsonProperty("DocumentWithSignature") List<String> documentWithSignature,
            @JsonProperty("SignatureObject") List<String> signatureObject, String responseID,
            ValidationInfo validationInfo) {
    }

    /** With {@code returnValidationInfo}: the OCSP answers, CRLs and certificates the signatures rely on (Base64). */
    public record ValidationInfo(List<String> ocsp, List<String> crl, List<String> certificates) {
    }

    /** {@code signatures/timestamp} input (§11.13). */
    public record TimestampRequest(String hash, String hashAlgo, String nonce, String clientData) {
    }

    /** {@code signatures/timestamp} output: an RFC 3161 token, base64. */
    public record TimestampResponse(String timestamp) {
    }

    /** {@code oauth2/token} input, form-encoded; the client may authenticate with HTTP Basic instead. */
    public record TokenRequest(@JsonProperty("grant_type") String grantType, @JsonProperty("client_id") String clientId,
            @JsonProperty("client_secret") String clientSecret, String code,
            @JsonProperty("redirect_uri") String redirectUri, @JsonProperty("code_verifier") String codeVerifier,
            @JsonProperty("refresh_token") String refreshToken) {
    }

    /** {@code oauth2/revoke} input (form fields), the client authenticating as at the token endpoint. */
    public record RevokeRequest(String token, @JsonProperty("token_type_hint") String tokenTypeHint,
            @JsonProperty("client_id") String clientId, @JsonProperty("client_secret") String clientSecret) {
    }

    /** {@code oauth2/token} output. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TokenResponse(@JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType, @JsonProperty("expires_in") long expiresIn,
            @JsonProperty("refresh_token") String refreshToken, String scope) {
    }
}
