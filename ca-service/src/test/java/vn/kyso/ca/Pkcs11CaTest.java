package vn.kyso.ca;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import vn.kyso.ca.crypto.TestCsrs;
import vn.kyso.ca.model.CaAuthority;
import vn.kyso.ca.repository.AccountRecordRepository;
import vn.kyso.ca.repository.CaAuthorityRepository;
import vn.kyso.events.account.AccountCreated;
import vn.kyso.testsupport.InSession;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.Openssl;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SoftHsmTestResource;

/** The same CA with its keys inside a PKCS#11 token (SoftHSM2), still accepted by OpenSSL. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca_p11"))
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(SoftHsmTestResource.class)
@DisabledIf(value = "vn.kyso.testsupport.SoftHsmTestResource#unavailable",
        disabledReason = "softhsm2 is not installed (apt-get install -y softhsm2); .ci/run installs it")
class Pkcs11CaTest {

    @Inject
    CaAuthorityRepository authorities;

    @Inject
    AccountRecordRepository accounts;

    @TestHTTPResource("/ocsp")
    URL ocspUrl;

    @Test
    void theHierarchyLivesInTheTokenAndItsCertificatesVerify() throws Exception {
        List<CaAuthority> hierarchy = InSession.await(() -> authorities.listAll());
        assertEquals(3, hierarchy.size());
        hierarchy.forEach(a -> assertTrue(a.keyReference.startsWith("p11:"), a.role + " key is in the token"));

        Path dir = Files.createTempDirectory("kyso-p11");
        String chain = Openssl.file(dir, "chain.pem", given().get("/ca/chain.pem").then().statusCode(200)
                .extract().asString());
        String issuing = Openssl.file(dir, "issuing.pem", given().get("/ca/issuing.pem").then().statusCode(200)
                .extract().asString());
        AccountCreated account = CaTestSupport.account(accounts, "Ngô Bảo Châu");
        String cert = Openssl.file(dir, "cert.pem", CaTestSupport.inCustody(account.accountId(),
                TestCsrs.csr("CN=" + account.accountId(), TestCsrs.rsa(2048)))
                .then().statusCode(200).extract().<String>path("certificate"));

        Openssl.Result verify = Openssl.run("verify", "-CAfile", chain, cert);
        assertTrue(verify.ok(), verify.output());
        Openssl.Result ocsp = Openssl.run("ocsp", "-issuer", issuing, "-CAfile", chain, "-cert", cert, "-url",
                ocspUrl.toString());
        assertTrue(ocsp.output().contains(": good") && ocsp.output().contains("Response verify OK"), ocsp.output());

        String data = Openssl.file(dir, "data.txt", "ký số");
        String query = dir.resolve("q.tsq").toString();
        assertTrue(Openssl.run("ts", "-query", "-data", data, "-sha256", "-cert", "-out", query).ok());
        byte[] reply = given().contentType("application/timestamp-query").body(Files.readAllBytes(Path.of(query)))
                .post("/tsa").then().statusCode(200).extract().asByteArray();
        Openssl.Result ts = Openssl.run("ts", "-verify", "-data", data, "-in", Openssl.file(dir, "r.tsr", reply),
                "-CAfile", chain);
        assertTrue(ts.output().contains("Verification: OK"), ts.output());
    }
}
