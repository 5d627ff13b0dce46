package vn.kyso.signing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import vn.kyso.events.EventTypes;
import vn.kyso.events.serviceprovider.ServiceProviderDisabled;
import vn.kyso.events.serviceprovider.ServiceProviderSecretRotated;
import vn.kyso.signing.crypto.TestTsa;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SealingKeysTestResource;
import vn.kyso.testsupport.TestEvents;

/**
 * CSC API v2 as a client written from the specification sees it: token, credentials, an authorisation the subscriber
 * approves in the app, a SAD bound to exactly those hashes and used once, and time-stamps.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "signing"))
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(AccountLoginStub.class)
@WithTestResource(TestTsa.class)
@WithTestResource(SealingKeysTestResource.class)
class CscTest {

    static final String BASE = "/csc/v2";
    static final String SHA256 = "2.16.840.1.101.3.4.2.1";
    static final String RSA = "1.2.840.113549.1.1.1";

    @Inject
    TestClock clock;

    static String token(Sp769Test.Integrator sp) {
        return given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("client_id", sp.spId()).formParam("client_secret", sp.password())
                .post(BASE + "/oauth2/token").then().statusCode(200).extract().path("access_token");
    }

    static Response csc(String token, String path, Object body) {
        var request = given().contentType(ContentType.JSON).body(body);
        return (token == null ? request : request.auth().oauth2(token)).post(BASE + path);
    }

    static JsonPath error(Response response, int status, String error) {
        response.then().statusCode(status);
        JsonPath json = response.jsonPath();
        assertEquals(error, json.getString("error"), response.asString());
        assertNotNull(json.getString("error_description"));
        return json;
    }

    static String b64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }

    @Test
    void authorizeThenApproveThenSignHashReleasesExactlyTheAuthorisedSignaturesOnce() throws Exception {
        Sp769Test.Integrator sp = Sp769Test.integrator();
        Sp769Test.User user = Sp769Test.user();
        Sp769Test.allow(sp, user);
        given().post(BASE + "/info").then().statusCode(200).extract().path("methods");
        String token = token(sp);
        List<String> ids = csc(token, "/credentials/list", Map.of("userID", user.identifier())).then().statusCode(200)
                .extract().path("credentialIDs");
        assertEquals(List.of(user.subscriber().credential().toString()), ids);
        String credential = ids.get(0);
        JsonPath info = csc(token, "/credentials/info", Map.of("credentialID", credential, "certificates", "chain",
                "certInfo", true)).then().statusCode(200).extract().jsonPath();
        assertEquals("2", info.getString("SCAL"));
        assertEquals("valid", info.getString("cert.status"));
        assertEquals("enabled", info.getString("key.status"));
        assertEquals(b64(user.certificate().getEncoded()), info.getString("cert.certificates[0]"));
        assertEquals(100, info.getInt("multisign"), "what authorize enforces");
        assertEquals("explicit", info.getString("auth.mode"));
        assertEquals("ChallengeResponseOOB", info.getString("auth.objects[0].type"));
        assertEquals(2048, info.getInt("key.len"));
        assertNull(info.get("authMode"), "the v1 field is gone");

        byte[][] documents = {"tài liệu A".getBytes(StandardCharsets.UTF_8), "tài liệu B".getBytes(StandardCharsets
                .UTF_8)};
        List<String> hashes = List.of(b64(Sp769Test.sha256(documents[0])), b64(Sp769Test.sha256(documents[1])));
        error(csc(token, "/credentials/authorize", Map.of("credentialID", credential, "numSignatures", 3, "hashes",
                hashes, "hashAlgorithmOID", SHA256)), 400, "invalid_request");
        Response authorized = csc(token, "/credentials/authorize", Map.of("credentialID", credential,
                "numSignatures", 2, "hashes", hashes, "hashAlgorithmOID", SHA256, "description", "Hợp đồng số 7"));
        authorized.then().statusCode(202);
        String handle = authorized.jsonPath().getString("handle");
        Map<String, Object> check = Map.of("handle", handle);
        csc(token, "/credentials/authorizeCheck", check).then().statusCode(202)
                .body("handle", org.hamcrest.Matchers.equalTo(handle));
        error(csc(token, "/signatures/signHash", Map.of("credentialID", credential, "SAD", "not-a-sad", "hashes",
                hashes, "hashAlgorithmOID", SHA256, "signAlgo", RSA)), 400, "invalid_request");

        TransactionTest.approve(user.subscriber(), UUID.fromString(handle), SigningTestSupport.PIN, 200);
        // Approved, not yet signed: the signatures are made when the SP calls signHash.
        given().auth().oauth2(user.subscriber().token()).get("/api/v1/transactions/" + handle).then()
                .body("status", org.hamcrest.Matchers.equalTo("AUTHORIZED"))
                .body("items[0].signature", org.hamcrest.Matchers.nullValue());
        String sad = csc(token, "/credentials/authorizeCheck", check).then().statusCode(200).extract().path("SAD");

        // A hash the SAD does not cover is refused, and does not spend the SAD.
        error(csc(token, "/signatures/signHash", Map.of("credentialID", credential, "SAD", sad, "hashes",
                List.of(b64(Sp769Test.sha256("khác".getBytes(StandardCharsets.UTF_8)))), "hashAlgorithmOID", SHA256,
                "signAlgo", RSA)), 400, "invalid_request");
        // Another SP's token cannot use it.
        Sp769Test.Integrator other = Sp769Test.integrator();
        error(csc(token(other), "/signatures/signHash", Map.of("credentialID", credential, "SAD", sad, "hashes",
                hashes, "hashAlgorithmOID", SHA256, "signAlgo", RSA)), 400, "invalid_request");
        List<String> signatures = csc(token, "/signatures/signHash", Map.of("credentialID", credential, "SAD", sad,
                "hashes", List.of(hashes.get(1), hashes.get(0)), "hashAlgorithmOID", SHA256, "signAlgo", RSA))
                .then().statusCode(200).extract().path("signatures");
        for (int i = 0; i < 2; i++) {
            Signature jca = Signature.getInstance("SHA256withRSA");
            jca.initVerify(user.certificate().getPublicKey());
            jca.update(documents[1 - i]);
            assertTrue(jca.verify(Base64.getDecoder().decode(signatures.get(i))), "in the order asked");
        }
        error(csc(token, "/signatures/signHash", Map.of("credentialID", credential, "SAD", sad, "hashes", hashes,
                "hashAlgorithmOID", SHA256, "signAlgo", RSA)), 400, "invalid_request");
        error(csc(token, "/credentials/authorizeCheck", check), 400, "invalid_request");
        given().auth().oauth2(user.subscriber().token()).get("/api/v1/transactions/" + handle).then()
                .body("status", org.hamcrest.Matchers.equalTo("SIGNED"));
    }

    @Test
    void forgedOrForeignSadsSlowTheirSourceDownButNotTheIntegrator() {
        Sp769Test.Integrator sp = Sp769Test.integrator();
        String token = token(sp);
        String credential = UUID.randomUUID().toString();
        String guesser = "203.0.113.77";
        for (int i = 0; i < 5; i++) {
            error(given().header("X-Forwarded-For", guesser).auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("credentialID", credential, "SAD", "forged-" + i, "hashes", List.of(b64(new byte[32])),
                            "hashAlgorithmOID", SHA256, "signAlgo", RSA)).post(BASE + "/signatures/signHash"), 400,
                    "invalid_request");
        }
        // That source now waits, its token included; the integrator's other servers keep working with the same token.
        given().header("X-Forwarded-For", guesser).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("credentialID", credential)).post(BASE + "/credentials/info").then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("error", org.hamcrest.Matchers.equalTo("too_many_requests"));
        given().header("X-Forwarded-For", "198.51.100.8").auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("userID", "000000000000")).post(BASE + "/credentials/list").then().statusCode(200);
        token(sp);
    }

    @Test
    void rotatingTheSecretOrDisablingTheIntegratorEndsItsAccessTokensAtOnce() {
        Sp769Test.Integrator sp = Sp769Test.integrator();
        String before = token(sp);
        csc(before, "/credentials/list", Map.of("userID", "000000000000")).then().statusCode(200);
        String rotated = "rotated-" + UUID.randomUUID();
        UUID spId = UUID.fromString(sp.spId());
        TestEvents.publish(EventTypes.SERVICE_PROVIDER_SECRET_ROTATED, spId, new ServiceProviderSecretRotated(spId,
                HexFormat.of().formatHex(Sp769Test.sha256(rotated.getBytes(StandardCharsets.UTF_8))), Instant.now()));
        // The token issued for the old secret stops working as soon as signing-service learns of the new one.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> csc(before, "/credentials/list",
                Map.of("userID", "000000000000")).statusCode() == 401);
        error(csc(before, "/credentials/list", Map.of("userID", "000000000000")), 401, "invalid_token");
        String after = token(new Sp769Test.Integrator(sp.spId(), rotated));
        csc(after, "/credentials/list", Map.of("userID", "000000000000")).then().statusCode(200);
        TestEvents.publish(EventTypes.SERVICE_PROVIDER_DISABLED, spId, new ServiceProviderDisabled(spId, Instant.now()));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> csc(after, "/credentials/list",
                Map.of("userID", "000000000000")).statusCode() == 401);
    }

    @Test
    void anExpiredSadARejectionAndBadTokensAreRefusedWithTheSpecsErrors() throws Exception {
        Sp769Test.Integrator sp = Sp769Test.integrator();
        Sp769Test.User user = Sp769Test.user();
        Sp769Test.allow(sp, user);
        String token = token(sp);
        String credential = user.subscriber().credential().toString();
        List<String> hashes = List.of(b64(Sp769Test.sha256(new byte[] {7})));
        String handle = csc(token, "/credentials/authorize", Map.of("credentialID", credential, "numSignatures", 1,
                "hashes", hashes, "hashAlgorithmOID", SHA256)).then().statusCode(202).extract()
                .path("handle");
        TransactionTest.approve(user.subscriber(), UUID.fromString(handle), SigningTestSupport.PIN, 200);
        String sad = csc(token, "/credentials/authorizeCheck", Map.of("handle", handle)).then().statusCode(200)
                .extract().path("SAD");
        try {
            clock.advance(Duration.ofMinutes(6));
            error(csc(token, "/signatures/signHash", Map.of("credentialID", credential, "SAD", sad, "hashes", hashes,
                    "hashAlgorithmOID", SHA256, "signAlgo", RSA)), 400, "invalid_request");
            // The unused authorisation expires and its sealed binding is wiped by the sweep.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "EXPIRED".equals(
                    given().auth().oauth2(user.subscriber().token()).get("/api/v1/transactions/" + handle).then()
                            .extract().path("status")));
        } finally {
            clock.reset();
        }

        String rejected = csc(token, "/credentials/authorize", Map.of("credentialID", credential, "numSignatures", 1,
                "hashes", hashes, "hashAlgorithmOID", SHA256)).then().statusCode(202).extract()
                .path("handle");
        String challenge = given().auth().oauth2(user.subscriber().token()).get("/api/v1/transactions/" + rejected)
                .then().extract().path("challenge");
        given().auth().oauth2(user.subscriber().token()).contentType(ContentType.JSON).body(Map.of("challenge",
                challenge, "deviceSignature", user.subscriber().device().sign(challenge)))
                .post("/api/v1/transactions/" + rejected + "/reject").then().statusCode(200);
        error(csc(token, "/credentials/authorizeCheck", Map.of("handle", rejected)), 400, "access_denied");

        error(csc(null, "/credentials/list", Map.of("userID", user.identifier())), 401, "invalid_token");
        error(csc("not.a.token", "/credentials/list", Map.of("userID", user.identifier())), 401, "invalid_token");
        error(given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("client_id", sp.spId()).formParam("client_secret", "wrong").post(BASE + "/oauth2/token"),
                401, "invalid_client");
        error(given().contentType(ContentType.URLENC).formParam("grant_type", "password")
                .post(BASE + "/oauth2/token"), 400, "unsupported_grant_type");
        error(csc(token, "/credentials/info", Map.of("credentialID", "nope")), 400, "invalid_request");
        List<String> batch = java.util.stream.IntStream.range(0, 101).mapToObj(i -> b64(java.nio.ByteBuffer
                .allocate(32).putInt(i).array())).toList();
        error(csc(token, "/credentials/authorize", Map.of("credentialID", credential, "numSignatures", 101,
                "hashes", batch, "hashAlgorithmOID", SHA256)), 400, "invalid_request");
        csc(token, "/credentials/authorize", Map.of("credentialID", credential, "numSignatures", 100,
                "hashes", batch.subList(0, 100), "hashAlgorithmOID", SHA256)).then().statusCode(202);
        error(given().contentType(ContentType.JSON).auth().oauth2(token).body("{oops").post(BASE + "/credentials/list"),
                400, "invalid_request");

        error(csc(token, "/signatures/timestamp", Map.of("hash", hashes.get(0), "hashAlgo", "1.2.3")), 400,
                "invalid_request");
        String stamp = csc(token, "/signatures/timestamp", Map.of("hash", hashes.get(0), "hashAlgo", SHA256))
                .then().statusCode(200).extract().path("timestamp");
        var tst = new org.bouncycastle.tsp.TimeStampToken(new org.bouncycastle.cms.CMSSignedData(Base64.getDecoder()
                .decode(stamp)));
        assertEquals(hashes.get(0), b64(tst.getTimeStampInfo().getMessageImprintDigest()));
    }

    @Test
    void infoAndCredentialsSpeakV2002AndAdvertiseOnlyWhatIsEnforced() throws Exception {
        JsonPath info = given().contentType(ContentType.JSON).body("{}").post(BASE + "/info").then().statusCode(200)
                .extract().jsonPath();
        assertEquals("2.0.0.2", info.getString("specs"));
        assertTrue(info.getList("signAlgorithms.algos").containsAll(List.of(RSA, "1.2.840.113549.1.1.11",
                "1.2.840.10045.4.3.2")));
        assertEquals(List.of("C", "X", "P"), info.getList("signature_formats.formats"));
        assertEquals(List.of(List.of("Attached", "Detached"), List.of("Enveloped", "Enveloping", "Detached"),
                List.of("Certification", "Revision")), info.getList("signature_formats.envelope_properties"));
        assertEquals(List.of("Ades-B-B", "Ades-B-T", "Ades-B-LT", "Ades-B-LTA"), info.getList("conformance_levels"));
        assertTrue(info.getList("methods").contains("signatures/signDoc"));
        assertTrue(info.getString("oauth2").startsWith("http"), "an absolute base URI");
        assertTrue(info.getBoolean("asynchronousOperationMode"));
        assertTrue(info.getList("methods").containsAll(List.of("credentials/extendTransaction",
                "signatures/signPolling", "signatures/timestamp")));
        byte[] logo = given().get(java.net.URI.create(info.getString("logo")).getPath()).then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        assertEquals((byte) 0x89, logo[0]);

        Sp769Test.Integrator sp = Sp769Test.integrator();
        Sp769Test.User user = Sp769Test.user();
        Sp769Test.allow(sp, user);
        String token = token(sp);
        JsonPath list = csc(token, "/credentials/list", Map.of("userID", user.identifier(), "credentialInfo", true,
                "certificates", "chain", "certInfo", true, "authInfo", true, "onlyValid", true)).then()
                .statusCode(200).extract().jsonPath();
        String credential = user.subscriber().credential().toString();
        assertEquals(List.of(credential), list.getList("credentialIDs"));
        assertTrue(list.getBoolean("onlyValid"));
        assertEquals(credential, list.getString("credentialInfos[0].credentialID"));
        assertEquals(3, list.getList("credentialInfos[0].cert.certificates").size(), "leaf, issuing CA, root");
        assertTrue(list.getString("credentialInfos[0].cert.validTo").matches("\\d{14}Z"));
        assertEquals("explicit", list.getString("credentialInfos[0].auth.mode"));
        JsonPath plain = csc(token, "/credentials/list", Map.of("userID", user.identifier())).then().statusCode(200)
                .extract().jsonPath();
        assertNull(plain.get("credentialInfos"));
        assertNull(plain.get("onlyValid"));
        JsonPath none = csc(token, "/credentials/info", Map.of("credentialID", credential, "certificates", "none"))
                .then().statusCode(200).extract().jsonPath();
        assertNull(none.get("cert.certificates"));
        assertNull(none.get("cert.subjectDN"));
        error(csc(token, "/credentials/list", Map.of("userID", user.identifier(), "credentialInfo", true,
                "certificates", "all")), 400, "invalid_request");
        error(csc(token, "/credentials/list", Map.of("userID", List.of("x"))), 400, "invalid_request");
        error(csc(token, "/credentials/authorize", Map.of("credentialID", credential, "numSignatures", "many",
                "hashes", List.of(b64(new byte[32])), "hashAlgorithmOID", SHA256)), 400, "invalid_request");
        error(csc(token, "/credentials/authorize", Map.of("credentialID", credential, "numSignatures", 1,
                "hashes", List.of(b64(new byte[32])), "hashAlgorithmOID", SHA256, "authData",
                List.of(Map.of("id", "PIN", "value", "123456")))), 400, "invalid_authentication_data");
    }

    @Test
    void extendTransactionHandsOverTheRestOfAnAuthorisationOneCallAtATimeAndNothingBeyondIt() throws Exception {
        Sp769Test.Integrator sp = Sp769Test.integrator();
        Sp769Test.User user = Sp769Test.user();
        Sp769Test.allow(sp, user);
        String token = token(sp);
        String credential = user.subscriber().credential().toString();
        byte[][] documents = {{1}, {2}, {3}};
        List<String> hashes = java.util.Arrays.stream(documents).map(d -> b64(Sp769Test.sha256(d))).toList();
        String handle = csc(token, "/credentials/authorize", Map.of("credentialID", credential, "numSignatures", 3,
                "hashes", hashes, "hashAlgorithmOID", SHA256, "authData", List.of(Map.of("id", "KYSO_APP"))))
                .then().statusCode(202).extract().path("handle");
        TransactionTest.approve(user.subscriber(), UUID.fromString(handle), SigningTestSupport.PIN, 200);
        String first = csc(token, "/credentials/authorizeCheck", Map.of("handle", handle)).then().statusCode(200)
                .extract().path("SAD");
        String sha256WithRsa = "1.2.840.113549.1.1.11";
        List<String> one = csc(token, "/signatures/signHash", Map.of("credentialID", credential, "SAD", first,
                "hashes", List.of(hashes.get(0)), "signAlgo", sha256WithRsa)).then().statusCode(200).extract()
                .path("signatures");
        verify(user, documents[0], one.get(0));

        // A hash never authorised gets no SAD; the rest of the authorisation does.
        error(csc(token, "/credentials/extendTransaction", Map.of("credentialID", credential, "SAD", first,
                "hashes", List.of(b64(Sp769Test.sha256(new byte[] {9}))), "hashAlgorithmOID", SHA256)), 400,
                "invalid_request");
        error(csc(token, "/credentials/extendTransaction", Map.of("credentialID", credential, "SAD", first,
                "hashes", List.of(hashes.get(0)), "hashAlgorithmOID", SHA256)), 400, "invalid_request");
        String second = csc(token, "/credentials/extendTransaction", Map.of("credentialID", credential, "SAD", first,
                "hashes", List.of(hashes.get(1)), "hashAlgorithmOID", SHA256)).then().statusCode(200).extract()
                .path("SAD");
        // The new SAD binds only what it was extended for.
        error(csc(token, "/signatures/signHash", Map.of("credentialID", credential, "SAD", second, "hashes",
                List.of(hashes.get(2)), "signAlgo", sha256WithRsa)), 400, "invalid_request");
        List<String> two = csc(token, "/signatures/signHash", Map.of("credentialID", credential, "SAD", second,
                "hashes", List.of(hashes.get(1)), "signAlgo", sha256WithRsa)).then().statusCode(200).extract()
                .path("signatures");
        verify(user, documents[1], two.get(0));
        String third = csc(token, "/credentials/extendTransaction", Map.of("credentialID", credential, "SAD", second))
                .then().statusCode(200).extract().path("SAD");
        // Asynchronously this time: the answer waits for signPolling and is posted to response_uri.
        List<String> posted = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer hook = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/csc-done", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
        try {
            error(csc(token, "/signatures/signHash", Map.of("credentialID", credential, "SAD", third, "hashes",
                    List.of(hashes.get(2)), "signAlgo", sha256WithRsa, "operationMode", "X")), 400, "invalid_request");
            error(csc(token, "/signatures/signHash", Map.of("credentialID", credential, "SAD", third, "hashes",
                    List.of(hashes.get(2)), "signAlgo", sha256WithRsa, "operationMode", "A", "validity_period", 5)),
                    400, "invalid_request");
            String responseId = csc(token, "/signatures/signHash", Map.of("credentialID", credential, "SAD", third,
                    "hashes", List.of(hashes.get(2)), "signAlgo", sha256WithRsa, "operationMode", "A",
                    "response_uri", "http://127.0.0.1:" + hook.getAddress().getPort() + "/csc-done")).then()
                    .statusCode(200).extract().path("responseID");
            List<String> polled = csc(token, "/signatures/signPolling", Map.of("requestID", responseId)).then()
                    .statusCode(200).extract().path("signatures");
            verify(user, documents[2], polled.get(0));
            error(csc(token(Sp769Test.integrator()), "/signatures/signPolling", Map.of("requestID", responseId)), 400,
                    "invalid_request");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !posted.isEmpty());
            assertTrue(posted.get(0).contains("\"responseID\":\"" + responseId + "\""), posted.get(0));
            assertTrue(posted.get(0).contains(polled.get(0)));
        } finally {
            hook.stop(0);
        }
        // Every authorised signature was handed over: nothing more to extend.
        error(csc(token, "/credentials/extendTransaction", Map.of("credentialID", credential, "SAD", third)), 400,
                "invalid_request");
    }

    @Test
    void signDocChecksItsEnvelope() {
        Sp769Test.Integrator sp = Sp769Test.integrator();
        String token = token(sp);
        String credential = UUID.randomUUID().toString();
        Map<String, Object> digest = Map.of("hashes", List.of(b64(new byte[32])), "hashAlgorithmOID", SHA256,
                "signature_format", "P", "conformance_level", "Ades-B-B", "signAlgo", RSA);
        Map<String, Object> document = Map.of("document", b64("%PDF-1.7".getBytes(StandardCharsets.US_ASCII)),
                "signature_format", "P", "signAlgo", RSA);
        error(csc(token, "/signatures/signDoc", Map.of("credentialID", credential, "SAD", "x")), 400,
                "invalid_request");
        JsonPath both = error(csc(token, "/signatures/signDoc", Map.of("credentialID", credential, "SAD", "x",
                "documentDigests", List.of(digest), "documents", List.of(document))), 400, "invalid_request");
        assertTrue(both.getString("error_description").contains("Both documentDigests and documents"));
        JsonPath format = error(csc(token, "/signatures/signDoc", Map.of("credentialID", credential, "SAD", "x",
                "documents", List.of(Map.of("document", b64(new byte[4]), "signature_format", "Z", "signAlgo", RSA)))),
                400, "invalid_request");
        assertEquals("Invalid parameter signature_format", format.getString("error_description"));
        JsonPath envelope = error(csc(token, "/signatures/signDoc", Map.of("credentialID", credential, "SAD", "x",
                "documents", List.of(Map.of("document", b64(new byte[4]), "signature_format", "X",
                        "signed_envelope_property", "Certification", "signAlgo", RSA)))), 400, "invalid_request");
        assertEquals("Invalid parameter signed_envelope_property", envelope.getString("error_description"));
        JsonPath level = error(csc(token, "/signatures/signDoc", Map.of("credentialID", credential, "SAD", "x",
                "documents", List.of(Map.of("document", b64(new byte[4]), "signature_format", "C",
                        "conformance_level", "Ades-B-XL", "signAlgo", RSA)))), 400, "invalid_request");
        assertEquals("Invalid parameter conformance_level", level.getString("error_description"));
        List<String> formats = given().post(BASE + "/info").then().statusCode(200).extract()
                .path("signature_formats.formats");
        assertEquals(List.of("C", "X", "P"), formats);
    }

    @Test
    void signDocReturnsFinishedPadesXadesEinvoiceAndCadesThatOutsideJudgesAccept() throws Exception {
        Sp769Test.Integrator sp = Sp769Test.integrator();
        Sp769Test.User user = Sp769Test.user();
        Sp769Test.allow(sp, user);
        String token = token(sp);
        String credential = user.subscriber().credential().toString();
        byte[] pdf = vn.kyso.testsupport.TestPdfs.onePage("Hop dong 7/2026");
        byte[] invoice = vn.kyso.testsupport.TestDocuments.einvoice();
        byte[] minutes = "Biên bản nghiệm thu".getBytes(StandardCharsets.UTF_8);
        List<String> hashes = List.of(b64(Sp769Test.sha256(pdf)), b64(Sp769Test.sha256(invoice)),
                b64(Sp769Test.sha256(minutes)));
        String handle = csc(token, "/credentials/authorize", Map.of("credentialID", credential, "numSignatures", 3,
                "hashes", hashes, "hashAlgorithmOID", SHA256, "description", "Hợp đồng, hoá đơn, biên bản"))
                .then().statusCode(202).extract().path("handle");
        TransactionTest.approve(user.subscriber(), UUID.fromString(handle), SigningTestSupport.PIN, 200);
        String sad = csc(token, "/credentials/authorizeCheck", Map.of("handle", handle)).then().statusCode(200)
                .extract().path("SAD");
        Map<String, Object> pades = Map.of("document", b64(pdf), "signature_format", "P", "conformance_level",
                "Ades-B-T", "signAlgo", RSA, "signed_props", List.of(Map.of("attribute_name", "reason",
                        "attribute_value", "Đồng ý hợp đồng")));
        Map<String, Object> einvoice = Map.of("document", b64(invoice), "signature_format", "X",
                "conformance_level", "Ades-B-T", "signAlgo", RSA, "signed_envelope_property", "Enveloped",
                "signed_props", List.of(Map.of("attribute_name", "einvoice", "attribute_value", "true")));
        Map<String, Object> cades = Map.of("document", b64(minutes), "signature_format", "C", "signAlgo", RSA,
                "signed_envelope_property", "Detached");
        // A document the SAD does not name is refused and spends nothing.
        error(csc(token, "/signatures/signDoc", Map.of("credentialID", credential, "SAD", sad, "documents", List.of(
                Map.of("document", b64("khác".getBytes(StandardCharsets.UTF_8)), "signature_format", "C",
                        "signAlgo", RSA)))), 400, "invalid_request");
        JsonPath signed = csc(token, "/signatures/signDoc", Map.of("credentialID", credential, "SAD", sad,
                "documents", List.of(pades, einvoice, cades), "returnValidationInfo", true)).then().statusCode(200)
                .extract().jsonPath();
        // returnValidationInfo: the signer's certificate among those the signatures rely on; B-T fetched no OCSP/CRL.
        assertTrue(signed.getList("validationInfo.certificates", String.class).contains(Base64.getEncoder()
                .encodeToString(user.certificate().getEncoded())), signed.prettify());
        assertEquals(List.of(), signed.getList("validationInfo.ocsp"));
        List<String> withSignature = signed.getList("DocumentWithSignature");
        List<String> objects = signed.getList("SignatureObject");
        assertEquals(2, withSignature.size());
        assertEquals(1, objects.size());
        java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "signdoc",
                handle));
        byte[] signedPdf = Base64.getDecoder().decode(withSignature.get(0));
        vn.kyso.testsupport.Judges.Verdict pdfsig = vn.kyso.testsupport.Judges.pdfsig(dir, signedPdf);
        assertTrue(pdfsig.output().contains("Signature Validation: Signature is Valid."), pdfsig.output());
        assertTrue(pdfsig.output().contains("Total document signed"), pdfsig.output());
        assertTrue(pdfsig.output().contains("Đồng ý hợp đồng") || new String(signedPdf, StandardCharsets.ISO_8859_1)
                .contains("/Reason"), "the reason asked for is in the signature dictionary");
        assertTrue(new String(signedPdf, StandardCharsets.ISO_8859_1).contains("/ETSI.CAdES.detached"));
        String xml = new String(Base64.getDecoder().decode(withSignature.get(1)), StandardCharsets.UTF_8);
        assertTrue(xml.contains("<NBan><ds:Signature"), "the seller's signature is in DSCKS/NBan");
        assertTrue(xml.contains(":SignatureTimeStamp"), "B-T");
        vn.kyso.testsupport.Judges.Verdict xmlsec = vn.kyso.testsupport.Judges.xmlsec1(dir, xml.getBytes(
                StandardCharsets.UTF_8), null, List.of("DLHDon", "http://uri.etsi.org/01903/v1.3.2#:SignedProperties"));
        assertTrue(xmlsec.ok(), xmlsec.output());
        vn.kyso.testsupport.Judges.Verdict cms = vn.kyso.testsupport.Judges.opensslCms(dir, Base64.getDecoder()
                .decode(objects.get(0)), minutes, null);
        assertTrue(cms.ok(), cms.output());
        // Certificates: the signer's certificate in the CMS is the credential's.
        assertTrue(cms.ok() && new org.bouncycastle.cms.CMSSignedData(Base64.getDecoder().decode(objects.get(0)))
                .getCertificates().getMatches(null).stream().anyMatch(h -> {
                    try {
                        return java.util.Arrays.equals(((org.bouncycastle.cert.X509CertificateHolder) h).getEncoded(),
                                user.certificate().getEncoded());
                    } catch (Exception e) {
                        return false;
                    }
                }));
        // Kyso's own validation: each signature is found, intact and time-stamped; these tests' certificates are
        // self-signed end-entity certificates, and a certificate that is no CA never anchors a chain, so none ends in
        // a trust anchor (DocumentsIT sees TOTAL_PASSED against the real CA's root).
        for (Map<String, Object> validation : List.of(Map.<String, Object>of("document", withSignature.get(0)),
                Map.<String, Object>of("document", withSignature.get(1)), Map.<String, Object>of("document",
                        objects.get(0), "detachedContents", List.of(Map.of("content", b64(minutes), "name",
                                "bien-ban.txt"))))) {
            JsonPath outcome = given().header("X-Forwarded-For", "198.51.100.77").contentType(ContentType.JSON)
                    .body(validation).post("/api/v1/validations").then().statusCode(200).extract().jsonPath();
            assertEquals(1, outcome.getInt("signaturesCount"), outcome.prettify());
            assertEquals("INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND", outcome.getString("signatures[0].indication")
                    + "/" + outcome.getString("signatures[0].subIndication"), outcome.prettify());
            assertEquals("Trần Văn Bình", outcome.getString("signatures[0].signedBy"), outcome.prettify());
            assertTrue(outcome.getList("signatures[0].errors", String.class).stream().noneMatch(e -> e.contains(
                    "intact")), "the signature itself is intact: " + outcome.prettify());
        }
        // The SAD is spent.
        error(csc(token, "/signatures/signDoc", Map.of("credentialID", credential, "SAD", sad, "documents",
                List.of(cades))), 400, "invalid_request");
        given().auth().oauth2(user.subscriber().token()).get("/api/v1/transactions/" + handle).then()
                .body("status", org.hamcrest.Matchers.equalTo("SIGNED"));
    }

    @Test
    void aDocumentPastTheLimitIsRefusedWith413() {
        Sp769Test.Integrator sp = Sp769Test.integrator();
        String token = token(sp);
        byte[] big = new byte[8 * 1024 * 1024 + 1];
        JsonPath tooLarge = error(csc(token, "/signatures/signDoc", Map.of("credentialID", UUID.randomUUID()
                .toString(), "SAD", "x", "documents", List.of(Map.of("document", b64(big), "signature_format", "C",
                        "signAlgo", RSA)))), 413, "invalid_request");
        assertTrue(tooLarge.getString("error_description").contains("8 MiB"), "the limit is said");
    }

    private static void verify(Sp769Test.User user, byte[] document, String signature) throws Exception {
        Signature jca = Signature.getInstance("SHA256withRSA");
        jca.initVerify(user.certificate().getPublicKey());
        jca.update(document);
        assertTrue(jca.verify(Base64.getDecoder().decode(signature)));
    }
}
