package vn.kyso.signing;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import vn.kyso.events.EventCodec;
import vn.kyso.events.EventTypes;
import vn.kyso.events.Topics;
import vn.kyso.events.credential.KeyPairActivated;
import vn.kyso.signing.crypto.TestDevice;
import vn.kyso.testsupport.TopicReader;

/** Tokens, credential creation and challenge signing shared by signing-service tests. */
final class SigningTestSupport {

    static final String PIN = "246813";

    private SigningTestSupport() {
    }

    static String subscriber(UUID accountId) {
        return Jwt.issuer("https://kyso.vn/account").audience("kyso").subject(accountId.toString()).upn("001203004567")
                .groups("subscriber").sign();
    }

    static String operator() {
        return Jwt.issuer("https://kyso.vn/account").audience("kyso").subject(UUID.randomUUID().toString()).upn("operator")
                .groups("operator").sign();
    }

    static Response create(String token, String pin, String confirm, String deviceName, String deviceKey) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("pin", pin, "confirmPin", confirm, "deviceName", deviceName, "devicePublicKey", deviceKey))
                .post("/api/v1/credentials");
    }

    /** Creates a credential and returns its id. */
    static UUID create(String token, TestDevice device) {
        return UUID.fromString(create(token, PIN, PIN, "Điện thoại của tôi", device.publicKey())
                .then().statusCode(202).extract().path("credentialId"));
    }

    static KeyPairActivated awaitKeyPair(UUID credentialId, int nth) {
        var records = TopicReader.awaitRecords(Topics.CREDENTIAL_EVENTS, r -> credentialId.toString().equals(r.key())
                && EventTypes.KEY_PAIR_ACTIVATED.type().equals(header(r, "ce_type")), nth, Duration.ofSeconds(30));
        return EventCodec.fromJson(records.get(nth - 1).value(), KeyPairActivated.class);
    }

    /** A stand-in CA certifies the credential's CSR key; returns that key once the credential is ACTIVE. */
    static java.security.PublicKey activate(UUID account, String token, UUID credential) throws Exception {
        java.security.PublicKey key = TestDevice.csrKey(awaitKeyPair(credential, 1).csr());
        java.math.BigInteger serial = new java.math.BigInteger(64, new java.security.SecureRandom()).setBit(63);
        String hex = serial.toString(16).toUpperCase();
        vn.kyso.testsupport.TestEvents.publish(EventTypes.CERTIFICATE_ISSUED, hex,
                new vn.kyso.events.certificate.CertificateIssued(account, credential, hex,
                        TestDevice.certificateFor(key, serial), java.util.List.of(), java.time.Instant.now(),
                        java.time.Instant.now().plusSeconds(3600), java.time.Instant.now()));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "ACTIVE".equals(given().auth()
                .oauth2(token).get("/api/v1/credentials/" + credential).then().extract().path("status")));
        return key;
    }

    static String challenge(String token, UUID credentialId) {
        return given().auth().oauth2(token).post("/api/v1/credentials/" + credentialId + "/challenge")
                .then().statusCode(200).extract().path("challenge");
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
