package vn.kyso.ca;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import vn.kyso.ca.crypto.TestCsrs;
import vn.kyso.ca.repository.AccountRecordRepository;
import vn.kyso.events.account.AccountCreated;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;

/** Kyso's own HTTPS endpoints get certificates from Kyso's CA: only the profile's names, only for an operator. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
@WithTestResource(JwtKeysTestResource.class)
class ServerCertificateTest {

    @Inject
    AccountRecordRepository accounts;

    @Test
    void anOperatorGetsAServerCertificateForTheProfilesNamesThatAClientCanValidate() throws Exception {
        KeyPair key = TestCsrs.ec("secp256r1");
        Response issued = request(CaTestSupport.operatorToken(), TestCsrs.csr("CN=ignored", key),
                List.of("localhost", "127.0.0.1"), null);
        issued.then().statusCode(201).body("profile", equalTo("tls-server"))
                .body("subject", equalTo("C=VN,O=Kyso,CN=localhost"));
        assertNull(issued.jsonPath().getString("accountId"));

        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        X509Certificate leaf = (X509Certificate) x509.generateCertificate(
                new ByteArrayInputStream(issued.jsonPath().getString("certificate").getBytes()));
        List<String> chainPem = issued.jsonPath().getList("chain");
        X509Certificate issuing = (X509Certificate) x509.generateCertificate(
                new ByteArrayInputStream(chainPem.get(0).getBytes()));
        X509Certificate root = (X509Certificate) x509.generateCertificate(
                new ByteArrayInputStream(chainPem.get(1).getBytes()));
        assertEquals(key.getPublic(), leaf.getPublicKey());
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), leaf.getExtendedKeyUsage());
        assertEquals(Set.of(List.of(2, "localhost"), List.of(7, "127.0.0.1")),
                Set.copyOf(leaf.getSubjectAlternativeNames()));
        assertTrue(leaf.getNotAfter().getTime() - leaf.getNotBefore().getTime() <= 90L * 86_400_000);

        PKIXParameters pkix = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        pkix.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(x509.generateCertPath(List.of(leaf, issuing)), pkix);

        // Revocable like any certificate; no subscriber is told, since none is certified.
        given().auth().oauth2(CaTestSupport.operatorToken()).contentType(ContentType.JSON)
                .body(Map.of("reason", "superseded"))
                .post("/api/v1/certificates/" + issued.jsonPath().getString("serialNumber") + "/revoke")
                .then().statusCode(200).body("status", equalTo("REVOKED"));
    }

    @Test
    void namesOutsideTheProfileOtherProfilesAndOtherCallersAreRefusedAndNothingIsIssued() {
        String operator = CaTestSupport.operatorToken();
        byte[] csr = TestCsrs.csr("CN=x", TestCsrs.ec("secp256r1"));
        refused(request(operator, csr, List.of("localhost", "bank.example.vn"), null), 403, "SERVER_NAME_NOT_ALLOWED");
        refused(request(operator, csr, List.of(), null), 400, "VALIDATION_FAILED");
        refused(request(operator, csr, List.of("localhost"), "subscriber"), 400, "PROFILE_NOT_FOR_SERVERS");
        refused(request(operator, csr, List.of("localhost"), "nope"), 400, "PROFILE_UNKNOWN");
        refused(request(operator, TestCsrs.csr("CN=x", TestCsrs.rsa(1024)), List.of("localhost"), null), 400,
                "CSR_WEAK_KEY");
        refused(request(CaTestSupport.subscriberToken(UUID.randomUUID()), csr, List.of("localhost"), null), 403,
                "FORBIDDEN");
        refused(given().contentType(ContentType.JSON).body("{}").post("/api/v1/server-certificates"), 401,
                "UNAUTHENTICATED");

        // The account path does not hand out server certificates either.
        AccountCreated account = CaTestSupport.account(accounts, "Đỗ Văn Tài");
        refused(given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("accountId", account.accountId().toString(), "csr",
                        Base64.getEncoder().encodeToString(csr), "profile", "tls-server"))
                .post("/api/v1/certificates"), 400, "PROFILE_NOT_FOR_ACCOUNTS");
        given().auth().oauth2(operator).queryParam("accountId", account.accountId().toString())
                .get("/api/v1/certificates").then().statusCode(200).body("size()", equalTo(0));
    }

    private static Response request(String token, byte[] csr, List<String> names, String profile) {
        var body = new java.util.HashMap<String, Object>(Map.of("csr", Base64.getEncoder().encodeToString(csr),
                "names", names));
        if (profile != null) {
            body.put("profile", profile);
        }
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/server-certificates");
    }

    private static void refused(Response response, int status, String code) {
        response.then().statusCode(status).contentType("application/problem+json").body("code", equalTo(code));
    }
}
