package vn.kyso.ca;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import vn.kyso.ca.crypto.TestCsrs;
import vn.kyso.ca.repository.AccountRecordRepository;
import vn.kyso.commons.inbox.ProcessedEventRepository;
import vn.kyso.events.EventCodec;
import vn.kyso.events.EventTypes;
import vn.kyso.events.Topics;
import vn.kyso.events.account.AccountCreated;
import vn.kyso.events.certificate.CertificateIssued;
import vn.kyso.events.certificate.CertificateRevoked;
import vn.kyso.events.credential.CertificateChangeRequested;
import vn.kyso.events.credential.KeyPairActivated;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.InSession;
import vn.kyso.testsupport.Openssl;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.TestEvents;
import vn.kyso.testsupport.TopicReader;

/** The CA judged by OpenSSL: certificates, chain, OCSP, CRL and time stamps from the running service. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
@WithTestResource(JwtKeysTestResource.class)
class CertificateAuthorityTest {

    @Inject
    AccountRecordRepository accounts;

    @Inject
    ProcessedEventRepository processed;

    @TestHTTPResource("/ocsp")
    URL ocspUrl;

    Path dir;
    String rootPem;
    String issuingPem;
    String chainPem;

    @BeforeEach
    void chain() throws Exception {
        dir = Files.createTempDirectory("kyso-ca-test");
        List<String> pems = given().get("/api/v1/ca/certificates").then().statusCode(200)
                .body("role", equalTo(List.of("ISSUING", "ROOT", "TSA"))).extract().jsonPath().getList("pem");
        issuingPem = Openssl.file(dir, "issuing.pem", pems.get(0));
        rootPem = Openssl.file(dir, "root.pem", pems.get(1));
        chainPem = Openssl.file(dir, "chain.pem",
                given().get("/ca/chain.pem").then().statusCode(200).extract().asString());
    }

    @Test
    void opensslVerifiesTheIssuedCertificateAndShowsTheVietnameseProfile() {
        AccountCreated account = CaTestSupport.account(accounts, "Nguyễn Thị Hồng Nhung");
        KeyPair key = TestCsrs.rsa(2048);
        JsonPath issued = CaTestSupport.inCustody(account.accountId(), TestCsrs.csr("CN=" + account.accountId(), key))
                .then().statusCode(200).body("status", equalTo("GOOD")).body("keyType", equalTo("RSA-2048"))
                .extract().jsonPath();
        String cert = Openssl.file(dir, "cert.pem", issued.getString("certificate"));

        Openssl.Result verify = Openssl.run("verify", "-CAfile", rootPem, "-untrusted", issuingPem, cert);
        assertTrue(verify.ok() && verify.output().contains(": OK"), verify.output());
        Openssl.Result viaServedChain = Openssl.run("verify", "-CAfile", chainPem, cert);
        assertTrue(viaServedChain.ok(), viaServedChain.output());

        String text = Openssl.run("x509", "-in", cert, "-noout", "-text", "-nameopt", "utf8,sep_comma_plus_space")
                .output();
        assertTrue(text.contains("Subject: C=VN, ST=Hà Nội, L=Cầu Giấy, CN=Nguyễn Thị Hồng Nhung, UID=CCCD:"
                + account.identifier()), text);
        assertTrue(text.contains("Digital Signature, Non Repudiation"), text);
        assertTrue(text.contains("E-mail Protection"), text);
        assertTrue(text.contains("CA Issuers - URI:http://127.0.0.1:8083/ca/issuing.crt"), text);
        assertTrue(text.contains("OCSP - URI:http://127.0.0.1:8083/ocsp"), text);
        assertTrue(text.contains("X509v3 CRL Distribution Points") && text.contains("URI:http://127.0.0.1:8083/crl"),
                text);
        assertTrue(text.contains("CA:FALSE"), text);
        String serial = issued.getString("serialNumber");
        assertTrue(serial.length() >= 16, "at least 64 random bits: " + serial);
        Openssl.Result purpose = Openssl.run("x509", "-in", cert, "-noout", "-serial");
        assertTrue(purpose.output().strip().endsWith(serial), purpose.output());

        byte[] aiaTarget = given().get("/ca/issuing.crt").then().statusCode(200)
                .contentType("application/pkix-cert").extract().asByteArray();
        String issuingDer = Openssl.file(dir, "issuing.der", aiaTarget);
        assertTrue(Openssl.run("x509", "-inform", "DER", "-in", issuingDer, "-noout", "-subject").output()
                .contains("Kyso Issuing CA 1"));
    }

    @Test
    void ocspSaysGoodThenRevokedAndTheCrlListsTheRevokedSerial() {
        AccountCreated account = CaTestSupport.account(accounts, "Trần Văn Bình");
        JsonPath issued = CaTestSupport.inCustody(account.accountId(),
                TestCsrs.csr("CN=" + account.accountId(), TestCsrs.ec("secp256r1")))
                .then().statusCode(200).extract().jsonPath();
        String serial = issued.getString("serialNumber");
        String cert = Openssl.file(dir, "cert.pem", issued.getString("certificate"));

        Openssl.Result good = ocsp(cert);
        assertTrue(good.output().contains(cert + ": good"), good.output());
        assertTrue(good.output().contains("Response verify OK"), good.output());
        assertFalse(good.output().contains("WARNING: no nonce"), "the nonce is echoed: " + good.output());
        Openssl.Result unknown = Openssl.run("ocsp", "-issuer", issuingPem, "-CAfile", rootPem, "-serial",
                "0x1234ABCD", "-url", ocspUrl.toString());
        assertTrue(unknown.output().contains("0x1234ABCD: unknown"), unknown.output());

        given().auth().oauth2(CaTestSupport.operatorToken()).contentType(ContentType.JSON)
                .body("{\"reason\":\"keyCompromise\"}").post("/api/v1/certificates/" + serial + "/revoke")
                .then().statusCode(200).body("status", equalTo("REVOKED"))
                .body("revocationReason", equalTo("keyCompromise"));
        var events = TopicReader.awaitRecords(Topics.CERTIFICATE_EVENTS, r -> serial.equals(r.key())
                && r.value().contains("keyCompromise"), 1, Duration.ofSeconds(30));
        CertificateRevoked revoked = EventCodec.fromJson(events.get(0).value(), CertificateRevoked.class);
        assertEquals(account.accountId(), revoked.accountId());

        Openssl.Result now = ocsp(cert);
        assertTrue(now.output().contains(cert + ": revoked"), now.output());
        assertTrue(now.output().contains("Reason: keyCompromise"), now.output());
        assertTrue(now.output().contains("Response verify OK"), now.output());

        byte[] crl = given().get("/crl").then().statusCode(200).contentType("application/pkix-crl").extract()
                .asByteArray();
        String crlFile = Openssl.file(dir, "kyso.crl", crl);
        Openssl.Result crlText = Openssl.run("crl", "-inform", "DER", "-in", crlFile, "-noout", "-text",
                "-CAfile", chainPem);
        assertTrue(crlText.ok(), crlText.output());
        assertTrue(crlText.output().contains("verify OK"), crlText.output());
        assertTrue(crlText.output().contains("Serial Number: " + serial), crlText.output());
        assertTrue(crlText.output().contains("Key Compromise"), crlText.output());
        assertTrue(crlText.output().contains("Next Update"), crlText.output());
        assertTrue(given().queryParam("format", "pem").get("/crl").then().statusCode(200).extract().asString()
                .startsWith("-----BEGIN X509 CRL-----"));

        given().auth().oauth2(CaTestSupport.operatorToken()).contentType(ContentType.JSON)
                .body("{\"reason\":\"keyCompromise\"}").post("/api/v1/certificates/" + serial + "/revoke")
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("CERTIFICATE_ALREADY_REVOKED"));
    }

    @Test
    void aSuspendedCertificateIsOnHoldForOcspAndTheCrlUntilResumedAndCanStillBeRevoked() {
        AccountCreated account = CaTestSupport.account(accounts, "Lê Thị Hoa");
        JsonPath issued = CaTestSupport.inCustody(account.accountId(),
                TestCsrs.csr("CN=" + account.accountId(), TestCsrs.ec("secp256r1")))
                .then().statusCode(200).extract().jsonPath();
        String serial = issued.getString("serialNumber");
        String cert = Openssl.file(dir, "held.pem", issued.getString("certificate"));
        String operator = CaTestSupport.operatorToken();

        given().auth().oauth2(operator).post("/api/v1/certificates/" + serial + "/suspend")
                .then().statusCode(200).body("status", equalTo("SUSPENDED"))
                .body("revocationReason", equalTo("certificateHold"));
        assertTrue(TopicReader.awaitRecords(Topics.CERTIFICATE_EVENTS, r -> serial.equals(r.key())
                && r.value().contains("suspendedAt"), 1, Duration.ofSeconds(30)).get(0).value()
                .contains(account.accountId().toString()));
        Openssl.Result held = ocsp(cert);
        assertTrue(held.output().contains(cert + ": revoked"), held.output());
        assertTrue(held.output().contains("Reason: certificateHold"), held.output());
        assertTrue(held.output().contains("Response verify OK"), held.output());
        Openssl.Result crl = crlText("held.crl");
        assertTrue(crl.output().contains("Serial Number: " + serial) && crl.output().contains("Certificate Hold"),
                crl.output());
        given().auth().oauth2(operator).post("/api/v1/certificates/" + serial + "/suspend")
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("CERTIFICATE_ALREADY_SUSPENDED"));
        // A hold is a suspension, not a revocation reason.
        given().auth().oauth2(operator).contentType(ContentType.JSON).body("{\"reason\":\"certificateHold\"}")
                .post("/api/v1/certificates/" + serial + "/revoke").then().statusCode(400)
                .body("code", equalTo("REVOCATION_REASON_INVALID"));

        given().auth().oauth2(operator).post("/api/v1/certificates/" + serial + "/resume")
                .then().statusCode(200).body("status", equalTo("GOOD"));
        assertTrue(TopicReader.awaitRecords(Topics.CERTIFICATE_EVENTS, r -> serial.equals(r.key())
                && r.value().contains("resumedAt"), 1, Duration.ofSeconds(30)).size() == 1);
        Openssl.Result good = ocsp(cert);
        assertTrue(good.output().contains(cert + ": good"), good.output());
        Openssl.Result resumed = crlText("resumed.crl");
        assertTrue(resumed.ok() && !resumed.output().contains("Serial Number: " + serial), resumed.output());
        given().auth().oauth2(operator).post("/api/v1/certificates/" + serial + "/resume")
                .then().statusCode(409).body("code", equalTo("CERTIFICATE_NOT_SUSPENDED"));

        // Held again, then revoked for good: the hold gives way to the final reason, and nothing resumes it.
        given().auth().oauth2(operator).post("/api/v1/certificates/" + serial + "/suspend").then().statusCode(200);
        given().auth().oauth2(operator).contentType(ContentType.JSON).body("{\"reason\":\"keyCompromise\"}")
                .post("/api/v1/certificates/" + serial + "/revoke").then().statusCode(200)
                .body("status", equalTo("REVOKED")).body("revocationReason", equalTo("keyCompromise"));
        assertTrue(ocsp(cert).output().contains("Reason: keyCompromise"));
        given().auth().oauth2(operator).post("/api/v1/certificates/" + serial + "/resume")
                .then().statusCode(409).body("code", equalTo("CERTIFICATE_NOT_SUSPENDED"));
        given().post("/api/v1/certificates/" + serial + "/suspend").then().statusCode(401);
    }

    @Test
    void theSubscribersOwnHoldResumptionAndRevocationArriveFromSigningServiceAndOcspFollows() {
        AccountCreated account = CaTestSupport.account(accounts, "Đỗ Văn Nam");
        UUID credential = UUID.randomUUID();
        KeyPair key = TestCsrs.ec("secp256r1");
        TestEvents.publish(EventTypes.KEY_PAIR_ACTIVATED, credential, new KeyPairActivated(account.accountId(),
                credential, "EC-P256", Base64.getEncoder().encodeToString(TestCsrs.csr("CN=" + account.accountId(),
                        key)), Instant.now()));
        CertificateIssued issued = EventCodec.fromJson(TopicReader.awaitRecords(Topics.CERTIFICATE_EVENTS,
                r -> r.value().contains(credential.toString()) && r.value().contains("notAfter"), 1,
                Duration.ofSeconds(30)).get(0).value(), CertificateIssued.class);
        String serial = issued.serialNumber();
        String cert = Openssl.file(dir, "own.pem", "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64,
                new byte[] {'\n'}).encodeToString(Base64.getDecoder().decode(issued.certificate()))
                + "\n-----END CERTIFICATE-----\n");
        String operator = CaTestSupport.operatorToken();

        // Another account cannot have it revoked (nor a revocation reason that is the CA's own be given); the
        // subscriber's own hold, asked after those on the same partition, is what takes effect.
        request(credential, UUID.randomUUID(), serial, CertificateChangeRequested.REVOKE, "keyCompromise");
        request(credential, account.accountId(), serial, CertificateChangeRequested.REVOKE, "privilegeWithdrawn");
        request(credential, account.accountId(), serial, CertificateChangeRequested.SUSPEND, null);
        awaitStatus(operator, serial, "SUSPENDED");
        Openssl.Result held = ocsp(cert);
        assertTrue(held.output().contains(cert + ": revoked") && held.output().contains("Reason: certificateHold"),
                held.output());

        request(credential, account.accountId(), serial, CertificateChangeRequested.RESUME, null);
        awaitStatus(operator, serial, "GOOD");
        assertTrue(ocsp(cert).output().contains(cert + ": good"));

        // An operator's hold stays whatever the subscriber asks.
        given().auth().oauth2(operator).post("/api/v1/certificates/" + serial + "/suspend").then().statusCode(200);
        String resume = request(credential, account.accountId(), serial, CertificateChangeRequested.RESUME, null);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> InSession.await(
                () -> processed.isProcessed("ca-subscriber-changes", resume)));
        awaitStatus(operator, serial, "SUSPENDED");

        request(credential, account.accountId(), serial, CertificateChangeRequested.REVOKE, "cessationOfOperation");
        awaitStatus(operator, serial, "REVOKED");
        Openssl.Result revoked = ocsp(cert);
        assertTrue(revoked.output().contains("Reason: cessationOfOperation"), revoked.output());
        Openssl.Result crl = crlText("own.crl");
        assertTrue(crl.output().contains("Serial Number: " + serial), crl.output());
    }

    private static String request(UUID credential, UUID account, String serial, String change, String reason) {
        return TestEvents.publish(EventTypes.CERTIFICATE_CHANGE_REQUESTED, credential,
                new CertificateChangeRequested(credential, account, serial, change, reason, Instant.now()));
    }

    private static void awaitStatus(String operator, String serial, String status) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(given().auth()
                .oauth2(operator).get("/api/v1/certificates/" + serial).then().extract().path("status")));
    }

    private Openssl.Result crlText(String name) {
        String file = Openssl.file(dir, name, given().get("/crl").then().statusCode(200).extract().asByteArray());
        Openssl.Result text = Openssl.run("crl", "-inform", "DER", "-in", file, "-noout", "-text", "-CAfile", chainPem);
        assertTrue(text.ok() && text.output().contains("verify OK"), text.output());
        return text;
    }

    @Test
    void everyCaCertificateNamesItsIssuerAndACrlThatOpensslChecksItAgainst() throws Exception {
        String tsaPem = Openssl.file(dir, "tsa.pem", given().get("/ca/tsa.pem").then().statusCode(200).extract()
                .asString());
        String issuingText = Openssl.run("x509", "-in", issuingPem, "-noout", "-text").output();
        assertTrue(issuingText.contains("URI:http://127.0.0.1:8083/crl/root"), issuingText);
        assertTrue(issuingText.contains("CA Issuers - URI:http://127.0.0.1:8083/ca/root.crt"), issuingText);
        String tsaText = Openssl.run("x509", "-in", tsaPem, "-noout", "-text").output();
        assertTrue(tsaText.contains("URI:http://127.0.0.1:8083/crl"), tsaText);
        assertTrue(tsaText.contains("CA Issuers - URI:http://127.0.0.1:8083/ca/issuing.crt"), tsaText);

        String rootCrl = Openssl.file(dir, "root.crl", given().get("/crl/root").then().statusCode(200)
                .contentType("application/pkix-crl").extract().asByteArray());
        Openssl.Result rootCrlText = Openssl.run("crl", "-inform", "DER", "-in", rootCrl, "-noout", "-text",
                "-CAfile", rootPem);
        assertTrue(rootCrlText.output().contains("verify OK"), "signed by the root: " + rootCrlText.output());
        assertTrue(rootCrlText.output().contains("No Revoked Certificates"), rootCrlText.output());
        String rootCrlPem = dir.resolve("root-crl.pem").toString();
        assertTrue(Openssl.run("crl", "-inform", "DER", "-in", rootCrl, "-out", rootCrlPem).ok());
        String issuingCrlPem = Openssl.file(dir, "issuing-crl.pem", given().queryParam("format", "pem").get("/crl")
                .then().statusCode(200).extract().asString());
        // OpenSSL checks every certificate of each chain against its issuer's CRL: nothing is left unproven.
        Openssl.Result issuing = Openssl.run("verify", "-crl_check", "-CAfile", rootPem, "-CRLfile", rootCrlPem,
                issuingPem);
        assertTrue(issuing.ok() && issuing.output().contains(": OK"), issuing.output());
        Openssl.Result tsa = Openssl.run("verify", "-crl_check_all", "-CAfile", rootPem, "-untrusted", issuingPem,
                "-CRLfile", rootCrlPem, "-CRLfile", issuingCrlPem, tsaPem);
        assertTrue(tsa.ok() && tsa.output().contains(": OK"), tsa.output());
        Openssl.Result withoutRootCrl = Openssl.run("verify", "-crl_check_all", "-CAfile", rootPem, "-untrusted",
                issuingPem, "-CRLfile", issuingCrlPem, tsaPem);
        assertFalse(withoutRootCrl.ok(), "the root's CRL is what proves the issuing CA: " + withoutRootCrl.output());
    }

    @Test
    void theTsaTokenForADigestVerifiesWithOpenssl() {
        String data = Openssl.file(dir, "document.txt", "Hợp đồng số 42/2026");
        String query = dir.resolve("request.tsq").toString();
        assertTrue(Openssl.run("ts", "-query", "-data", data, "-sha256", "-cert", "-out", query).ok());
        byte[] reply = given().contentType("application/timestamp-query").body(read(query)).post("/tsa")
                .then().statusCode(200).contentType("application/timestamp-reply").extract().asByteArray();
        String replyFile = Openssl.file(dir, "reply.tsr", reply);
        Openssl.Result verify = Openssl.run("ts", "-verify", "-data", data, "-in", replyFile, "-CAfile", chainPem);
        assertTrue(verify.output().contains("Verification: OK"), verify.output());
        Openssl.Result other = Openssl.run("ts", "-verify", "-data", Openssl.file(dir, "other.txt", "khác"), "-in",
                replyFile, "-CAfile", chainPem);
        assertFalse(other.output().contains("Verification: OK"), "a token binds its digest");
        String text = Openssl.run("ts", "-reply", "-in", replyFile, "-text").output();
        assertTrue(text.contains("Status: Granted"), text);
        assertTrue(text.contains("Policy OID: 2.25.305223297406203226779734612580012263521"), text);
    }

    @Test
    void aCertificateIsListedForItsAccount() {
        AccountCreated account = CaTestSupport.account(accounts, "Lê Thị Thu");
        CaTestSupport.inCustody(account.accountId(),
                TestCsrs.csr("CN=" + account.accountId(), TestCsrs.ec("secp256r1"))).then().statusCode(200);
        given().auth().oauth2(CaTestSupport.operatorToken()).queryParam("accountId", account.accountId().toString())
                .get("/api/v1/certificates").then().statusCode(200).body("$", hasSize(1))
                .body("[0].subject", org.hamcrest.Matchers.containsString("CN=Lê Thị Thu"));
    }

    private Openssl.Result ocsp(String cert) {
        return Openssl.run("ocsp", "-issuer", issuingPem, "-CAfile", rootPem, "-cert", cert, "-url",
                ocspUrl.toString(), "-resp_text");
    }

    private static byte[] read(String file) {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
