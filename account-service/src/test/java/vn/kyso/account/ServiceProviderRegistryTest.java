package vn.kyso.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import vn.kyso.account.service.ServiceProviderService;
import vn.kyso.events.EventCodec;
import vn.kyso.events.Topics;
import vn.kyso.events.serviceprovider.ServiceProviderRegistered;
import vn.kyso.events.serviceprovider.ServiceProviderSecretRotated;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.TopicReader;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "account"))
@WithTestResource(JwtKeysTestResource.class)
class ServiceProviderRegistryTest {

    @Test
    void registerShowsTheSecretOnceAndAnnouncesOnlyItsHash() {
        String name = "E-invoice " + UUID.randomUUID();
        var created = given().auth().oauth2(AccountApiTest.operatorToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"webhookUrl\":\"https://einvoice.example.vn/hook\"}")
                .post("/api/v1/service-providers")
                .then().statusCode(201).body("status", equalTo("ACTIVE")).extract();
        String spId = created.path("spId");
        String secret = created.path("spPassword");
        assertEquals(43, secret.length(), "256 random bits, base64url");

        given().auth().oauth2(AccountApiTest.operatorToken()).get("/api/v1/service-providers")
                .then().statusCode(200)
                .body("spId", hasItem(spId))
                .body(not(containsString(secret)));

        TopicReader.awaitRecords(Topics.SERVICE_PROVIDER_EVENTS, r -> spId.equals(r.key()), 1, Duration.ofSeconds(30));
        List<ConsumerRecord<String, String>> events = TopicReader.readAll(Topics.SERVICE_PROVIDER_EVENTS,
                r -> spId.equals(r.key()));
        assertEquals(1, events.size());
        assertFalse(events.get(0).value().contains(secret), "the secret never travels");
        ServiceProviderRegistered registered = EventCodec.fromJson(events.get(0).value(), ServiceProviderRegistered.class);
        assertEquals(ServiceProviderService.sha256(secret), registered.secretSha256());
        assertEquals(name, registered.name());

        String rotated = given().auth().oauth2(AccountApiTest.operatorToken())
                .post("/api/v1/service-providers/" + spId + "/rotate-secret")
                .then().statusCode(200).extract().path("spPassword");
        assertNotEquals(secret, rotated);
        given().auth().oauth2(AccountApiTest.operatorToken()).post("/api/v1/service-providers/" + spId + "/disable")
                .then().statusCode(200).body("status", equalTo("DISABLED"));
        given().auth().oauth2(AccountApiTest.operatorToken()).post("/api/v1/service-providers/" + spId + "/rotate-secret")
                .then().statusCode(409).body("code", equalTo("SERVICE_PROVIDER_DISABLED"));

        List<ConsumerRecord<String, String>> all = TopicReader.awaitRecords(Topics.SERVICE_PROVIDER_EVENTS,
                r -> spId.equals(r.key()), 3, Duration.ofSeconds(30));
        assertEquals(List.of("vn.kyso.serviceprovider.ServiceProviderRegistered.v1",
                "vn.kyso.serviceprovider.ServiceProviderSecretRotated.v1",
                "vn.kyso.serviceprovider.ServiceProviderDisabled.v1"),
                all.stream().map(r -> AccountApiTest.header(r, "ce_type")).toList());
        assertEquals(ServiceProviderService.sha256(rotated),
                EventCodec.fromJson(all.get(1).value(), ServiceProviderSecretRotated.class).secretSha256());
    }

    @Test
    void redirectUrisAreRegisteredCheckedReplacedAndAnnounced() {
        String name = "Contracts " + UUID.randomUUID();
        String spId = given().auth().oauth2(AccountApiTest.operatorToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"webhookUrl\":\"https://contracts.example.vn/hook\","
                        + "\"redirectUris\":[\"https://contracts.example.vn/kyso/callback\"]}")
                .post("/api/v1/service-providers").then().statusCode(201).extract().path("spId");
        for (String bad : List.of("http://contracts.example.vn/cb", "https://contracts.example.vn/cb#x",
                "https://user@contracts.example.vn/cb", "/relative/cb", "javascript:alert(1)", " https://a.vn/cb")) {
            given().auth().oauth2(AccountApiTest.operatorToken()).contentType(ContentType.JSON)
                    .body(java.util.Map.of("redirectUris", List.of(bad)))
                    .put("/api/v1/service-providers/" + spId + "/redirect-uris")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("redirectUris[0]"));
        }
        given().auth().oauth2(AccountApiTest.operatorToken()).contentType(ContentType.JSON)
                .body(java.util.Map.of("redirectUris", List.of("https://contracts.example.vn/v2/callback",
                        "http://127.0.0.1:53117/callback")))
                .put("/api/v1/service-providers/" + spId + "/redirect-uris")
                .then().statusCode(200).body("redirectUris", equalTo(List.of(
                        "https://contracts.example.vn/v2/callback", "http://127.0.0.1:53117/callback")));

        List<ConsumerRecord<String, String>> all = TopicReader.awaitRecords(Topics.SERVICE_PROVIDER_EVENTS,
                r -> spId.equals(r.key()), 2, Duration.ofSeconds(30));
        assertEquals(List.of("https://contracts.example.vn/kyso/callback"),
                EventCodec.fromJson(all.get(0).value(), ServiceProviderRegistered.class).redirectUris());
        assertEquals(List.of("https://contracts.example.vn/v2/callback", "http://127.0.0.1:53117/callback"),
                EventCodec.fromJson(all.get(1).value(), vn.kyso.events.serviceprovider
                        .ServiceProviderRedirectUrisChanged.class).redirectUris());
        assertEquals(2, all.size(), "the refused lists announced nothing");
    }

    @Test
    void badRegistrationsAreRefused() {
        String token = AccountApiTest.operatorToken();
        String name = "Bank " + UUID.randomUUID();
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"webhookUrl\":\"https://bank.example.vn/hook\"}")
                .post("/api/v1/service-providers").then().statusCode(201);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name.toUpperCase() + "\",\"webhookUrl\":\"https://bank.example.vn/hook\"}")
                .post("/api/v1/service-providers").then().statusCode(409).body("code", equalTo("SERVICE_PROVIDER_NAME_TAKEN"));
        // Never the cluster, the nodes, a private network, loopback or link-local (cloud metadata), in any spelling.
        for (String url : new String[] {"ftp://x.vn/h", "http://bank.example.vn/hook", "not a url", "https://u:p@x.vn/",
            "https://169.254.169.254/latest/meta-data", "https://2852039166/", "https://[::ffff:169.254.169.254]/",
            "https://[fd00::1]/hook", "https://224.0.0.1/hook", "https://10.0.0.5/hook", "https://127.0.0.1:8084/",
            "http://127.0.0.1:8084/", "https://localhost/hook", "http://localhost:9/kyso-webhook"}) {
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body("{\"name\":\"X " + UUID.randomUUID() + "\",\"webhookUrl\":\"" + url + "\"}")
                    .post("/api/v1/service-providers").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("webhookUrl"));
        }
        given().auth().oauth2(token).post("/api/v1/service-providers/" + UUID.randomUUID() + "/disable")
                .then().statusCode(404).body("code", equalTo("SERVICE_PROVIDER_NOT_FOUND"));
        given().contentType(ContentType.JSON).body("{\"name\":\"n\",\"webhookUrl\":\"https://x.vn\"}")
                .post("/api/v1/service-providers").then().statusCode(401);
    }
}
