package vn.kyso.signing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import vn.kyso.events.EventTypes;
import vn.kyso.events.serviceprovider.ServiceProviderRedirectUrisChanged;
import vn.kyso.events.serviceprovider.ServiceProviderRegistered;
import vn.kyso.signing.crypto.TestTsa;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SealingKeysTestResource;
import vn.kyso.testsupport.TestEvents;

/**
 * The CSC authorization-code flow with PKCE as an integrator's server and the portal drive it: authorization request,
 * the subscriber's consent (for the credential scope, the PIN + device approval of the hashes), the code exchanged
 * once for tokens that act for that subscriber only, refresh, revocation, and every refusal the flow owes.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "signing"))
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(AccountLoginStub.class)
@WithTestResource(TestTsa.class)
@WithTestResource(SealingKeysTestResource.class)
class CscOAuthTest {

    static final String CALLBACK = "https://contracts.example.vn/kyso/callback";

    record Client(String spId, String secret) {
    }

    /** An integrator registered with one redirect URI, known to signing-service once this returns. */
    static Client client() {
        UUID spId = UUID.randomUUID();
        String secret = "s-" + UUID.randomUUID();
        TestEvents.publish(EventTypes.SERVICE_PROVIDER_REGISTERED, spId, new ServiceProviderRegistered(spId,
                "Hợp đồng điện tử XYZ", null, HexFormat.of().formatHex(Sp769Test.sha256(secret.getBytes(
                        StandardCharsets.UTF_8))), Instant.now(), List.of(CALLBACK)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> authorize(spId.toString(),
                Map.of("scope", "service"), "v".repeat(50)).statusCode() == 303);
        return new Client(spId.toString(), secret);
    }

    static Response authorize(String clientId, Map<String, String> extra, String verifier) {
        Map<String, String> query = new LinkedHashMap<>(Map.of("response_type", "code", "client_id", clientId,
                "redirect_uri", CALLBACK, "code_challenge", s256(verifier), "code_challenge_method", "S256",
                "state", "st-" + clientId.substring(0, 8)));
        query.putAll(extra);
        return given().redirects().follow(false).queryParams(query).get("/csc/v2/oauth2/authorize");
    }

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> query(String location) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = URI.create(location).getRawQuery();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The portal's request id from the authorization endpoint's redirect to the consent screen. */
    static String requestId(Response authorized) {
        authorized.then().statusCode(303);
        String location = authorized.header("Location");
        assertTrue(location.startsWith("http://localhost:8080/?oauth_request="), location);
        return query(location).get("oauth_request");
    }

    static Response token(Client client, Map<String, String> form) {
        return given().auth().preemptive().basic(client.spId(), client.secret()).contentType(ContentType.URLENC)
                .formParams(form).post("/csc/v2/oauth2/token");
    }

    static Map<String, String> consented(String subscriberToken, String request) {
        String redirect = given().auth().oauth2(subscriberToken).post("/api/v1/oauth-requests/" + request + "/consent")
                .then().statusCode(200).extract().path("redirect");
        assertTrue(redirect.startsWith(CALLBACK + "?"), redirect);
        return query(redirect);
    }

    @Test
    void serviceScopeCodeIsExchangedOnceWithPkceForTokensOfThatSubscriberOnly() throws Exception {
        Client client = client();
        Sp769Test.User user = Sp769Test.user();
        Sp769Test.User other = Sp769Test.user();
        String verifier = "verifier-" + UUID.randomUUID() + "-" + UUID.randomUUID();
        String request = requestId(authorize(client.spId(), Map.of("scope", "service"), verifier));

        given().auth().oauth2(user.subscriber().token()).post("/api/v1/oauth-requests/" + request + "/claim").then()
                .statusCode(200).body("appName", org.hamcrest.Matchers.equalTo("Hợp đồng điện tử XYZ"))
                .body("scope", org.hamcrest.Matchers.equalTo("service"))
                .body("redirectHost", org.hamcrest.Matchers.equalTo("contracts.example.vn"));
        // Another subscriber cannot take it over, see it or answer it.
        given().auth().oauth2(other.subscriber().token()).post("/api/v1/oauth-requests/" + request + "/claim").then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(other.subscriber().token()).post("/api/v1/oauth-requests/" + request + "/consent")
                .then().statusCode(404);

        Map<String, String> back = consented(user.subscriber().token(), request);
        assertEquals("st-" + client.spId().substring(0, 8), back.get("state"));
        assertEquals("http://localhost:8084", back.get("iss"));
        String code = back.get("code");
        assertNotNull(code);
        // Agreeing on the consent screen, which names the integrator, allows it (issue 21 §4); the other subscriber,
        // who agreed to nothing, has not.
        given().auth().oauth2(user.subscriber().token()).get("/api/v1/integrators").then().statusCode(200)
                .body("find { it.spId == '" + client.spId() + "' }.decision", org.hamcrest.Matchers.equalTo("ALLOWED"));
        given().auth().oauth2(other.subscriber().token()).get("/api/v1/integrators").then().statusCode(200)
                .body("spId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(client.spId())));
        // Answered once: a second consent is refused.
        given().auth().oauth2(user.subscriber().token()).post("/api/v1/oauth-requests/" + request + "/consent").then()
                .statusCode(409);

        Map<String, String> exchange = new LinkedHashMap<>(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", CALLBACK, "code_verifier", "wrong-" + verifier));
        CscTest.error(token(client, exchange), 400, "invalid_grant");
        exchange.put("redirect_uri", CALLBACK + "/other");
        exchange.put("code_verifier", verifier);
        CscTest.error(token(client, exchange), 400, "invalid_grant");
        exchange.put("redirect_uri", CALLBACK);
        CscTest.error(given().auth().preemptive().basic(client.spId(), "wrong").contentType(ContentType.URLENC)
                .formParams(exchange).post("/csc/v2/oauth2/token"), 401, "invalid_client");
        Response tokens = token(client, exchange);
        tokens.then().statusCode(200).header("Cache-Control", "no-store")
                .body("token_type", org.hamcrest.Matchers.equalTo("Bearer"))
                .body("scope", org.hamcrest.Matchers.equalTo("service"));
        String access = tokens.path("access_token");
        String refresh = tokens.path("refresh_token");
        assertNotNull(refresh);

        // The subscriber's own token: userID must be null, and it sees that subscriber's credentials only.
        List<String> ids = CscTest.csc(access, "/credentials/list", Map.of()).then().statusCode(200).extract()
                .path("credentialIDs");
        assertEquals(List.of(user.subscriber().credential().toString()), ids);
        CscTest.error(CscTest.csc(access, "/credentials/list", Map.of("userID", other.identifier())), 400,
                "invalid_request");
        CscTest.error(CscTest.csc(access, "/credentials/info", Map.of("credentialID",
                other.subscriber().credential().toString())), 400, "invalid_request");
        CscTest.csc(access, "/credentials/info", Map.of("credentialID", ids.get(0))).then().statusCode(200);

        Response refreshed = token(client, Map.of("grant_type", "refresh_token", "refresh_token", refresh));
        refreshed.then().statusCode(200);
        String newRefresh = refreshed.path("refresh_token");
        CscTest.error(token(client, Map.of("grant_type", "refresh_token", "refresh_token", refresh)), 400,
                "invalid_grant");
        // The code is spent: presenting it again revokes everything it yielded.
        CscTest.error(token(client, exchange), 400, "invalid_grant");
        CscTest.error(CscTest.csc(access, "/credentials/list", Map.of()), 401, "invalid_token");
        CscTest.error(token(client, Map.of("grant_type", "refresh_token", "refresh_token", newRefresh)), 400,
                "invalid_grant");
    }

    @Test
    void revocationEndsTheAccessAndRefreshTokensOfTheAuthorization() throws Exception {
        Client client = client();
        Sp769Test.User user = Sp769Test.user();
        String verifier = "v-" + UUID.randomUUID() + "-" + UUID.randomUUID();
        String request = requestId(authorize(client.spId(), Map.of(), verifier));
        given().auth().oauth2(user.subscriber().token()).post("/api/v1/oauth-requests/" + request + "/claim").then()
                .statusCode(200);
        String code = consented(user.subscriber().token(), request).get("code");
        Response tokens = token(client, Map.of("grant_type", "authorization_code", "code", code, "redirect_uri",
                CALLBACK, "code_verifier", verifier));
        String access = tokens.path("access_token");
        String refresh = tokens.path("refresh_token");
        CscTest.csc(access, "/credentials/list", Map.of()).then().statusCode(200);
        // Another client's revocation of this token changes nothing; the owner's ends it.
        Client stranger = client();
        given().auth().preemptive().basic(stranger.spId(), stranger.secret()).contentType(ContentType.URLENC)
                .formParam("token", refresh).post("/csc/v2/oauth2/revoke").then().statusCode(200);
        CscTest.csc(access, "/credentials/list", Map.of()).then().statusCode(200);
        given().auth().preemptive().basic(client.spId(), client.secret()).contentType(ContentType.URLENC)
                .formParam("token", refresh).formParam("token_type_hint", "refresh_token")
                .post("/csc/v2/oauth2/revoke").then().statusCode(200);
        CscTest.error(CscTest.csc(access, "/credentials/list", Map.of()), 401, "invalid_token");
        CscTest.error(token(client, Map.of("grant_type", "refresh_token", "refresh_token", refresh)), 400,
                "invalid_grant");
        given().auth().preemptive().basic(client.spId(), client.secret()).contentType(ContentType.URLENC)
                .formParam("token", "never-issued").post("/csc/v2/oauth2/revoke").then().statusCode(200);
    }

    @Test
    void credentialScopeConsentIsTheApprovalOfTheHashesAndItsTokenSignsThemOnce() throws Exception {
        Client client = client();
        Sp769Test.User user = Sp769Test.user();
        String credential = user.subscriber().credential().toString();
        byte[] document = "Hợp đồng thuê nhà số 12".getBytes(StandardCharsets.UTF_8);
        byte[] digest = Sp769Test.sha256(document);
        String verifier = "v-" + UUID.randomUUID() + "-" + UUID.randomUUID();
        String request = requestId(authorize(client.spId(), Map.of("scope", "credential", "credentialID", credential,
                "numSignatures", "1", "hashes", Base64.getUrlEncoder().withoutPadding().encodeToString(digest),
                "hashAlgorithmOID", CscTest.SHA256, "description", "Hợp đồng thuê nhà"), verifier));

        // A subscriber who is not the key's owner cannot take it up.
        Sp769Test.User other = Sp769Test.user();
        given().auth().oauth2(other.subscriber().token()).post("/api/v1/oauth-requests/" + request + "/claim").then()
                .statusCode(403).body("code", org.hamcrest.Matchers.equalTo("NOT_YOUR_CREDENTIAL"));
        String transaction = given().auth().oauth2(user.subscriber().token()).post("/api/v1/oauth-requests/"
                + request + "/claim").then().statusCode(200).body("numSignatures", org.hamcrest.Matchers.equalTo(1))
                .body("description", org.hamcrest.Matchers.equalTo("Hợp đồng thuê nhà"))
                .extract().path("transactionId");
        // Claiming again finds the same transaction.
        assertEquals(transaction, given().auth().oauth2(user.subscriber().token()).post("/api/v1/oauth-requests/"
                + request + "/claim").then().statusCode(200).extract().path("transactionId"));
        given().auth().oauth2(user.subscriber().token()).post("/api/v1/oauth-requests/" + request + "/consent").then()
                .statusCode(409).body("code", org.hamcrest.Matchers.equalTo("NOT_APPROVED"));
        TransactionTest.approve(user.subscriber(), UUID.fromString(transaction), SigningTestSupport.PIN, 200);
        String code = consented(user.subscriber().token(), request).get("code");

        Response tokens = token(client, Map.of("grant_type", "authorization_code", "code", code, "redirect_uri",
                CALLBACK, "code_verifier", verifier));
        tokens.then().statusCode(200).body("scope", org.hamcrest.Matchers.equalTo("credential"));
        assertNull(tokens.path("refresh_token"), "a credential token is not refreshed");
        String access = tokens.path("access_token");
        CscTest.error(CscTest.csc(access, "/credentials/list", Map.of()), 403, "insufficient_scope");
        CscTest.error(CscTest.csc(access, "/credentials/authorize", Map.of("credentialID", credential,
                "numSignatures", 1, "hashes", List.of(CscTest.b64(digest)), "hashAlgorithmOID", CscTest.SHA256)), 403,
                "insufficient_scope");
        CscTest.error(CscTest.csc(access, "/signatures/signHash", Map.of("credentialID", credential, "hashes",
                List.of(CscTest.b64(Sp769Test.sha256(new byte[] {1}))), "hashAlgorithmOID", CscTest.SHA256,
                "signAlgo", CscTest.RSA)), 400, "invalid_request");
        List<String> signatures = CscTest.csc(access, "/signatures/signHash", Map.of("credentialID", credential,
                "hashes", List.of(CscTest.b64(digest)), "signAlgo", "1.2.840.113549.1.1.11")).then().statusCode(200)
                .extract().path("signatures");
        Signature jca = Signature.getInstance("SHA256withRSA");
        jca.initVerify(user.certificate().getPublicKey());
        jca.update(document);
        assertTrue(jca.verify(Base64.getDecoder().decode(signatures.get(0))));
        CscTest.error(CscTest.csc(access, "/signatures/signHash", Map.of("credentialID", credential, "hashes",
                List.of(CscTest.b64(digest)), "signAlgo", "1.2.840.113549.1.1.11")), 400, "invalid_request");
    }

    @Test
    void refusalsForeignRedirectsAndMissingPkceNeverYieldACode() throws Exception {
        Client client = client();
        Sp769Test.User user = Sp769Test.user();
        String verifier = "v-" + UUID.randomUUID() + "-" + UUID.randomUUID();

        // A redirect URI that is not registered: answered here, the browser is sent nowhere.
        Response foreign = given().redirects().follow(false).queryParams(Map.of("response_type", "code", "client_id",
                client.spId(), "redirect_uri", "https://attacker.example/cb", "code_challenge", s256(verifier),
                "code_challenge_method", "S256")).get("/csc/v2/oauth2/authorize");
        CscTest.error(foreign, 400, "invalid_request");
        assertNull(foreign.header("Location"));
        CscTest.error(given().redirects().follow(false).queryParams(Map.of("response_type", "code", "client_id",
                UUID.randomUUID().toString(), "redirect_uri", CALLBACK)).get("/csc/v2/oauth2/authorize"), 400,
                "invalid_request");

        // The client is known and the URI registered: other faults go back to the integrator, with its state.
        Response plain = authorize(client.spId(), Map.of("code_challenge_method", "plain"), verifier);
        plain.then().statusCode(303);
        Map<String, String> back = query(plain.header("Location"));
        assertEquals("invalid_request", back.get("error"));
        assertEquals("st-" + client.spId().substring(0, 8), back.get("state"));
        assertEquals("invalid_scope", query(authorize(client.spId(), Map.of("scope", "admin"), verifier)
                .header("Location")).get("error"));
        assertEquals("invalid_request", query(authorize(client.spId(), Map.of("scope", "credential", "credentialID",
                user.subscriber().credential().toString(), "numSignatures", "2", "hashes", CscTest.b64(new byte[32]),
                "hashAlgorithmOID", CscTest.SHA256), verifier).header("Location")).get("error"));

        // The subscriber refuses: access_denied, and no code can be had for it.
        String request = requestId(authorize(client.spId(), Map.of(), verifier));
        given().auth().oauth2(user.subscriber().token()).post("/api/v1/oauth-requests/" + request + "/claim").then()
                .statusCode(200);
        String denied = given().auth().oauth2(user.subscriber().token()).post("/api/v1/oauth-requests/" + request
                + "/deny").then().statusCode(200).extract().path("redirect");
        assertEquals("access_denied", query(denied).get("error"));
        given().auth().oauth2(user.subscriber().token()).post("/api/v1/oauth-requests/" + request + "/consent").then()
                .statusCode(409);

        // Redirect URIs follow the registry's changes.
        UUID spId = UUID.fromString(client.spId());
        TestEvents.publish(EventTypes.SERVICE_PROVIDER_REDIRECT_URIS_CHANGED, spId,
                new ServiceProviderRedirectUrisChanged(spId, List.of("https://contracts.example.vn/v2/cb"),
                        Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> authorize(client.spId(), Map.of(), verifier)
                .statusCode() == 400);
    }

    @Test
    void metadataNamesTheEndpointsAndWhatTheySupport() {
        given().get("/.well-known/oauth-authorization-server").then().statusCode(200)
                .body("issuer", org.hamcrest.Matchers.equalTo("http://localhost:8084"))
                .body("authorization_endpoint", org.hamcrest.Matchers.equalTo(
                        "http://localhost:8084/csc/v2/oauth2/authorize"))
                .body("code_challenge_methods_supported", org.hamcrest.Matchers.equalTo(List.of("S256")))
                .body("grant_types_supported", org.hamcrest.Matchers.hasItem("authorization_code"));
        given().contentType(ContentType.JSON).body("{}").post("/csc/v2/info").then().statusCode(200)
                .body("authType", org.hamcrest.Matchers.hasItem("oauth2code"))
                .body("oauth2Issuer", org.hamcrest.Matchers.equalTo("http://localhost:8084"));
    }
}
