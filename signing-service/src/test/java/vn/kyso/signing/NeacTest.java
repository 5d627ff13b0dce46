package vn.kyso.signing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import vn.kyso.signing.crypto.TestTsa;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SealingKeysTestResource;

/**
 * The NEAC profile as its public client speaks it ({@code contracts/neac.md}, with its test vectors): array
 * certificate lists, hex or base64 digests, the synchronous hold, idempotent re-posts, and the error body.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "signing"))
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(AccountLoginStub.class)
@WithTestResource(TestTsa.class)
@WithTestResource(SealingKeysTestResource.class)
class NeacTest {

    @jakarta.inject.Inject
    vn.kyso.commons.delivery.DeliveryRepository deliveries;

    static final String BASE = "/neac/v1";
    /** SHA-256("kyso-neac-vector-1"), as base64; and SHA-256("kyso-neac-vector-2"), as hex (contract §8). */
    static final String D1_BASE64 = "/ns0sLtX1KMZ/Uh8rOU8zi+8lmimCnu16GMGdemqAGw=";
    static final String D2_HEX = "11bb109f1413f86e9b6e67474350772f1df2faa5cc9ae76fbebad6c4e3041db6";
    /** NeacTest's asynchronous SP (kyso.signing.neac.sp-sign-mode in the test config). */
    static final UUID ASYNC_SP = UUID.fromString("a5ac0000-0000-4000-8000-00000000a5ac");

    @Test
    void certificatesComeAsAnArrayAndErrorsInTheProfilesBody() throws Exception {
        Sp769Test.Integrator sp = Sp769Test.integrator();
        Sp769Test.User user = Sp769Test.user();
        Sp769Test.allow(sp, user);
        Map<String, Object> body = new HashMap<>(Map.of("sp_id", sp.spId(), "sp_password", sp.password(),
                "user_id", user.identifier(), "transaction_id", "5b0c3a52-6a43-4a8e-9d51-0f2f3c7e1a10"));
        // Built as the public client builds it: base + "/get_certificate", here with a base that ends in a slash,
        // sent as OkHttp sends it (a literal "//"; REST Assured would encode it).
        java.net.http.HttpResponse<String> ok = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                        + io.restassured.RestAssured.port + BASE + "//get_certificate"))
                        .header("Content-Type", "application/json; charset=utf-8")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("application/json; charset=utf-8", ok.headers().firstValue("Content-Type").orElse(null));
        JsonPath cert = new JsonPath(ok.body());
        assertEquals(200, cert.getInt("status_code"));
        assertEquals("SUCCESS", cert.getString("message"));
        assertEquals("5b0c3a52-6a43-4a8e-9d51-0f2f3c7e1a10", cert.getString("transaction_id"));
        assertEquals(1, cert.getList("data").size(), "data is an array");
        String serial = user.certificate().getSerialNumber().toString(16);
        assertEquals(serial, cert.getString("data[0].serial_number"), "lower-case hex");
        assertTrue(cert.getList("data[0].chain_data") instanceof List, "chain_data is an array");
        assertEquals(java.util.Base64.getEncoder().encodeToString(user.certificate().getEncoded()),
                cert.getString("data[0].cert_data"));

        body.put("serial_number", "00" + serial.toUpperCase());
        assertEquals(1, call("/get_certificate", body, 200).getList("data").size(), "a serial ignores case and zeros");
        body.put("serial_number", "ab");
        assertError(call("/get_certificate", body, 404), 404, "NOT_FOUND");
        body.remove("serial_number");
        body.put("user_id", "000000000000");
        assertError(call("/get_certificate", body, 404), 404, "NOT_FOUND");
        body.put("sp_password", "wrong");
        assertError(call("/get_certificate", body, 401), 401, "SP_CREDENTIAL_INVALID");
        Response get = given().get(BASE + "/get_certificate");
        get.then().statusCode(405).contentType("application/json; charset=utf-8");
        assertError(get.jsonPath(), 405, "METHOD_NOT_ALLOWED");
        Response notJson = given().contentType("text/plain").body("{not json").post(BASE + "/sign");
        notJson.then().statusCode(400);
        assertError(notJson.jsonPath(), 400, "BAD_REQUEST");
    }

    @Test
    void aSynchronousSignHoldsUntilTheSubscriberApprovesAndARepostJoinsIt() throws Exception {
        Sp769Test.Integrator sp = Sp769Test.integrator();
        Sp769Test.User user = Sp769Test.user();
        String id = "c2f1e0d9-" + UUID.randomUUID();
        Map<String, Object> body = signBody(sp, user, id);
        CompletableFuture<Response> held = CompletableFuture.supplyAsync(() -> given()
                .contentType("application/json; charset=utf-8").body(body).post(BASE + "/sign"));
        UUID tx = pending(user);
        TransactionTest.approve(user.subscriber(), tx, SigningTestSupport.PIN, 200);
        Response answer = held.get();
        answer.then().statusCode(200).contentType("application/json; charset=utf-8");
        JsonPath signed = answer.jsonPath();
        assertEquals("SUCCESS", signed.getString("message"));
        assertEquals(id, signed.getString("data.transaction_id"));
        assertEquals("SIGNED", signed.getString("data.status"));
        assertEquals(List.of("HS-2026-0001 to khai", "HS-2026-0001 phu luc"), signed.getList("data.signed_files.doc_id"));
        assertTrue(signed.getString("data.signed_files[0].timestamp_signature").matches("\\d{14}Z"));
        verify(user, signed.getString("data.signed_files[0].signature_value"), "kyso-neac-vector-1");
        verify(user, signed.getString("data.signed_files[1].signature_value"), "kyso-neac-vector-2");

        // The client's failover re-posts the same bytes: the same transaction, no second prompt.
        JsonPath again = call("/sign", body, 200);
        assertEquals(signed.getList("data.signed_files.signature_value"),
                again.getList("data.signed_files.signature_value"));
        assertEquals(1, given().auth().oauth2(user.subscriber().token()).get("/api/v1/transactions").jsonPath()
                .getList("findAll { it.description.contains('HS-2026-0001') }").size(), "one transaction");
        // The same key with other content is not a failover.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> files = (List<Map<String, Object>>) body.get("sign_files");
        files.get(1).put("data_to_be_signed", D2_HEX.replace('1', '2'));
        assertError(call("/sign", body, 400), 400, "DUPLICATE_TRANSACTION_ID");
    }

    @Test
    void aRefusalEndsTheHoldWith409AndAnUnansweredOneIsPendingForTheStatusCall() throws Exception {
        Sp769Test.Integrator sp = Sp769Test.integrator();
        Sp769Test.User user = Sp769Test.user();
        Map<String, Object> refused = signBody(sp, user, "REF-" + UUID.randomUUID());
        CompletableFuture<Response> held = CompletableFuture.supplyAsync(() -> given()
                .contentType("application/json").body(refused).post(BASE + "/sign"));
        reject(user.subscriber(), pending(user));
        Response rejected = held.get();
        rejected.then().statusCode(409);
        assertError(rejected.jsonPath(), 409, "SIGN_REJECTED");

        // Nobody answers within the hold (4 s in tests): pending, then the status call, with credentials.
        String id = "PEND-" + UUID.randomUUID();
        JsonPath waiting = call("/sign", signBody(sp, user, id), 200);
        assertEquals("sig_wait_for_user_confirm", waiting.getString("message"));
        assertEquals("PENDING", waiting.getString("data.status"));
        assertNull(waiting.get("data.signed_files"));
        assertTrue(waiting.getInt("data.expired_in") > 250);
        Map<String, Object> status = Map.of("sp_id", sp.spId(), "sp_password", sp.password(), "transaction_id", id);
        assertEquals("PENDING", call("/sign/status", status, 200).getString("data.status"));
        Sp769Test.Integrator other = Sp769Test.integrator();
        assertError(call("/sign/status", Map.of("sp_id", other.spId(), "sp_password", other.password(),
                "transaction_id", id), 404), 404, "NOT_FOUND");
        TransactionTest.approve(user.subscriber(), pending(user), SigningTestSupport.PIN, 200);
        JsonPath done = call("/sign/status", status, 200);
        assertEquals("SUCCESS", done.getString("message"));
        verify(user, done.getString("data.signed_files[0].signature_value"), "kyso-neac-vector-1");
    }

    @Test
    void anAsynchronousSpIsAnsweredAtOnceAndDigestsAreCheckedBeforeAnythingIsStored() throws Exception {
        Sp769Test.Integrator sp = Sp769Test.integrator(ASYNC_SP, null);
        Sp769Test.User user = Sp769Test.user();
        long started = System.nanoTime();
        JsonPath at = call("/sign", signBody(sp, user, "ASYNC-" + UUID.randomUUID()), 200);
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 4, "not held");
        assertEquals("sig_wait_for_user_confirm", at.getString("message"));

        // Too short; 63 characters (neither hex of a digest nor base64); base64 of 3 bytes; empty.
        for (String bad : new String[] {"abcd", D2_HEX.substring(1), "AAAA", ""}) {
            Map<String, Object> body = signBody(sp, user, "BAD-" + UUID.randomUUID());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> files = (List<Map<String, Object>>) body.get("sign_files");
            files.get(0).put("data_to_be_signed", bad);
            assertError(call("/sign", body, 400), 400, "BAD_REQUEST");
        }
        Map<String, Object> whole = signBody(sp, user, "FILE-" + UUID.randomUUID());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> files = (List<Map<String, Object>>) whole.get("sign_files");
        files.get(1).put("file_options", Map.of("file_type", "pdf", "sign_type", "file"));
        assertError(call("/sign", whole, 400), 400, "BAD_REQUEST");
        Map<String, Object> noId = signBody(sp, user, null);
        assertError(call("/sign", noId, 400), 400, "BAD_REQUEST");
    }

    /**
     * The webhook goes where the result was not in the answer: an asynchronous SP gets it, a synchronous SP whose held
     * {@code /sign} carried the result does not (the queued delivery is withdrawn, kept as CANCELLED).
     */
    @Test
    void theWebhookCarriesResultsTheAnswerDidNot() throws Exception {
        List<String[]> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/neac-hook", ex -> {
            received.add(new String[] {ex.getRequestURI().getQuery(), ex.getRequestHeaders().getFirst(
                    "X-Kyso-Signature"), new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        try {
            String hook = "http://127.0.0.1:" + server.getAddress().getPort() + "/neac-hook";
            Sp769Test.Integrator async = Sp769Test.integrator(ASYNC_SP, hook + "?async");
            Sp769Test.User user = Sp769Test.user();
            String id = "WH-" + UUID.randomUUID();
            call("/sign", signBody(async, user, id), 200);
            TransactionTest.approve(user.subscriber(), pending(user), SigningTestSupport.PIN, 200);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !received.isEmpty());
            JsonPath hookBody = new JsonPath(received.get(0)[2]);
            assertEquals(async.spId(), hookBody.getString("sp_id"));
            assertEquals(200, hookBody.getInt("status_code"));
            assertEquals("SUCCESS", hookBody.getString("message"));
            assertEquals(id, hookBody.getString("transaction_id"));
            assertEquals(2, hookBody.getList("signed_files").size(), "the flat copy");
            assertEquals("SIGNED", hookBody.getString("data.status"));
            assertEquals(hookBody.getList("signed_files"), hookBody.getList("data.signed_files"));
            assertTrue(received.get(0)[1].matches("t=\\d+,kid=[A-Za-z0-9_-]{43},ed25519=[A-Za-z0-9_-]{86}"),
                    received.get(0)[1]);

            Sp769Test.Integrator sync = Sp769Test.integrator(hook + "?sync");
            Sp769Test.User other = Sp769Test.user();
            Map<String, Object> body = signBody(sync, other, "WH-SYNC-" + UUID.randomUUID());
            CompletableFuture<Response> held = CompletableFuture.supplyAsync(() -> given()
                    .contentType("application/json").body(body).post(BASE + "/sign"));
            UUID tx = pending(other);
            TransactionTest.approve(other.subscriber(), tx, SigningTestSupport.PIN, 200);
            assertEquals("SUCCESS", held.get().jsonPath().getString("message"), "the result is in the answer");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "CANCELLED".equals(deliveryStatus(tx)));
            Awaitility.await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                    .until(() -> received.stream().noneMatch(r -> "sync".equals(r[0])));
        } finally {
            server.stop(0);
        }
    }

    private String deliveryStatus(UUID transaction) {
        var rows = vn.kyso.testsupport.InSession.await(() -> deliveries.about(transaction.toString()));
        return rows.isEmpty() ? null : rows.get(0).status.name();
    }

    private static void reject(TransactionTest.Subscriber s, UUID tx) {
        String challenge = given().auth().oauth2(s.token()).get("/api/v1/transactions/" + tx).then().statusCode(200)
                .extract().path("challenge");
        given().auth().oauth2(s.token()).contentType(io.restassured.http.ContentType.JSON).body(Map.of("challenge",
                challenge, "deviceSignature", s.device().sign(challenge)))
                .post("/api/v1/transactions/" + tx + "/reject").then().statusCode(200);
    }

    private static Map<String, Object> signBody(Sp769Test.Integrator sp, Sp769Test.User user, String id) {
        Map<String, Object> body = new HashMap<>();
        body.put("sp_id", sp.spId());
        body.put("sp_password", sp.password());
        body.put("user_id", user.identifier());
        if (id != null) {
            body.put("transaction_id", id);
        }
        body.put("time_stamp", "20261204072955123456Z");
        body.put("sign_files", new java.util.ArrayList<>(List.of(
                new HashMap<>(Map.of("data_to_be_signed", D1_BASE64, "doc_id", "HS-2026-0001 to khai")),
                new HashMap<>(Map.of("data_to_be_signed", D2_HEX, "doc_id", "HS-2026-0001 phu luc",
                        "file_options", Map.of("file_type", "pdf", "sign_type", "hash"))))));
        return body;
    }

    /** The subscriber's pending transaction, once the request made it. */
    private static UUID pending(Sp769Test.User user) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given().auth()
                .oauth2(user.subscriber().token()).get("/api/v1/transactions?status=PENDING").jsonPath()
                .getList("id", String.class), ids -> !ids.isEmpty()).stream().map(UUID::fromString).findFirst()
                .orElseThrow();
    }

    private static void verify(Sp769Test.User user, String signature, String preimage) throws Exception {
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(user.certificate().getPublicKey());
        rsa.update(preimage.getBytes(StandardCharsets.UTF_8));
        assertTrue(rsa.verify(java.util.Base64.getDecoder().decode(signature)), preimage);
    }

    private static JsonPath call(String path, Object body, int status) {
        Response response = given().contentType("application/json; charset=utf-8").body(body).post(BASE + path);
        response.then().statusCode(status).contentType("application/json; charset=utf-8");
        JsonPath json = response.jsonPath();
        assertEquals(status, json.getInt("status_code"), "status_code equals the HTTP status");
        return json;
    }

    private static void assertError(JsonPath error, int status, String message) {
        assertEquals(status, error.getInt("status_code"));
        assertEquals(status, error.getInt("code"), "the public client reads code");
        assertEquals(message, error.getString("message"));
        assertFalse(error.getMap("$").isEmpty());
        assertTrue(error.getMap("$").containsKey("data") && error.get("data") == null);
    }
}
