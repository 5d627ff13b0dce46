package vn.kyso.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;

/** Issue 18, "Also": one source cannot fill the Argon2id queue — past its budget it gets 429 with Retry-After. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "account"))
@WithTestResource(JwtKeysTestResource.class)
class RequestBudgetTest {

    private static io.restassured.response.Response login(String source) {
        // An unreadable body: refused without any hashing, yet counted, as every request is.
        return given().header("X-Forwarded-For", source).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/auth/token");
    }

    @Test
    void oneSourcePastItsBudgetWaitsAndOthersDoNot() {
        String flood = "192.0.2.200";
        io.restassured.response.Response refused = null;
        int sent = 0;
        // The burst (30) passes; then the source may go on only as fast as its budget refills (10 a second).
        while (refused == null && sent < 500) {
            io.restassured.response.Response answer = login(flood);
            sent++;
            assertTrue(answer.statusCode() == 400 || answer.statusCode() == 429, "answered " + answer.statusCode());
            refused = answer.statusCode() == 429 ? answer : null;
        }
        assertTrue(refused != null && sent > 30, "refused after " + sent + " requests");
        refused.then().contentType("application/problem+json").body("code", equalTo("TOO_MANY_REQUESTS"));
        assertEquals(1, Integer.parseInt(refused.header("Retry-After")));
        assertEquals(400, login("192.0.2.201").statusCode(), "another source has its own budget");
    }
}
