package vn.kyso.signing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import vn.kyso.events.EventTypes;
import vn.kyso.events.account.AccountCreated;
import vn.kyso.events.certificate.CertificateIssued;
import vn.kyso.events.serviceprovider.ServiceProviderRegistered;
import vn.kyso.events.serviceprovider.ServiceProviderSecretRotated;
import vn.kyso.signing.crypto.TestDevice;
import vn.kyso.signing.crypto.TestTsa;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.Openssl;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SealingKeysTestResource;
import vn.kyso.testsupport.TestEvents;

/**
 * An integrator written from {@code contracts/sp769.md} alone: certificate lookup, a 3-document batch approved by the
 * subscriber, status by either id with any body, signatures checked with JCA and {@code openssl pkeyutl}, and the
 * contract's error envelope.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "signing"))
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(AccountLoginStub.class)
@WithTestResource(TestTsa.class)
@WithTestResource(SealingKeysTestResource.class)
class Sp769Test {

    static final String BASE = "/sca/sp769";

    record Integrator(String spId, String password) {
    }

    record User(TransactionTest.Subscriber subscriber, String identifier, X509Certificate certificate) {
    }

    static Integrator integrator() {
        return integrator(null);
    }

    static Integrator integrator(String webhookUrl) {
        return integrator(UUID.randomUUID(), webhookUrl);
    }

    static Integrator integrator(UUID spId, String webhookUrl) {
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(UUID.randomUUID().toString()
                .getBytes(StandardCharsets.US_ASCII));
        TestEvents.publish(EventTypes.SERVICE_PROVIDER_REGISTERED, spId, new ServiceProviderRegistered(spId,
                "Hóa đơn điện tử ABC", webhookUrl, HexFormat.of().formatHex(sha256(secret.getBytes(StandardCharsets.UTF_8))),
                Instant.now()));
        Integrator sp = new Integrator(spId.toString(), secret);
        // Polled where credentials count nothing (a poll before the registration arrives is not a guess): the status
        // call answers 401 for an SP it does not know yet, 404 for an unknown transaction of one it knows.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> call("/v1/signatures/sign/" + UUID.randomUUID()
                + "/status", Map.of("sp_id", sp.spId(), "sp_password", sp.password())).statusCode() == 404);
        return sp;
    }

    static User user() throws Exception {
        UUID account = UUID.randomUUID();
        String identifier = String.format("%012d", Math.floorMod(account.getLeastSignificantBits(), 1_000_000_000_000L));
        TestEvents.publish(EventTypes.ACCOUNT_CREATED, account, new AccountCreated(account, identifier, "CCCD",
                "Trần Văn Bình", "binh@example.vn", "+84912345678", "Hà Nội", "Cầu Giấy", "UNACTIVATED",
                Instant.now()));
        String token = SigningTestSupport.subscriber(account);
        TestDevice device = new TestDevice();
        UUID credential = SigningTestSupport.create(token, device);
        PublicKey key = TestDevice.csrKey(SigningTestSupport.awaitKeyPair(credential, 1).csr());
        BigInteger serial = new BigInteger(64, new java.security.SecureRandom()).setBit(63);
        String hex = serial.toString(16).toUpperCase();
        var subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "VN").addRDN(BCStyle.CN, "Trần Văn Bình")
                .addRDN(BCStyle.UID, "CCCD:" + identifier).build();
        String der = TestDevice.certificateFor(key, serial, subject);
        TestEvents.publish(EventTypes.CERTIFICATE_ISSUED, hex, new CertificateIssued(account, credential, hex, der,
                List.of(der, der), Instant.now(), Instant.now().plusSeconds(3600), Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "ACTIVE".equals(given().auth().oauth2(token)
                .get("/api/v1/credentials/" + credential).then().extract().path("status")));
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(der)));
        // The account's identifier reaches the integrator look-up through kyso.account.events, another topic than
        // the certificate's: wait for it too, or a request in the next line may meet "Unknown user_id".
        Integrator probe = integrator();
        allow(probe, token);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !call("/v1/credentials/get_certificate",
                Map.of("sp_id", probe.spId(), "sp_password", probe.password(), "user_id", identifier,
                        "serial_number", "", "transaction_id", "PROBE-" + UUID.randomUUID())).jsonPath()
                .getList("data.user_certificates").isEmpty());
        return new User(new TransactionTest.Subscriber(account, token, device, credential, key), identifier,
                certificate);
    }

    /** The subscriber allows the integrator (issue 21 §4: look-ups answer only for subscribers who allowed it). */
    static void allow(Integrator sp, User user) {
        allow(sp, user.subscriber().token());
    }

    static void allow(Integrator sp, String token) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("decision", "ALLOWED"))
                .put("/api/v1/integrators/" + sp.spId() + "/consent").then().statusCode(200);
    }

    static Response call(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).post(BASE + path);
    }

    static JsonPath expect(Response response, int status) {
        response.then().statusCode(status).contentType(ContentType.JSON);
        JsonPath json = response.jsonPath();
        assertEquals(status, json.getInt("status_code"), "status_code equals the HTTP status");
        return json;
    }

    static Map<String, Object> signRequest(Integrator sp, User user, String transactionId, List<byte[]> documents) {
        List<Map<String, Object>> files = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            files.add(Map.of("data_to_be_signed", HexFormat.of().formatHex(sha256(documents.get(i))), "doc_id",
                    "HD-" + (i + 1), "file_type", "pdf", "sign_type", "hash"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sp_id", sp.spId());
        body.put("sp_password", sp.password());
        body.put("user_id", user.identifier());
        body.put("transaction_id", transactionId);
        body.put("transaction_desc", "Ký 3 hóa đơn tháng 11");
        body.put("serial_number", "");
        body.put("time_stamp", "20261127063000Z");
        body.put("sign_files", files);
        body.put("unknown_field_from_some_client", true);
        return body;
    }

    @Test
    void anIntegratorLooksUpTheCertificateAndGetsABatchSignedOnceTheSubscriberApproves(@org.junit.jupiter.api.io.TempDir
            Path dir) throws Exception {
        Integrator sp = integrator();
        User user = user();
        allow(sp, user);
        JsonPath certs = expect(call("/v1/credentials/get_certificate", Map.of("sp_id", sp.spId(), "sp_password",
                sp.password(), "user_id", user.identifier(), "serial_number", "", "transaction_id", "SP-LOOKUP-1")),
                200);
        assertEquals("SUCCESS", certs.getString("message"));
        assertEquals("VALID", certs.getString("data.user_certificates[0].cert_status_code"));
        assertEquals(user.certificate().getSerialNumber().toString(16),
                certs.getString("data.user_certificates[0].serial_number"));
        assertTrue(certs.getString("data.user_certificates[0].cert_subject").contains("UID=CCCD:" + user.identifier()),
                certs.getString("data.user_certificates[0].cert_subject"));
        assertTrue(certs.getString("data.user_certificates[0].cert_valid_to").endsWith("Z"));
        assertEquals(Base64.getEncoder().encodeToString(user.certificate().getEncoded()),
                certs.getString("data.user_certificates[0].cert_data"));
        assertNotNull(certs.getString("data.user_certificates[0].chain_data.ca_cert"));
        assertEquals("SP-LOOKUP-1", certs.getString("data.user_certificates[0].transaction_id"));

        List<byte[]> documents = List.of("hóa đơn 1".getBytes(StandardCharsets.UTF_8),
                "hóa đơn 2".getBytes(StandardCharsets.UTF_8), "hóa đơn 3".getBytes(StandardCharsets.UTF_8));
        String spTx = "SP-TX-" + UUID.randomUUID();
        JsonPath waiting = expect(call("/v1/signatures/sign", signRequest(sp, user, spTx, documents)), 200);
        assertEquals("sig_wait_for_user_confirm", waiting.getString("message"));
        assertEquals(spTx, waiting.getString("data.transaction_id"));
        String tranCode = waiting.getString("data.tran_code");
        assertTrue(waiting.getInt("data.expired_in") > 290);

        JsonPath pending = expect(given().post(BASE + "/v1/signatures/sign/" + tranCode + "/status"), 200);
        assertEquals("sig_wait_for_user_confirm", pending.getString("message"));
        assertEquals("PENDING", pending.getString("data.status"));
        assertTrue(pending.getInt("data.expired_in") > 0);
        assertNull(pending.get("data.signatures"));

        TransactionTest.approve(user.subscriber(), UUID.fromString(tranCode), SigningTestSupport.PIN, 200);

        for (Object body : List.of("", "{}", Map.of("sp_id", sp.spId(), "sp_password", sp.password()))) {
            String id = body instanceof Map ? spTx : tranCode;
            var request = given();
            if (!"".equals(body)) {
                request = request.contentType(ContentType.JSON).body(body);
            }
            JsonPath done = expect(request.post(BASE + "/v1/signatures/sign/" + id + "/status"), 200);
            assertEquals("SUCCESS", done.getString("message"));
            assertEquals("SIGNED", done.getString("data.status"));
            assertEquals(spTx, done.getString("data.transaction_id"));
            List<Map<String, Object>> signatures = done.getList("data.signatures");
            assertEquals(3, signatures.size());
            for (Map<String, Object> s : signatures) {
                int index = Integer.parseInt(((String) s.get("doc_id")).substring(3)) - 1;
                byte[] value = Base64.getDecoder().decode((String) s.get("signature_value"));
                Signature jca = Signature.getInstance("SHA256withRSA");
                jca.initVerify(user.certificate().getPublicKey());
                jca.update(documents.get(index));
                assertTrue(jca.verify(value), "JCA verifies " + s.get("doc_id"));
                assertNull(s.get("timestamp_signature"));
            }
        }
        // openssl, from the certificate the integrator received: pkeyutl over the digest with PKCS#1 v1.5 + SHA-256.
        Files.write(dir.resolve("cert.der"), user.certificate().getEncoded());
        Openssl.run("x509", "-inform", "DER", "-in", dir.resolve("cert.der").toString(), "-pubkey", "-noout", "-out",
                dir.resolve("pub.pem").toString());
        JsonPath done = expect(given().post(BASE + "/v1/signatures/sign/" + tranCode + "/status"), 200);
        for (int i = 0; i < 3; i++) {
            Files.write(dir.resolve("digest" + i), sha256(documents.get(i)));
            Files.write(dir.resolve("sig" + i), Base64.getDecoder().decode(done.getString(
                    "data.signatures.find { it.doc_id == 'HD-" + (i + 1) + "' }.signature_value")));
            Openssl.Result verified = Openssl.run("pkeyutl", "-verify", "-pubin", "-inkey",
                    dir.resolve("pub.pem").toString(), "-in", dir.resolve("digest" + i).toString(), "-sigfile",
                    dir.resolve("sig" + i).toString(), "-pkeyopt", "digest:sha256");
            assertTrue(verified.ok() && verified.output().contains("Signature Verified Successfully"),
                    verified.output());
        }
        // The same SP transaction_id again is the same transaction, not a second request, and says it is done.
        JsonPath again = expect(call("/v1/signatures/sign", signRequest(sp, user, spTx, documents)), 200);
        assertEquals(tranCode, again.getString("data.tran_code"));
        assertEquals("SUCCESS", again.getString("message"));
        assertEquals(0, again.getInt("data.expired_in"));
        assertEquals(done.getList("data.signatures"), again.getList("data.signatures"));
    }

    @Test
    void askedForItEachSignatureComesWithAnRfc3161TokenOverItThatOpensslVerifies(@org.junit.jupiter.api.io.TempDir
            Path dir) throws Exception {
        Integrator sp = integrator();
        User user = user();
        List<byte[]> documents = List.of("hóa đơn có dấu thời gian".getBytes(StandardCharsets.UTF_8));
        String spTx = "SP-TS-" + UUID.randomUUID();
        Map<String, Object> request = signRequest(sp, user, spTx, documents);
        request.put("timestamp_signature", true);
        String tranCode = expect(call("/v1/signatures/sign", request), 200).getString("data.tran_code");
        TransactionTest.approve(user.subscriber(), UUID.fromString(tranCode), SigningTestSupport.PIN, 200);
        JsonPath done = expect(given().post(BASE + "/v1/signatures/sign/" + tranCode + "/status"), 200);
        byte[] signature = Base64.getDecoder().decode(done.getString("data.signatures[0].signature_value"));
        byte[] token = Base64.getDecoder().decode(done.getString("data.signatures[0].timestamp_signature"));
        // The token is over the signature value, as a CAdES signature-time-stamp is: an integrator adds it as the
        // unsigned attribute id-aa-signatureTimeStampToken and has B-T.
        var tst = new org.bouncycastle.tsp.TimeStampToken(new org.bouncycastle.cms.CMSSignedData(token));
        assertTrue(java.util.Arrays.equals(sha256(signature), tst.getTimeStampInfo().getMessageImprintDigest()));
        assertEquals("2.16.840.1.101.3.4.2.1", tst.getTimeStampInfo().getMessageImprintAlgOID().getId());
        Files.write(dir.resolve("token.der"), token);
        Files.write(dir.resolve("signature.bin"), signature);
        Files.writeString(dir.resolve("tsa.pem"), "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder()
                .encodeToString(vn.kyso.signing.crypto.TestTsa.certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n");
        Openssl.Result verified = Openssl.run("ts", "-verify", "-in", dir.resolve("token.der").toString(),
                "-token_in", "-data", dir.resolve("signature.bin").toString(), "-CAfile", dir.resolve("tsa.pem")
                        .toString());
        assertTrue(verified.ok() && verified.output().contains("Verification: OK"), verified.output());
    }

    @Test
    void aRejectedRequestSaysRejectedAndBadCallsGetTheContractsEnvelope() throws Exception {
        Integrator sp = integrator();
        User user = user();
        String spTx = "SP-TX-" + UUID.randomUUID();
        String tranCode = expect(call("/v1/signatures/sign", signRequest(sp, user, spTx, List.of(new byte[] {1}))),
                200).getString("data.tran_code");
        String challenge = given().auth().oauth2(user.subscriber().token()).get("/api/v1/transactions/" + tranCode)
                .then().extract().path("challenge");
        given().auth().oauth2(user.subscriber().token()).contentType(ContentType.JSON).body(Map.of("challenge",
                challenge, "deviceSignature", user.subscriber().device().sign(challenge)))
                .post("/api/v1/transactions/" + tranCode + "/reject").then().statusCode(200);
        JsonPath rejected = expect(given().contentType(ContentType.JSON).body("{}")
                .post(BASE + "/v1/signatures/sign/" + spTx + "/status"), 200);
        assertEquals("REJECTED", rejected.getString("message"));
        assertEquals("REJECTED", rejected.getString("data.status"));
        assertNull(rejected.get("data.signatures"));
        // Signing again with the finished transaction's id answers its final state, not "waiting" with time left.
        JsonPath again = expect(call("/v1/signatures/sign", signRequest(sp, user, spTx, List.of(new byte[] {1}))), 200);
        assertEquals("REJECTED", again.getString("message"));
        assertEquals("REJECTED", again.getString("data.status"));
        assertEquals(0, again.getInt("data.expired_in"));
        assertEquals(tranCode, again.getString("data.tran_code"));

        Map<String, Object> wrongPassword = signRequest(sp, user, "x", List.of(new byte[] {2}));
        wrongPassword.put("sp_password", "wrong");
        assertEquals("SP_CREDENTIAL_INVALID", expect(call("/v1/signatures/sign", wrongPassword), 401)
                .getString("message"));
        Map<String, Object> unknownSp = signRequest(sp, user, "x", List.of(new byte[] {2}));
        unknownSp.put("sp_id", UUID.randomUUID().toString());
        expect(call("/v1/credentials/get_certificate", unknownSp), 401);
        Map<String, Object> unknownUser = signRequest(sp, user, "x", List.of(new byte[] {2}));
        unknownUser.put("user_id", "999999999999");
        expect(call("/v1/signatures/sign", unknownUser), 401);
        Map<String, Object> badDigest = signRequest(sp, user, "y", List.of(new byte[] {2}));
        badDigest.put("sign_files", List.of(Map.of("data_to_be_signed", "abc", "doc_id", "1")));
        expect(call("/v1/signatures/sign", badDigest), 400);
        Map<String, Object> otherSerial = signRequest(sp, user, "z", List.of(new byte[] {2}));
        otherSerial.put("serial_number", "0abc");
        expect(call("/v1/signatures/sign", otherSerial), 403);
        expect(given().contentType(ContentType.JSON).body("{not json").post(BASE + "/v1/signatures/sign"), 400);
        // What the approval screen shows must read as what it is: a right-to-left override turns "…\u202Egpj.exe"
        // into "…exe.jpg" on screen; zero-width and control characters hide text. Refused, nothing created.
        Map<String, Object> bidi = signRequest(sp, user, "bidi-" + UUID.randomUUID(), List.of(new byte[] {3}));
        bidi.put("transaction_desc", "Hóa đơn \u202Egpj.exe");
        assertTrue(expect(call("/v1/signatures/sign", bidi), 400).getString("message")
                .contains("must not contain control, invisible or bidirectional formatting characters"));
        Map<String, Object> zeroWidth = signRequest(sp, user, "zw-" + UUID.randomUUID(), List.of(new byte[] {3}));
        zeroWidth.put("sign_files", List.of(Map.of("data_to_be_signed", HexFormat.of().formatHex(sha256(new byte[] {3})),
                "doc_id", "HD\u200B-1", "file_type", "pdf", "sign_type", "hash")));
        expect(call("/v1/signatures/sign", zeroWidth), 400);
        Map<String, Object> control = signRequest(sp, user, "ctl-" + UUID.randomUUID(), List.of(new byte[] {3}));
        control.put("sign_files", List.of(Map.of("data_to_be_signed", HexFormat.of().formatHex(sha256(new byte[] {3})),
                "doc_id", "HD-1", "file_type", "pdf\u0007", "sign_type", "hash")));
        expect(call("/v1/signatures/sign", control), 400);
        for (Object refusedTx : List.of(bidi.get("transaction_id"), zeroWidth.get("transaction_id"),
                control.get("transaction_id"))) {
            expect(given().post(BASE + "/v1/signatures/sign/" + refusedTx + "/status"), 404);
        }
        expect(given().post(BASE + "/v1/signatures/sign/" + UUID.randomUUID() + "/status"), 404);
        expect(given().post(BASE + "/v1/signatures/sign/no-such-transaction/status"), 404);
        // Another SP's transaction is not visible under the other SP's credentials-free status by tran_code only if
        // it is an SP transaction: Kyso's own (acceptance records) never answer here.
        assertEquals("REJECTED", expect(given().post(BASE + "/v1/signatures/sign/" + tranCode + "/status"), 200)
                .getString("data.status"));
    }

    @Test
    void aTransactionIdIsOneIntegratorsAndStatusPollsNeverCrossIntegrators() throws Exception {
        Integrator x = integrator();
        Integrator y = integrator();
        User user = user();
        String shared = "COLLIDE-" + UUID.randomUUID();
        String tranCode = expect(call("/v1/signatures/sign", signRequest(x, user, shared, List.of(new byte[] {7}))),
                200).getString("data.tran_code");
        // Y reuses X's id: refused in the contract's envelope, without saying whose it is; nothing is created.
        JsonPath refused = expect(call("/v1/signatures/sign", signRequest(y, user, shared, List.of(new byte[] {8}))),
                400);
        assertFalse(refused.getString("message").contains(x.spId()), refused.prettify());
        assertFalse(refused.prettify().contains(tranCode), refused.prettify());
        // Published clients poll with no credentials: the id is unambiguous, so they get X's transaction.
        assertEquals(tranCode, expect(given().contentType(ContentType.JSON).body("{}")
                .post(BASE + "/v1/signatures/sign/" + shared + "/status"), 200).getString("data.tran_code"));
        // With credentials the lookup is the caller's own: X finds it, Y finds nothing, by id or by tran_code.
        assertEquals(tranCode, expect(given().contentType(ContentType.JSON).body(Map.of("sp_id", x.spId(),
                "sp_password", x.password())).post(BASE + "/v1/signatures/sign/" + shared + "/status"), 200)
                .getString("data.tran_code"));
        for (String id : List.of(shared, tranCode)) {
            expect(given().contentType(ContentType.JSON).body(Map.of("sp_id", y.spId(), "sp_password", y.password()))
                    .post(BASE + "/v1/signatures/sign/" + id + "/status"), 404);
        }
    }

    @Test
    void theWebhookBringsTheResultSignedWithAnHmacAndIsRetriedUntilTheSpTakesIt() throws Exception {
        List<String[]> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        List<String> deliveryKeys = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.createContext("/kyso-webhook", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            deliveryKeys.add(ex.getRequestHeaders().getFirst("X-Kyso-Delivery"));
            int n = calls.incrementAndGet();
            // The SP is down for its first call: Kyso must retry.
            int status = n == 1 ? 503 : 200;
            if (status == 200) {
                received.add(new String[] {ex.getRequestHeaders().getFirst("X-Kyso-Signature"), body});
            }
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
        try {
            Integrator sp = integrator("http://127.0.0.1:" + server.getAddress().getPort() + "/kyso-webhook");
            User user = user();
            List<byte[]> documents = List.of("hợp đồng".getBytes(StandardCharsets.UTF_8));
            String spTx = "SP-WH-" + UUID.randomUUID();
            String tranCode = expect(call("/v1/signatures/sign", signRequest(sp, user, spTx, documents)), 200)
                    .getString("data.tran_code");
            TransactionTest.approve(user.subscriber(), UUID.fromString(tranCode), SigningTestSupport.PIN, 200);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !received.isEmpty());
            assertTrue(calls.get() >= 2, "the first, refused call was retried");
            assertEquals(1, deliveryKeys.stream().distinct().count(), "every attempt carries the same idempotency key");
            assertTrue(deliveryKeys.get(0).matches("[0-9a-f-]{36}"), deliveryKeys.get(0));
            String header = received.get(0)[0];
            String body = received.get(0)[1];
            // The integrator's check, with the JDK alone: Ed25519 over "<t>.<body>" with the published key of that kid.
            assertTrue(header.matches("t=\\d+,kid=[A-Za-z0-9_-]{43},ed25519=[A-Za-z0-9_-]{86}"), header);
            String t = header.substring(2, header.indexOf(','));
            String kid = header.substring(header.indexOf("kid=") + 4, header.indexOf(",ed25519="));
            byte[] signature = Base64.getUrlDecoder().decode(header.substring(header.indexOf("ed25519=") + 8));
            JsonPath keys = given().get(BASE + "/v1/webhook-keys").then().statusCode(200).extract().jsonPath();
            assertEquals(kid, keys.getString("keys[0].kid"));
            assertEquals("OKP", keys.getString("keys[0].kty"));
            java.security.PublicKey published = java.security.KeyFactory.getInstance("Ed25519").generatePublic(
                    new java.security.spec.X509EncodedKeySpec(concat(HexFormat.of().parseHex("302a300506032b6570032100"),
                            Base64.getUrlDecoder().decode(keys.getString("keys[0].x")))));
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(published);
            ed25519.update((t + "." + body).getBytes(StandardCharsets.UTF_8));
            assertTrue(ed25519.verify(signature), "the webhook verifies with the published key");
            ed25519.initVerify(published);
            ed25519.update((t + "." + body.replace("SUCCESS", "REJECTED")).getBytes(StandardCharsets.UTF_8));
            assertFalse(ed25519.verify(signature), "an altered body does not");
            // Issue 18, finding 8: the old key, SHA-256 of the SP's secret, is stored and published; it signs nothing.
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(sha256(sp.password().getBytes(StandardCharsets.UTF_8)),
                    "HmacSHA256"));
            String forged = HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
            assertFalse(header.contains(forged), "no signature derivable from the stored secret hash");
            JsonPath hook = new JsonPath(body);
            assertEquals(sp.spId(), hook.getString("sp_id"));
            assertEquals(200, hook.getInt("status_code"));
            assertEquals("SUCCESS", hook.getString("message"));
            assertEquals(spTx, hook.getString("transaction_id"));
            byte[] value = Base64.getDecoder().decode(hook.getString("signed_files[0].signature_value"));
            Signature jca = Signature.getInstance("SHA256withRSA");
            jca.initVerify(user.certificate().getPublicKey());
            jca.update(documents.get(0));
            assertTrue(jca.verify(value));
            assertEquals("HD-1", hook.getString("signed_files[0].doc_id"));
            // Delivered once: no further calls once the SP said 200.
            Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> received.size() == 1);
        } finally {
            server.stop(0);
        }
    }

    /**
     * Issue 18, finding 14: five wrong codes switched delegation off silently. The subscriber now sees on the credential
     * that it is off, since when and why, and {@code DelegationEnded} goes out for notification-service's mail.
     */
    @Test
    void fiveWrongCodesSwitchDelegationOffAndTheCredentialSaysWhy() throws Exception {
        Integrator sp = integrator();
        User user = user();
        allow(sp, user);
        String password = "Mat-Khau-Manh-2!";
        AccountLoginStub.PASSWORDS.put(user.identifier(), password);
        String token = user.subscriber().token();
        String credential = "/api/v1/credentials/" + user.subscriber().credential();
        String challenge = given().auth().oauth2(token).post(credential + "/challenge").then().statusCode(200)
                .extract().path("challenge");
        io.restassured.path.json.JsonPath shown = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("pin", SigningTestSupport.PIN, "challenge", challenge, "deviceSignature",
                        user.subscriber().device().sign(challenge))).post(credential + "/totp").then().statusCode(201)
                .header("Cache-Control", "no-store").extract().jsonPath();
        byte[] key = Base64.getDecoder().decode(shown.getString("totpSecret"));
        // For an authenticator app: the same secret in an otpauth URI, and that URI in the QR code (read by ZXing).
        String uri = shown.getString("otpauthUri");
        assertTrue(uri.startsWith("otpauth://totp/Kyso%3A") && uri.contains("&issuer=Kyso&algorithm=SHA1&digits=6"
                + "&period=30"), uri);
        assertEquals(java.util.HexFormat.of().formatHex(key), java.util.HexFormat.of().formatHex(
                new org.apache.commons.codec.binary.Base32().decode(uri.replaceAll(".*secret=([A-Z2-7]+).*", "$1"))));
        assertEquals(uri, QrCodes.read(shown.getString("qrCode")));
        given().auth().oauth2(token).get(credential).then().statusCode(200).body("delegation.enabled", equalTo(true))
                .body("delegation.endReason", org.hamcrest.Matchers.nullValue());

        Map<String, Object> request = signRequest(sp, user, "TH-" + UUID.randomUUID(), List.of(new byte[] {7}));
        request.put("password", password);
        String wrong = String.format("%06d", (Integer.parseInt(totp(key, Instant.now())) + 500_000) % 1_000_000);
        for (int i = 0; i < 5; i++) {
            request.put("otp", wrong);
            assertEquals("OTP_INVALID", expect(call("/v2/signatures/sign", request), 401).getString("message"));
        }
        given().auth().oauth2(token).get(credential).then().statusCode(200).body("delegation.enabled", equalTo(false))
                .body("delegation.endReason", equalTo("TOO_MANY_WRONG_CODES"))
                .body("delegation.endedAt", notNullValue());
        request.put("otp", totp(key, Instant.now()));
        expect(call("/v2/signatures/sign", request), 403);
        String id = user.subscriber().credential().toString();
        var ended = vn.kyso.testsupport.TopicReader.awaitRecords(vn.kyso.events.Topics.CREDENTIAL_EVENTS,
                r -> id.equals(r.key()) && r.value().contains("\"reason\""), 1, Duration.ofSeconds(30));
        assertEquals(1, ended.size(), "one DelegationEnded for the credential");
        JsonPath event = new JsonPath(ended.get(0).value());
        assertEquals("TOO_MANY_WRONG_CODES", event.getString("reason"));
        assertEquals(user.subscriber().account().toString(), event.getString("accountId"));
    }

    @Test
    void thV2SignsWithPasswordAndARealTotpOnlyAfterTheSubscriberDelegates() throws Exception {
        Integrator sp = integrator();
        User user = user();
        String password = "Mat-Khau-Manh-1!";
        AccountLoginStub.PASSWORDS.put(user.identifier(), password);
        List<byte[]> documents = List.of("hợp đồng vay".getBytes(StandardCharsets.UTF_8),
                "phụ lục".getBytes(StandardCharsets.UTF_8));
        Map<String, Object> request = signRequest(sp, user, "TH-" + UUID.randomUUID(), documents);
        request.put("password", password);
        request.put("otp", "123456");
        // TH v2 signs unseen by the subscriber, so an integrator the subscriber has not allowed cannot use it.
        assertTrue(expect(call("/v2/signatures/sign", request), 403).getString("message").contains("not allowed"));
        allow(sp, user);
        assertTrue(expect(call("/v2/signatures/sign", request), 403).getString("message").contains("not enabled"));

        String token = user.subscriber().token();
        String challenge = given().auth().oauth2(token).post("/api/v1/credentials/" + user.subscriber().credential()
                + "/challenge").then().statusCode(200).extract().path("challenge");
        String secret = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("pin",
                SigningTestSupport.PIN, "challenge", challenge, "deviceSignature", user.subscriber().device()
                        .sign(challenge))).post("/api/v1/credentials/" + user.subscriber().credential() + "/totp")
                .then().statusCode(201).extract().path("totpSecret");
        byte[] key = Base64.getDecoder().decode(secret);

        request.put("password", "wrong-password");
        request.put("otp", totp(key, Instant.now()));
        assertEquals("PASSWORD_INVALID", expect(call("/v2/signatures/sign", request), 401).getString("message"));
        request.put("password", password);
        request.put("otp", String.format("%06d", (Integer.parseInt(totp(key, Instant.now())) + 1) % 1_000_000));
        assertEquals("OTP_INVALID", expect(call("/v2/signatures/sign", request), 401).getString("message"));
        String otp = totp(key, Instant.now());
        request.put("otp", otp);
        JsonPath signed = expect(call("/v2/signatures/sign", request), 200);
        assertEquals("sig_wait_for_user_confirm", signed.getString("message"));
        String sad = signed.getString("data.sad");
        assertEquals(3, sad.split("\\.").length, "the SAD is a JWT");
        String id = signed.getString("data.transaction_id");
        // The same code cannot be used twice — and a client that derives one code per call from its clock is told so,
        // not counted as guessing: six reuses in a row leave delegation on, the next step's code signs.
        for (int i = 0; i < 6; i++) {
            request.put("transaction_id", "TH-" + UUID.randomUUID());
            assertEquals("OTP_REUSED", expect(call("/v2/signatures/sign", request), 401).getString("message"));
        }
        request.put("transaction_id", "TH-" + UUID.randomUUID());
        request.put("otp", totp(key, Instant.now().plusSeconds(30)));
        assertEquals("sig_wait_for_user_confirm", expect(call("/v2/signatures/sign", request), 200)
                .getString("message"));

        Map<String, Object> confirm = new LinkedHashMap<>(Map.of("sp_id", sp.spId(), "sp_password", sp.password(),
                "user_id", user.identifier(), "password", password, "transaction_id", id, "sad", sad + "x"));
        expect(call("/v2/signatures/confirm", confirm), 401);
        confirm.put("sad", sad);
        JsonPath done = expect(call("/v2/signatures/confirm", confirm), 200);
        assertEquals("Success", done.getString("message"));
        List<Map<String, Object>> signatures = done.getList("data.signatures");
        assertEquals(2, signatures.size());
        for (int i = 0; i < 2; i++) {
            Signature jca = Signature.getInstance("SHA256withRSA");
            jca.initVerify(user.certificate().getPublicKey());
            jca.update(documents.get(i));
            assertTrue(jca.verify(Base64.getDecoder().decode((String) signatures.get(i).get("signature_value"))));
        }
        assertEquals("SAD_INVALID", expect(call("/v2/signatures/confirm", confirm), 401).getString("message"),
                "a SAD is spent once used");
        assertEquals("SUCCESS", expect(given().post(BASE + "/v1/signatures/sign/" + id + "/status"), 200)
                .getString("message"));

        // Delegation off: password + TOTP no longer sign.
        given().auth().oauth2(token).delete("/api/v1/credentials/" + user.subscriber().credential() + "/totp").then()
                .statusCode(204);
        request.put("transaction_id", "TH-" + UUID.randomUUID());
        request.put("otp", totp(key, Instant.now().plusSeconds(30)));
        expect(call("/v2/signatures/sign", request), 403);
    }

    /** RFC 6238 written from the RFC for the test (HMAC-SHA1, 30 s, 6 digits): the integrator's side. */
    static Response callFrom(String source, String path, Object body) {
        return given().header("X-Forwarded-For", source).contentType(ContentType.JSON).body(body).post(BASE + path);
    }

    /**
     * Issue 18, finding 4: wrong secrets used to lock the integrator out for everyone, its right secret included, and
     * the status poll (which needs no credentials) counted them. Now only the guessing source waits, longer each time.
     */
    @Test
    void wrongSecretsSlowTheGuessingSourceDownAndNeverLockTheIntegratorOut() {
        Integrator sp = integrator();
        String attacker = "203.0.113.66";
        String owner = "198.51.100.7";
        Map<String, Object> right = Map.of("sp_id", sp.spId(), "sp_password", sp.password(), "user_id", "0");
        Map<String, Object> wrong = Map.of("sp_id", sp.spId(), "sp_password", "guess", "user_id", "0");
        try {
            // The status poll counts nothing, however many wrong secrets it is sent.
            for (int i = 0; i < 8; i++) {
                expect(callFrom(attacker, "/v1/signatures/sign/" + UUID.randomUUID() + "/status", wrong), 401);
            }
            for (int i = 0; i < 5; i++) {
                expect(callFrom(attacker, "/v1/credentials/get_certificate", wrong), 401);
            }
            // The guessing source now waits, whatever it sends, and is told for how long.
            Response waiting = callFrom(attacker, "/v1/credentials/get_certificate", right);
            JsonPath throttled = expect(waiting, 429);
            assertEquals("TOO_MANY_REQUESTS", throttled.getString("message"));
            assertTrue(Integer.parseInt(waiting.header("Retry-After")) >= 1, waiting.header("Retry-After"));
            given().header("X-Forwarded-For", attacker).contentType(ContentType.URLENC)
                    .formParam("grant_type", "client_credentials").formParam("client_id", sp.spId())
                    .formParam("client_secret", sp.password()).post("/csc/v2/oauth2/token").then().statusCode(429)
                    .header("Retry-After", notNullValue()).body("error", equalTo("too_many_requests"));
            // The integrator's own servers never notice, on SP769 and on CSC.
            expect(callFrom(owner, "/v1/credentials/get_certificate", right), 200);
            given().header("X-Forwarded-For", owner).contentType(ContentType.URLENC)
                    .formParam("grant_type", "client_credentials").formParam("client_id", sp.spId())
                    .formParam("client_secret", sp.password()).post("/csc/v2/oauth2/token").then().statusCode(200);
            // The status poll is never throttled by the back-off: published clients poll without credentials.
            expect(callFrom(attacker, "/v1/signatures/sign/" + UUID.randomUUID() + "/status", Map.of()), 404);
            // Once the wait is over the source may try again, and the right secret works from it too.
            clock.advance(Duration.ofSeconds(Long.parseLong(waiting.header("Retry-After"))));
            expect(callFrom(attacker, "/v1/credentials/get_certificate", right), 200);
        } finally {
            clock.reset();
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static String totp(byte[] key, Instant at) {
        return vn.kyso.testsupport.OtpApp.code(key, at);
    }

    @jakarta.inject.Inject
    TestClock clock;

    @Test
    void expiredInCountsDownAndAnUnansweredRequestEndsExpired() throws Exception {
        Integrator sp = integrator();
        User user = user();
        String spTx = "SP-EXP-" + UUID.randomUUID();
        String tranCode = expect(call("/v1/signatures/sign", signRequest(sp, user, spTx, List.of(new byte[] {5}))), 200)
                .getString("data.tran_code");
        try {
            int first = expect(given().post(BASE + "/v1/signatures/sign/" + tranCode + "/status"), 200)
                    .getInt("data.expired_in");
            clock.advance(Duration.ofSeconds(120));
            JsonPath later = expect(given().post(BASE + "/v1/signatures/sign/" + spTx + "/status"), 200);
            assertEquals("sig_wait_for_user_confirm", later.getString("message"));
            assertTrue(later.getInt("data.expired_in") <= first - 119 && later.getInt("data.expired_in") > 0,
                    first + " then " + later.getInt("data.expired_in"));
            clock.advance(Duration.ofSeconds(200));
            JsonPath expired = expect(given().post(BASE + "/v1/signatures/sign/" + tranCode + "/status"), 200);
            assertEquals("EXPIRED", expired.getString("message"));
            assertEquals("EXPIRED", expired.getString("data.status"));
            assertNull(expired.get("data.signatures"));
            // The sweep makes it final too: the subscriber can no longer approve it.
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "EXPIRED".equals(given().auth()
                    .oauth2(user.subscriber().token()).get("/api/v1/transactions/" + tranCode).then().extract()
                    .path("status")));
        } finally {
            clock.reset();
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
