package vn.kyso.sdk;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A subscriber's key over the Cloud Signature Consortium API v2 ({@code /csc/v2}): the integrator's client
 * credentials find the credential and its chain; each digest is then authorised by the subscriber — in the Kyso app
 * ({@code credentials/authorize}, polled) or in the browser through the OAuth 2.0 authorization-code flow with PKCE,
 * whose {@code credential}-scoped token is the SAD — and signed with {@code signatures/signHash}.
 */
public final class CscSigner implements RemoteSigner {

    private static final Map<String, String> DIGEST_OIDS = Map.of("SHA-256", "2.16.840.1.101.3.4.2.1", "SHA-384",
            "2.16.840.1.101.3.4.2.2", "SHA-512", "2.16.840.1.101.3.4.2.3");
    private static final Map<String, String> RSA_SIGN = Map.of("SHA-256", "1.2.840.113549.1.1.11", "SHA-384",
            "1.2.840.113549.1.1.12", "SHA-512", "1.2.840.113549.1.1.13");
    private static final Map<String, String> EC_SIGN = Map.of("SHA-256", "1.2.840.10045.4.3.2", "SHA-384",
            "1.2.840.10045.4.3.3", "SHA-512", "1.2.840.10045.4.3.4");

    /** How the subscriber approves a digest. */
    public sealed interface Approval permits InApp, InBrowser {
    }

    /** In the Kyso app or portal (PIN + passkey), {@code authorizeCheck} polled every {@code poll}. */
    public record InApp(Duration poll, Duration patience) implements Approval {
    }

    /**
     * In the subscriber's browser: the integrator sends it to the authorization URL (one of its registered
     * {@code redirectUri}s comes back with the code), the subscriber signs in and approves.
     */
    public record InBrowser(String redirectUri, Consent consent) implements Approval {
    }

    /** Takes the subscriber's browser to {@code authorizationUrl} and returns the {@code code} it came back with. */
    @FunctionalInterface
    public interface Consent {
        String codeFrom(URI authorizationUrl, String state);
    }

    private final String baseUrl;
    private final String clientId;
    private final String clientSecret;
    private final String userId;
    private final Approval approval;
    private final SecureRandom random = new SecureRandom();
    private String credentialId;
    private String keyAlgorithm;
    private List<X509Certificate> chain;

    /**
     * @param baseUrl e.g. {@code http://127.0.0.1:8084/csc/v2}
     * @param userId the subscriber's ID number, whose first credential signs
     */
    public CscSigner(String baseUrl, String clientId, String clientSecret, String userId, Approval approval) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.userId = userId;
        this.approval = approval;
    }

    @Override
    public synchronized List<X509Certificate> certificateChain() {
        if (chain == null) {
            String token = clientToken();
            JsonNode list = checked(Http.postJson(baseUrl + "/credentials/list", token, Map.of("userID", userId)),
                    "credentials/list");
            if (!list.path("credentialIDs").has(0)) {
                throw new KysoException("the subscriber " + userId + " has no credential, or has not allowed this "
                        + "integrator yet (the subscriber allows it in the Kyso app)");
            }
            credentialId = list.path("credentialIDs").get(0).asText();
            JsonNode info = checked(Http.postJson(baseUrl + "/credentials/info", token, Map.of("credentialID",
                    credentialId, "certificates", "chain")), "credentials/info");
            keyAlgorithm = info.at("/key/algo/0").asText();
            List<X509Certificate> found = new ArrayList<>();
            info.at("/cert/certificates").forEach(c -> found.add(Certificates.fromBase64(c.asText())));
            chain = List.copyOf(found);
        }
        return chain;
    }

    @Override
    public byte[] sign(String digestAlgorithm, byte[] digest, String label) {
        certificateChain();
        String hash = Base64.getEncoder().encodeToString(digest);
        String hashOid = DIGEST_OIDS.get(digestAlgorithm);
        if (hashOid == null) {
            throw new KysoException("digest algorithm " + digestAlgorithm + " is not SHA-256, SHA-384 or SHA-512");
        }
        String signAlgo = (keyAlgorithm.startsWith("1.2.840.113549") ? RSA_SIGN : EC_SIGN).get(digestAlgorithm);
        Map<String, Object> request = new HashMap<>(Map.of("credentialID", credentialId, "hashes", List.of(hash),
                "hashAlgorithmOID", hashOid, "signAlgo", signAlgo));
        String bearer;
        if (approval instanceof InApp app) {
            bearer = clientToken();
            request.put("SAD", sadInApp(bearer, hash, hashOid, label, app));
        } else {
            bearer = sadInBrowser((InBrowser) approval, digest, hashOid, label);
        }
        JsonNode signed = checked(Http.postJson(baseUrl + "/signatures/signHash", bearer, request),
                "signatures/signHash");
        return Base64.getDecoder().decode(signed.path("signatures").get(0).asText());
    }

    private String sadInApp(String token, String hash, String hashOid, String label, InApp app) {
        String handle = checked(Http.postJson(baseUrl + "/credentials/authorize", token, Map.of("credentialID",
                credentialId, "numSignatures", 1, "hashes", List.of(hash), "hashAlgorithmOID", hashOid,
                "description", label)), "credentials/authorize").path("handle").asText();
        Instant deadline = Instant.now().plus(app.patience());
        while (Instant.now().isBefore(deadline)) {
            Http.Answer check = Http.postJson(baseUrl + "/credentials/authorizeCheck", token, Map.of("handle",
                    handle));
            if (check.status() == 200) {
                return check.body().path("SAD").asText();
            }
            if (check.status() != 202) {
                throw new KysoException("credentials/authorizeCheck: " + check.body().path("error_description")
                        .asText(check.raw().body()));
            }
            Http.pause(app.poll());
        }
        throw new KysoException("no decision within " + app.patience().toSeconds() + " s");
    }

    /** RFC 7636 PKCE (S256) and {@code state}; the token the code buys is the SAD for exactly this digest. */
    private String sadInBrowser(InBrowser browser, byte[] digest, String hashOid, String label) {
        String verifier = randomUrlSafe(32);
        String state = randomUrlSafe(16);
        String challenge;
        try {
            challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String oauth = baseUrl + "/oauth2";
        URI authorize = URI.create(oauth + "/authorize?response_type=code&client_id=" + enc(clientId)
                + "&redirect_uri=" + enc(browser.redirectUri()) + "&scope=credential&code_challenge=" + challenge
                + "&code_challenge_method=S256&state=" + state + "&credentialID=" + enc(credentialId)
                + "&numSignatures=1&hashes=" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest)
                + "&hashAlgorithmOID=" + hashOid + "&description=" + enc(label));
        String code = browser.consent().codeFrom(authorize, state);
        JsonNode token = checked(Http.postForm(oauth + "/token", clientId, clientSecret, "grant_type="
                + "authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(browser.redirectUri())
                + "&code_verifier=" + verifier), "oauth2/token");
        return token.path("access_token").asText();
    }

    private String clientToken() {
        return checked(Http.postForm(baseUrl + "/oauth2/token", clientId, clientSecret,
                "grant_type=client_credentials"), "oauth2/token").path("access_token").asText();
    }

    private String randomUrlSafe(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JsonNode checked(Http.Answer answer, String call) {
        if (answer.status() / 100 != 2) {
            throw new KysoException(call + ": HTTP " + answer.status() + " " + answer.body().path("error")
                    .asText("") + " " + answer.body().path("error_description").asText(answer.raw().body()));
        }
        return answer.body();
    }
}
