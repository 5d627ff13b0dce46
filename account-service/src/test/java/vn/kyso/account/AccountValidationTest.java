package vn.kyso.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import vn.kyso.events.Topics;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.TopicReader;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "account"))
@WithTestResource(JwtKeysTestResource.class)
class AccountValidationTest {

    /** Identifier numbers used by the rejected requests: none of them may ever be persisted or announced. */
    private static final List<String> REJECTED_IDS = List.of("00120300456", "0012030045678", "00120300456A",
            "12345678", "123", "900000000001", "900000000002", "900000000003", "900000000004", "900000000005",
            "900000000006", "900000000007", "900000000008", "900000000009", "900000000010", "900000000011",
            "900000000012", "900000000013", "900000000014");

    static String body(String idType, String idNumber, String fullName, String email, String phone) {
        return """
                {"idType":%s,"idNumber":%s,"fullName":%s,"email":%s,"phone":%s,"province":"Hà Nội","locality":"Cầu Giấy"}"""
                .formatted(q(idType), q(idNumber), q(fullName), q(email), q(phone));
    }

    private static String q(String s) {
        return s == null ? "null" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static Stream<Arguments> invalidFields() {
        String ok = "Nguyễn Văn An";
        return Stream.of(
                Arguments.of(body("CCCD", "00120300456", ok, "a@example.vn", "0912345678"), "idNumber"),
                Arguments.of(body("CCCD", "0012030045678", ok, "a@example.vn", "0912345678"), "idNumber"),
                Arguments.of(body("CCCD", "00120300456A", ok, "a@example.vn", "0912345678"), "idNumber"),
                Arguments.of(body("HC", "12345678", ok, "a@example.vn", "0912345678"), "idNumber"),
                Arguments.of(body("MST", "123", ok, "a@example.vn", "0912345678"), "idNumber"),
                Arguments.of(body("PASSPORT", "900000000001", ok, "a@example.vn", "0912345678"), "idType"),
                Arguments.of(body("CCCD", "900000000002", ok, "not-an-email", "0912345678"), "email"),
                Arguments.of(body("CCCD", "900000000003", ok, "a b@example.vn", "0912345678"), "email"),
                Arguments.of(body("CCCD", "900000000004", ok, "a@example.vn", "12345"), "phone"),
                Arguments.of(body("CCCD", "900000000005", ok, "a@example.vn", "+1 555 123 4567"), "phone"),
                Arguments.of(body("CCCD", "900000000006", "<script>alert(1)</script>", "a@example.vn", "0912345678"), "fullName"),
                Arguments.of(body("CCCD", "900000000007", "Robert'); DROP TABLE account;--", "a@example.vn", "0912345678"), "fullName"),
                Arguments.of(body("CCCD", "900000000008", "Nguy\u202Eễn", "a@example.vn", "0912345678"), "fullName"),
                Arguments.of(body("CCCD", "900000000009", "A".repeat(129), "a@example.vn", "0912345678"), "fullName"),
                Arguments.of(body("CCCD", "900000000010", ok, "a@example.vn", null), "phone"),
                // Invisible characters inside an otherwise allowed name: zero-width space, left-to-right mark, a C1 control.
                Arguments.of(body("CCCD", "900000000011", "Nguyễn\u200BVăn An", "a@example.vn", "0912345678"), "fullName"),
                Arguments.of(body("CCCD", "900000000012", "\u200ECông ty 3 Sao", "a@example.vn", "0912345678"), "fullName"),
                Arguments.of(body("CCCD", "900000000013", "Nguyễn\u0085Văn An", "a@example.vn", "0912345678"), "fullName"),
                Arguments.of(body("CCCD", "900000000014", "(Chi nhánh) Huế", "a@example.vn", "0912345678"), "fullName"));
    }

    /** Registered names as people and organisations (MST accounts) carry them: digits, & . , - ( ) / included. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"Công ty TNHH 3 Sao & Cộng sự (Chi nhánh Huế)",
        "Hộ kinh doanh Phở 24/7", "CTCP Đầu tư - Xây dựng số 1, Hà Nội", "Nguyễn Văn An", "3M Việt Nam",
        "Trường THPT Chu Văn An (Hà Nội)"})
    void namesOfPeopleAndOrganisationsAreAccepted(String name) {
        String token = AccountApiTest.operatorToken();
        String mst = String.format("%010d",
                java.util.concurrent.ThreadLocalRandom.current().nextLong(10_000_000_000L));
        String accountId = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(body("MST", mst, "  " + name.replace(" ", "  ") + " ", "mst" + mst + "@example.vn",
                        "0912345678"))
                .post("/api/v1/accounts").then().statusCode(201).extract().path("accountId");
        // Stored as typed, outer spaces trimmed and inner runs of spaces made single.
        given().auth().oauth2(token).get("/api/v1/accounts/" + accountId).then().statusCode(200)
                .body("fullName", equalTo(name));
    }

    @ParameterizedTest
    @MethodSource("invalidFields")
    void invalidFieldsAreRejectedWithTheFieldNamed(String json, String field) {
        given().auth().oauth2(AccountApiTest.operatorToken()).contentType(ContentType.JSON).body(json)
                .post("/api/v1/accounts")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("type", equalTo("https://kyso.vn/problems/validation-failed"))
                .body("errors.field", hasItem(field));
    }

    @Test
    void anEmptyObjectListsEveryMissingField() {
        given().auth().oauth2(AccountApiTest.operatorToken()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/accounts")
                .then().statusCode(400)
                .body("errors.field", hasItems("idType", "idNumber", "fullName", "email", "phone", "province", "locality"))
                .body("errors", hasSize(7));
    }

    static Stream<Arguments> unreadableBodies() {
        return Stream.of(
                Arguments.of("{", "MALFORMED_REQUEST"),
                Arguments.of("[]", "MALFORMED_REQUEST"),
                Arguments.of("null", "MALFORMED_REQUEST"),
                Arguments.of("", "MALFORMED_REQUEST"),
                Arguments.of("{\"idType\":\"CCCD\"} trailing", "MALFORMED_REQUEST"),
                Arguments.of("{\"idType\":\"CCCD\",\"idNumber\":123456789012}", "MALFORMED_REQUEST"),
                Arguments.of("{\"idType\":\"CCCD\",\"role\":\"admin\"}", "MALFORMED_REQUEST"),
                Arguments.of("{\"idType\":[\"CCCD\"]}", "MALFORMED_REQUEST"));
    }

    @ParameterizedTest
    @MethodSource("unreadableBodies")
    void unreadableBodiesAreMalformedRequests(String json, String code) {
        given().auth().oauth2(AccountApiTest.operatorToken()).contentType(ContentType.JSON).body(json)
                .post("/api/v1/accounts")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo(code))
                .body("detail", not(containsString("com.fasterxml")))
                .body("detail", not(containsString("vn.kyso")));
    }

    @Test
    void wrongContentTypeAndOversizedBodiesAreRefused() {
        given().auth().oauth2(AccountApiTest.operatorToken()).contentType(ContentType.TEXT).body("idType=CCCD")
                .post("/api/v1/accounts")
                .then().statusCode(415).contentType("application/problem+json")
                .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        given().auth().oauth2(AccountApiTest.operatorToken()).contentType(ContentType.JSON)
                .body(body("CCCD", "900000000011", "x".repeat(70_000), "a@example.vn", "0912345678"))
                .post("/api/v1/accounts")
                .then().statusCode(413);
        given().auth().oauth2(AccountApiTest.operatorToken()).delete("/api/v1/accounts")
                .then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void rejectedRequestsLeaveNoAccountAndNoEvent() {
        String token = AccountApiTest.operatorToken();
        invalidFields().forEach(args -> given().auth().oauth2(token).contentType(ContentType.JSON)
                .body((String) args.get()[0]).post("/api/v1/accounts").then().statusCode(400));
        for (String id : REJECTED_IDS) {
            given().auth().oauth2(token).queryParam("identifier", id).get("/api/v1/accounts")
                    .then().statusCode(200).body("$", hasSize(0));
        }
        // A valid account created afterwards is on the topic; nothing before it mentions a rejected identifier.
        String valid = AccountApiTest.newCccd();
        given().auth().oauth2(token).contentType(ContentType.JSON).body(AccountApiTest.accountJson(valid))
                .post("/api/v1/accounts").then().statusCode(201);
        assertEquals(1, TopicReader.awaitRecords(Topics.ACCOUNT_EVENTS, r -> r.value().contains(valid), 1,
                java.time.Duration.ofSeconds(30)).size());
        assertEquals(0, TopicReader.readAll(Topics.ACCOUNT_EVENTS,
                r -> REJECTED_IDS.stream().anyMatch(id -> r.value().contains("\"" + id + "\""))).size());
    }
}
