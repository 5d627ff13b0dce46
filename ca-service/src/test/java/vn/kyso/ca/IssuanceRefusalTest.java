package vn.kyso.ca;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import vn.kyso.ca.crypto.TestCsrs;
import vn.kyso.ca.repository.AccountRecordRepository;
import vn.kyso.events.account.AccountCreated;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;

/** Bad requests get a clear 4xx and issue nothing; only operators revoke. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
@WithTestResource(JwtKeysTestResource.class)
class IssuanceRefusalTest {

    @Inject
    AccountRecordRepository accounts;

    @Test
    void badCertificateRequestsAreRefusedAndNothingIsIssued() {
        AccountCreated account = CaTestSupport.account(accounts, "Phạm Minh Châu");
        String operator = CaTestSupport.operatorToken();
        String cn = "CN=" + account.accountId();
        var key = TestCsrs.ec("secp256r1");

        refused(CaTestSupport.issue(account.accountId(), TestCsrs.csr(cn, key, TestCsrs.ec("secp256r1")), operator),
                400, "CSR_PROOF_OF_POSSESSION_FAILED");
        refused(CaTestSupport.issue(account.accountId(), TestCsrs.csr(cn, TestCsrs.rsa(1024)), operator),
                400, "CSR_WEAK_KEY");
        refused(CaTestSupport.issue(account.accountId(), TestCsrs.csr(cn, TestCsrs.ec("secp521r1")), operator),
                400, "CSR_KEY_ALGORITHM_NOT_ALLOWED");
        refused(CaTestSupport.issue(account.accountId(), TestCsrs.csr("CN=" + UUID.randomUUID(), key), operator),
                400, "CSR_SUBJECT_MISMATCH");
        refused(CaTestSupport.issue(account.accountId(), "not a certification request".getBytes(), operator),
                400, "CSR_MALFORMED");
        refused(CaTestSupport.issue(UUID.randomUUID(), TestCsrs.csr(cn, key), operator), 404, "ACCOUNT_UNKNOWN");
        refused(given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("accountId", account.accountId().toString(), "csr", "-----BEGIN CERTIFICATE REQUEST-----\n"
                        + "!!!\n-----END CERTIFICATE REQUEST-----\n"))
                .post("/api/v1/certificates"), 400, "CSR_MALFORMED");
        refused(given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("accountId", account.accountId().toString(), "csr", "AAAA", "profile", "nope"))
                .post("/api/v1/certificates"), 400, "PROFILE_UNKNOWN");
        refused(given().auth().oauth2(operator).contentType(ContentType.JSON).body("{\"csr\":\"AAAA\"}")
                .post("/api/v1/certificates"), 400, "VALIDATION_FAILED");
        refused(given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body("{\"accountId\":\"not-a-uuid\",\"csr\":\"AAAA\"}").post("/api/v1/certificates"), 400,
                "MALFORMED_REQUEST");
        refused(CaTestSupport.issue(account.accountId(), TestCsrs.csr(cn, key),
                CaTestSupport.subscriberToken(account.accountId())), 403, "FORBIDDEN");
        refused(given().contentType(ContentType.JSON).body("{}").post("/api/v1/certificates"), 401,
                "UNAUTHENTICATED");

        given().auth().oauth2(operator).queryParam("accountId", account.accountId().toString())
                .get("/api/v1/certificates").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void anOperatorCannotCertifyASubscribersIdentityForAKeyOutsideCustody() {
        AccountCreated victim = CaTestSupport.account(accounts, "Vũ Thị Lan");
        AccountCreated other = CaTestSupport.account(accounts, "Hoàng Văn Nam");
        String operator = CaTestSupport.operatorToken();
        byte[] custodyCsr = TestCsrs.csr("CN=" + victim.accountId(), TestCsrs.ec("secp256r1"));
        var custodyCert = CaTestSupport.inCustody(victim.accountId(), custodyCsr).then().statusCode(200).extract()
                .jsonPath();
        String credential = custodyCert.getString("credentialId");
        // The operator's own key, with the subscriber's account id as its CN: the attack that was reproduced.
        byte[] rogueCsr = TestCsrs.csr("CN=" + victim.accountId(), TestCsrs.ec("secp256r1"));

        refused(CaTestSupport.issue(victim.accountId(), rogueCsr, operator), 403, "KEY_NOT_IN_CUSTODY");
        refused(issueFor(victim.accountId(), credential, rogueCsr, operator), 403, "KEY_NOT_IN_CUSTODY");
        refused(issueFor(victim.accountId(), UUID.randomUUID().toString(), rogueCsr, operator), 403,
                "KEY_NOT_IN_CUSTODY");
        // The custody key of one account does not certify another account's identity.
        byte[] crossCsr = TestCsrs.csr("CN=" + other.accountId(), TestCsrs.ec("secp256r1"));
        refused(issueFor(other.accountId(), credential, crossCsr, operator), 403, "KEY_NOT_IN_CUSTODY");

        // Nothing was issued, and the subscriber's certificate was not superseded by any of it.
        given().auth().oauth2(operator).queryParam("accountId", victim.accountId().toString())
                .get("/api/v1/certificates").then().statusCode(200).body("$", hasSize(1))
                .body("[0].serialNumber", equalTo(custodyCert.getString("serialNumber")))
                .body("[0].status", equalTo("GOOD"));
        given().auth().oauth2(operator).queryParam("accountId", other.accountId().toString())
                .get("/api/v1/certificates").then().statusCode(200).body("$", hasSize(0));
        // The custody key itself may be asked for again: the same certificate comes back.
        issueFor(victim.accountId(), credential, custodyCsr, operator).then().statusCode(200)
                .body("serialNumber", equalTo(custodyCert.getString("serialNumber")));
    }

    private static io.restassured.response.Response issueFor(UUID account, String credential, byte[] csr,
            String operator) {
        return given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("accountId", account.toString(), "credentialId", credential, "csr",
                        java.util.Base64.getEncoder().encodeToString(csr)))
                .post("/api/v1/certificates");
    }

    @Test
    void onlyAnOperatorRevokesAndOnlyKnownSerialsWithKnownReasons() {
        AccountCreated account = CaTestSupport.account(accounts, "Đỗ Quang Huy");
        String serial = CaTestSupport.inCustody(account.accountId(),
                TestCsrs.csr("CN=" + account.accountId(), TestCsrs.ec("secp256r1")))
                .then().statusCode(200).extract().path("serialNumber");
        String body = "{\"reason\":\"keyCompromise\"}";

        refused(given().auth().oauth2(CaTestSupport.subscriberToken(account.accountId())).contentType(ContentType.JSON)
                .body(body).post("/api/v1/certificates/" + serial + "/revoke"), 403, "FORBIDDEN");
        refused(given().contentType(ContentType.JSON).body(body).post("/api/v1/certificates/" + serial + "/revoke"),
                401, "UNAUTHENTICATED");
        String operator = CaTestSupport.operatorToken();
        refused(given().auth().oauth2(operator).contentType(ContentType.JSON).body(body)
                .post("/api/v1/certificates/ABCDEF0123456789/revoke"), 404, "CERTIFICATE_NOT_FOUND");
        refused(given().auth().oauth2(operator).contentType(ContentType.JSON).body(body)
                .post("/api/v1/certificates/'; drop table issued_certificate;--/revoke"), 404, "CERTIFICATE_NOT_FOUND");
        refused(given().auth().oauth2(operator).contentType(ContentType.JSON).body("{\"reason\":\"removeFromCRL\"}")
                .post("/api/v1/certificates/" + serial + "/revoke"), 400, "REVOCATION_REASON_INVALID");
        refused(given().auth().oauth2(operator).contentType(ContentType.JSON).body("{\"reason\":7}")
                .post("/api/v1/certificates/" + serial + "/revoke"), 400, "MALFORMED_REQUEST");
        refused(given().auth().oauth2(operator).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/certificates/" + serial + "/revoke"), 400, "REVOCATION_REASON_INVALID");

        given().auth().oauth2(operator).get("/api/v1/certificates/" + serial).then().statusCode(200)
                .body("status", equalTo("GOOD"));
    }

    @Test
    void malformedOcspAndTsaRequestsGetTheProtocolsOwnErrorAndA4xx() {
        byte[] ocsp = given().contentType("application/ocsp-request").body(new byte[] {0x30, 0x03, 0x02, 0x01})
                .post("/ocsp").then().statusCode(400).contentType("application/ocsp-response").extract().asByteArray();
        // OCSPResponse ::= SEQUENCE { responseStatus ENUMERATED malformedRequest(1) }
        org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {0x30, 0x03, 0x0a, 0x01, 0x01}, ocsp);
        given().get("/ocsp/%%%not-base64").then().statusCode(400).contentType("application/ocsp-response");
        given().contentType("application/timestamp-query").body("garbage".getBytes()).post("/tsa")
                .then().statusCode(400).contentType("application/timestamp-reply");
        given().contentType(ContentType.JSON).body("{}").post("/ocsp").then().statusCode(415)
                .contentType("application/problem+json").body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        given().contentType(ContentType.TEXT).body("x").post("/tsa").then().statusCode(415)
                .contentType("application/problem+json").body("detail", not(containsString("Exception")));
        given().get("/ca/secret.key").then().statusCode(404).contentType("application/problem+json");
    }

    private static void refused(io.restassured.response.Response response, int status, String code) {
        response.then().statusCode(status).contentType("application/problem+json").body("code", equalTo(code))
                .body("detail", not(containsString("Exception")));
    }
}
